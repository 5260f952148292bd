/**
 * A backup taken by `npm run backup` while teachers post (issue 11, "backups that restore"):
 * `npm run restore` refuses while the server runs, then brings it back with the server
 * stopped, and the restarted server has, and search finds (the index rebuilt from scratch), every
 * post acknowledged before the backup began; what was posted after it is gone, as it must be.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { integrityCheck, missingFrom, notFindable, seedForum, signIn, startLoad, type Acknowledged } from "./forum";
import { logTail, meiliOf, pollUntil, root, scenarioDir, startKollegi, stopLeftovers, type FaultServer } from "./server";

const CLIENTS = 4;
/** The load runs until stopped; this only bounds it. */
const POSTS = 100_000;
const INDEXED_BEFORE = 40;
const BEFORE_BACKUP = 80;
const AFTER_BACKUP = 40;
const LIMIT_MS = 120_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let dir: string;
let server: FaultServer;
let restarted: FaultServer | undefined;
let cookies: string[];

beforeAll(async () => {
  dir = scenarioDir("backup");
  const accounts = await seedForum(path.join(dir, "kollegi.db"), CLIENTS);
  server = await startKollegi(dir);
  cookies = await Promise.all(accounts.map((account) => signIn(server.baseUrl, account)));
});

afterAll(async () => {
  await server?.stop();
  await restarted?.stop();
  stopLeftovers(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An npm script against this scenario's database, run beside the load (never blocking this process). */
function npmRun(script: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: server.databasePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

it("restores a backup taken under write load with every post acknowledged before it, and search finds them", async () => {
  const uploaded = path.join(dir, "uploads", "ab", "abcdef");
  fs.mkdirSync(path.dirname(uploaded), { recursive: true });
  fs.writeFileSync(uploaded, "a teacher's worksheet");
  await pollUntil(() => fs.existsSync(path.join(dir, "meili.url")), LIMIT_MS);
  const { dbPath: searchData } = await meiliOf(server);

  // A long reader (a report, a reindex) holds an old snapshot: no checkpoint can move the new posts
  // out of the WAL into the database file, so a copy of that file alone would lose them.
  const reader = new Database(server.databasePath, { fileMustExist: true });
  reader.exec("BEGIN");
  reader.prepare("SELECT count(*) FROM posts").get();

  // Posts already in the index when the backup is taken (their outbox rows delivered): only a
  // rebuild after the restore puts them in a new index.
  const indexed = startLoad(server.baseUrl, cookies, INDEXED_BEFORE);
  await indexed.done;
  await pollUntil(async () => (await notFindable(server.baseUrl, indexed.acknowledged)).length === 0, LIMIT_MS, 500);

  const load = startLoad(server.baseUrl, cookies, POSTS);
  await pollUntil(() => load.acknowledged.length >= BEFORE_BACKUP, LIMIT_MS, 20);
  const before: Acknowledged[] = [...indexed.acknowledged, ...load.acknowledged];
  const backupStarted = Date.now();
  const backup = await npmRun("backup");
  const backupMs = Date.now() - backupStarted;
  reader.exec("COMMIT");
  reader.close();
  const duringBackup = load.acknowledged.length - before.length + indexed.acknowledged.length;
  const doneAt = load.acknowledged.length;
  await pollUntil(() => load.acknowledged.length >= doneAt + AFTER_BACKUP, LIMIT_MS, 20);
  await load.stop();
  const after = load.acknowledged.slice(doneAt);

  expect(backup.code, backup.output).toBe(0);
  const [taken] = fs.readdirSync(path.join(dir, "backups"));
  const backupDir = path.join(dir, "backups", taken!);
  expect([backupDir, ...["kollegi.db", "manifest.json", "uploads/ab/abcdef"].map((f) => path.join(backupDir, f))].map(mode)).toEqual([
    "700",
    "600",
    "600",
    "600",
  ]);

  const refused = await npmRun("restore", backupDir);
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/in use/);
  expect(missingFrom(server.databasePath, after)).toEqual([]);

  await server.stop();
  // The restore of a lost machine: the backup holds no search index (it is a copy), the new one starts empty.
  fs.rmSync(searchData, { recursive: true, force: true });
  fs.writeFileSync(uploaded, "overwritten after the backup");
  const restore = await npmRun("restore", "latest");
  expect(restore.code, restore.output).toBe(0);
  expect(integrityCheck(server.databasePath)).toBe("ok");
  expect(missingFrom(server.databasePath, before).map((p) => p.token)).toEqual([]);
  expect(missingFrom(server.databasePath, after)).toHaveLength(after.length);
  expect(fs.readFileSync(uploaded, "utf8")).toBe("a teacher's worksheet");

  restarted = await startKollegi(dir);
  const rebuilt = await pollUntil(() => !fs.existsSync(path.join(dir, "meili.rebuild")), LIMIT_MS);
  const caughtUp = await pollUntil(async () => (await notFindable(restarted!.baseUrl, before)).length === 0, LIMIT_MS, 500);
  const unfound = await notFindable(restarted.baseUrl, before);
  console.log(
    `fault/backup: ${before.length} posts acknowledged before the backup, ${duringBackup} during its ${seconds(backupMs)} (npm run included), ${after.length} after; ` +
      `restored: ${before.length - missingFrom(server.databasePath, before).length} of the ${before.length}; index rebuilt ${rebuilt.met ? seconds(rebuilt.ms) : "not"} after the restart, ` +
      `${before.length - unfound.length} findable ${seconds(caughtUp.ms)} later\n${backup.output.trim()}\n${restore.output.trim()}`,
  );
  expect(rebuilt.met, logTail(restarted)).toBe(true);
  expect(unfound.map((p) => p.token)).toEqual([]);
});
