/**
 * The server killed with SIGKILL in the middle of a posting load (issue 11, findings 8 and 10):
 * the database is intact with every acknowledged post, its Meilisearch does not outlive it,
 * the restarted server runs exactly one Meilisearch and drains the outbox. Before the crash,
 * the data files are the owner's alone and the master key is not on a command line.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { missingFrom, notFindable, integrityCheck, pendingOutbox, seedForum, signIn, startLoad, type Account } from "./forum";
import { logTail, meiliOf, meiliProcesses, pollUntil, scenarioDir, startKollegi, stopLeftovers, type FaultServer } from "./server";

const CLIENTS = 4;
const POSTS = 1_000;
const KILL_AFTER = 120;
/** A start, a backlog, a process exit: generous for two busy cores; a hung run stops here. */
const LIMIT_MS = 120_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let dir: string;
let accounts: Account[];
let server: FaultServer;
let restarted: FaultServer | undefined;

beforeAll(async () => {
  dir = scenarioDir("server-killed");
  accounts = await seedForum(path.join(dir, "kollegi.db"), CLIENTS);
  server = await startKollegi(dir);
});

afterAll(async () => {
  await server?.stop();
  await restarted?.stop();
  stopLeftovers(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

const onDataFolder = (meiliDir: string) => meiliProcesses().filter((p) => p.dbPath === meiliDir);

it("keeps the data files to their owner and the Meilisearch master key off the command line", async () => {
  const meili = await meiliOf(server);
  // The address is written once Meilisearch answers.
  await pollUntil(() => fs.existsSync(path.join(dir, "meili.url")), LIMIT_MS);
  const key = fs.readFileSync(path.join(dir, "meili.key"), "utf8").trim();
  expect(key.length).toBeGreaterThan(0);
  expect(meili.cmdline.join(" ")).not.toContain(key);

  const open = [
    dir,
    "kollegi.db",
    "kollegi.db-wal",
    "kollegi.db-shm",
    "meili.key",
    "meili.url",
    "meili.log",
    meili.dbPath,
    `${meili.dbPath}.pid`,
  ]
    .map((name) => path.resolve(dir, name))
    .map((file) => ({ file: path.relative(dir, file) || ".", mode: (fs.statSync(file).mode & 0o777).toString(8) }))
    .filter(({ mode }) => !mode.endsWith("00"));
  expect(open).toEqual([]);
});

it("loses no acknowledged post to a SIGKILL mid-load, leaves no Meilisearch behind and drains the outbox after the restart", async () => {
  const meili = await meiliOf(server);
  const cookies = await Promise.all(accounts.map((account) => signIn(server.baseUrl, account)));
  // Search is up (its address is written once it answers): the crash hits a live outbox, not a cold start.
  await pollUntil(() => fs.existsSync(path.join(dir, "meili.url")), LIMIT_MS);
  const load = startLoad(server.baseUrl, cookies, POSTS);
  await pollUntil(() => load.acknowledged.length >= KILL_AFTER, LIMIT_MS, 20);
  await server.kill();
  await load.stop();
  const acknowledged = [...load.acknowledged];
  const pendingAtCrash = pendingOutbox(server.databasePath);

  // The kernel stops it with its parent (setpriv --pdeathsig); a stale one would be stopped at the next start.
  const orphanGone = await pollUntil(() => onDataFolder(meili.dbPath).length === 0, LIMIT_MS);
  const integrity = integrityCheck(server.databasePath);
  const missing = missingFrom(server.databasePath, acknowledged);

  const restartAt = Date.now();
  restarted = await startKollegi(dir);
  const healthyAfter = Date.now() - restartAt;
  const relaunched = await meiliOf(restarted);
  const drained = await pollUntil(() => pendingOutbox(restarted!.databasePath) === 0, LIMIT_MS);
  const caughtUp = await pollUntil(async () => (await notFindable(restarted!.baseUrl, acknowledged)).length === 0, LIMIT_MS, 500);
  const unfound = await notFindable(restarted.baseUrl, acknowledged);
  const running = onDataFolder(meili.dbPath);
  console.log(
    `fault/server-killed: ${acknowledged.length} posts acknowledged before the SIGKILL (refused: ${JSON.stringify(load.refused)}), ` +
      `${acknowledged.length - missing.length} in the database after it; integrity_check: ${integrity}; ` +
      `its Meilisearch (pid ${meili.pid}) ${orphanGone.met ? `gone ${seconds(orphanGone.ms)} after the server` : "still running"}; ` +
      `${pendingAtCrash} outbox rows pending at the crash, drained ${seconds(drained.ms)} after the restarted server's Meilisearch was found ` +
      `(server healthy ${seconds(healthyAfter)} after the restart); ${acknowledged.length - unfound.length} findable ${seconds(caughtUp.ms)} after that; ` +
      `RSS ${server.peakRssKb()} kB peak before the crash, ${restarted.peakRssKb()} kB after`,
  );

  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(integrity).toBe("ok");
  expect(missing.map((p) => p.token)).toEqual([]);
  expect(orphanGone.met).toBe(true);
  expect(running.map((p) => p.pid)).toEqual([relaunched.pid]);
  expect(pendingOutbox(restarted.databasePath), logTail(restarted)).toBe(0);
  expect(unfound.map((p) => p.token)).toEqual([]);

  await restarted.stop();
  const stoppedWith = await pollUntil(() => onDataFolder(meili.dbPath).length === 0, LIMIT_MS);
  expect(stoppedWith.met).toBe(true);
});
