/**
 * The production server as a child process, the way `npm start` would run it,
 * with its memory watched from /proc while the rows run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

const HEALTH_TIMEOUT_MS = 60_000;
const RSS_SAMPLE_MS = 200;
const STOP_GRACE_MS = 5_000;

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

export interface RunningServer {
  port: number;
  baseUrl: string;
  pid: number;
  /** RSS once /healthz first answers: the baseline the peak is read against. */
  startRssKb: number | null;
  peakRssKb: () => number;
  /** Set once the process is gone; a server dying mid-row must not pass for a slow one. */
  exit: () => ExitInfo | null;
  /** Peak RSS since the previous call, so each row can carry its own. */
  takeWindowPeakKb: () => number;
  /** VmRSS now. */
  currentRssKb: () => number;
  /** Stops the server and returns the kernel's high-water mark of its RSS (VmHWM), read just before. */
  stop: () => Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function procStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(options: { cwd: string; databasePath: string; logFile: string }): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: options.databasePath,
    SEED_DEMO: "false",
    COOKIE_SECURE: "false",
    // A fresh Meilisearch data folder per run, beside the working database (removed with it).
    MEILI_DATA_DIR: `${options.databasePath}.meili`,
    // As `npm start` runs it (package.json; docs/decisions/024).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
  };
  // Without MEILI_URL the app falls back to its own behaviour; the bench never points at a shared one.
  delete env.MEILI_URL;
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, ["server.mjs"], { cwd: options.cwd, env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error("The server process could not be spawned");
  let exitInfo: ExitInfo | null = null;
  child.once("exit", (code, signal) => {
    exitInfo = { code, signal };
  });

  // If the bench dies on an exception, the server must not outlive it.
  const killOnExit = () => {
    if (!exited(child)) child.kill("SIGKILL");
  };
  process.on("exit", killOnExit);

  let peak = 0;
  let windowPeak = 0;
  const sampler = setInterval(() => {
    const rss = procStatusKb(pid, "VmRSS") ?? 0;
    peak = Math.max(peak, rss);
    windowPeak = Math.max(windowPeak, rss);
  }, RSS_SAMPLE_MS);
  const takeWindowPeakKb = () => {
    const value = windowPeak;
    windowPeak = 0;
    return value;
  };

  const stop = async () => {
    clearInterval(sampler);
    const hwm = procStatusKb(pid, "VmHWM");
    if (!exited(child)) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill("SIGKILL");
        await waitForExit(child, STOP_GRACE_MS);
      }
    }
    process.off("exit", killOnExit);
    return hwm;
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) break;
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200)
        return {
          port,
          baseUrl,
          pid,
          startRssKb: procStatusKb(pid, "VmRSS"),
          peakRssKb: () => peak,
          takeWindowPeakKb,
          currentRssKb: () => procStatusKb(pid, "VmRSS") ?? 0,
          exit: () => exitInfo,
          stop,
        };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  const tail = fs.readFileSync(options.logFile, "utf8").split("\n").slice(-30).join("\n");
  // The exit listener assigns exitInfo behind TypeScript's back, so read it through a cast.
  const info = exitInfo as ExitInfo | null;
  const why = info ? `exited (code ${info.code}, signal ${info.signal}) before` : `did not within ${HEALTH_TIMEOUT_MS / 1000} s of`;
  throw new Error(`The server ${why} answering 200 on /healthz. Log tail:\n${tail}`);
}
