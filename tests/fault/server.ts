/**
 * The fault suite's server: `node server.mjs` from a production build, one data folder per
 * scenario, started by the bench's helper (tests/bench/server.ts: spawn, /healthz, RSS from
 * /proc). As the suite's globalSetup this file builds, but only when a source is newer than
 * the build: in `npm test` the e2e setup has usually just built and started a server on it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../bench/server";

export const root = path.resolve(__dirname, "../..");
const BUILD = path.join(root, "build/index.js");
/** What the server bundle and its assets are made from. */
const SOURCES = ["app", "db", "search", "public", "remix.config.js", "package-lock.json"];

function newestMtime(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(file) ? 0 : stat.mtimeMs;
  if (file === path.join(root, "public/build")) return 0;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

export default function buildIfStale(): void {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))))) return;
  const result = spawnSync("npx", ["remix", "build"], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error(`remix build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** A fresh folder for one scenario's database, Meilisearch data, key, backups and log. */
export function scenarioDir(name: string): string {
  const dir = path.join(root, "tests/.tmp", `fault-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export type FaultServer = RunningServer & {
  databasePath: string;
  logFile: string;
  /** SIGKILL, as a crash or the OOM killer would, and wait until the process is gone. */
  kill: () => Promise<void>;
};

export async function startKollegi(dir: string): Promise<FaultServer> {
  const databasePath = path.join(dir, "kollegi.db");
  const logFile = path.join(dir, "server.log");
  const server = await startServer({ cwd: root, databasePath, logFile });
  const kill = async () => {
    if (server.exit() === null) process.kill(server.pid, "SIGKILL");
    await pollUntil(() => server.exit() !== null, 10_000);
  };
  return { ...server, databasePath, logFile, kill };
}

/** Waits for a condition without ever judging how long it took: the limit only stops a hung run. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  limitMs: number,
  intervalMs = 250,
): Promise<{ met: boolean; ms: number }> {
  const started = Date.now();
  for (;;) {
    if (await check()) return { met: true, ms: Date.now() - started };
    if (Date.now() - started > limitMs) return { met: false, ms: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export type MeiliProcess = { pid: number; ppid: number; dbPath: string; cmdline: string[] };

/** Every Meilisearch on this machine, from /proc (other people's too: filter by folder or parent). */
export function meiliProcesses(): MeiliProcess[] {
  const found: MeiliProcess[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      if (path.basename(cmdline[0] ?? "") !== "meilisearch") continue;
      const at = cmdline.indexOf("--db-path");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      found.push({ pid: Number(entry), ppid, dbPath: at >= 0 ? path.resolve(cmdline[at + 1] ?? "") : "", cmdline });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** The Meilisearch a server launched, once it runs (search starts after /healthz answers). */
export async function meiliOf(server: FaultServer, limitMs = 60_000): Promise<MeiliProcess> {
  let meili: MeiliProcess | undefined;
  await pollUntil(() => {
    meili = meiliProcesses().find((p) => p.ppid === server.pid);
    return meili !== undefined;
  }, limitMs);
  if (!meili) throw new Error(`The server started no Meilisearch within ${limitMs / 1000} s:\n${logTail(server)}`);
  return meili;
}

/** After a failed run: no Meilisearch of this scenario's folder outlives the test (nobody else's is touched). */
export function stopLeftovers(dir: string): void {
  for (const meili of meiliProcesses()) {
    if (!meili.dbPath.startsWith(`${dir}${path.sep}`)) continue;
    try {
      process.kill(meili.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

export function logTail(server: { logFile: string }, lines = 40): string {
  return fs.readFileSync(server.logFile, "utf8").split("\n").slice(-lines).join("\n");
}
