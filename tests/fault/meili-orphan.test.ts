/**
 * What a start finds in the pid file beside the Meilisearch data folder (issue 11, finding 8):
 * a Meilisearch whose server is gone is stopped before a new one starts on the same data;
 * a process that is not Meilisearch on this very folder is never touched; one whose server
 * still runs is left alone and no second one is started.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bundledBinary, freePort, startMeili, writePidFile, type RunningMeili } from "../../search/meili-process";
import { meiliProcesses, pollUntil, scenarioDir } from "./server";

const LIMIT_MS = 60_000;

let dir: string;
let dbPath: string;
let started: ChildProcess[] = [];
let meili: RunningMeili | undefined;

beforeEach(() => {
  dir = scenarioDir("meili-orphan");
  dbPath = path.join(dir, "meili");
});

afterEach(async () => {
  meili?.stop();
  meili = undefined;
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await pollUntil(() => started.every((child) => child.exitCode !== null || child.signalCode !== null), LIMIT_MS);
  started = [];
  await pollUntil(() => meiliProcesses().every((p) => !p.dbPath.startsWith(dir)), LIMIT_MS);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A Meilisearch on `folder` as an earlier server started it; it answers before this returns. */
async function earlierMeili(folder: string): Promise<ChildProcess> {
  fs.mkdirSync(folder, { recursive: true });
  const port = await freePort();
  const child = spawn(bundledBinary()!, ["--db-path", path.resolve(folder), "--http-addr", `127.0.0.1:${port}`, "--no-analytics"], {
    cwd: folder,
    stdio: "ignore",
    env: { ...process.env, MEILI_MASTER_KEY: "an-earlier-servers-key-0123456789" },
  });
  started.push(child);
  const up = await pollUntil(
    () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    LIMIT_MS,
    100,
  );
  if (!up.met) throw new Error("the earlier Meilisearch did not start");
  return child;
}

function sleeper(): ChildProcess {
  const child = spawn("sleep", ["600"], { stdio: "ignore" });
  started.push(child);
  return child;
}

/** The pid of a process that has exited: the owner of an orphan. */
const deadPid = () => spawnSync("true").pid;

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

it("stops a Meilisearch left by a server that is gone before starting one on the same data", async () => {
  const orphan = await earlierMeili(dbPath);
  writePidFile(dbPath, orphan.pid!, deadPid());

  meili = await startMeili({ dbPath, keyDir: dir });

  expect((await pollUntil(() => !alive(orphan), LIMIT_MS)).met).toBe(true);
  expect(
    meiliProcesses()
      .filter((p) => p.dbPath === path.resolve(dbPath))
      .map((p) => p.pid),
  ).toEqual([meili.child.pid]);
});

it("never stops a process that is not a Meilisearch on this data folder, whatever the pid file says", async () => {
  const stranger = sleeper();
  writePidFile(dbPath, stranger.pid!, deadPid());
  meili = await startMeili({ dbPath, keyDir: dir });
  meili.stop();
  const first = meili.child;
  await pollUntil(() => !alive(first), LIMIT_MS);

  const elsewhere = await earlierMeili(path.join(dir, "another-folder"));
  writePidFile(dbPath, elsewhere.pid!, deadPid());
  meili = await startMeili({ dbPath, keyDir: dir });

  expect(alive(stranger)).toBe(true);
  expect(alive(elsewhere)).toBe(true);
});

it("starts no second Meilisearch on data whose server still runs", async () => {
  const other = await earlierMeili(dbPath);
  const owner = sleeper();
  writePidFile(dbPath, other.pid!, owner.pid);

  await expect(startMeili({ dbPath, keyDir: dir })).rejects.toThrow(/belongs to the running process/);
  expect(alive(other)).toBe(true);
  expect(
    meiliProcesses()
      .filter((p) => p.dbPath === path.resolve(dbPath))
      .map((p) => p.pid),
  ).toEqual([other.pid]);
});
