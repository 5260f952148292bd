/**
 * The production server for the end-to-end tests: `remix build` once, then `node server.mjs`
 * on a free port with a fresh SQLite file, exactly as a teacher's browser would meet it.
 * global-setup.ts starts the run's shared one; a file that needs a database of its own (the
 * mentoring journey moves the clock) starts another with the same function.
 *
 * Whatever the server writes to stderr is kept in a log file, which failOnServerErrors
 * (helpers.ts) reads to fail the test during which it appeared.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(__dirname, "../..");

/**
 * A cold start migrates, seeds the demo data (argon2 hashes, ten weeks of mentoring history)
 * and launches Meilisearch: seconds when idle, far longer on two cores shared with other work.
 */
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 5_000;
const HEALTH_POLL_MS = 200;

export type RunningServer = {
  baseURL: string;
  databasePath: string;
  /** Everything the server wrote to stderr, appended as it comes. */
  errorLog: string;
  stop: () => Promise<void>;
};

/** The production build that every server of the run serves. */
export function buildApp(): void {
  const result = spawnSync("npx", ["remix", "build"], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    throw new Error(`remix build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function stop(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output()}`);
    const up = await fetch(`${baseURL}/healthz`).then(
      (response) => response.status === 200,
      () => false, // not listening yet
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`The server did not answer ${baseURL}/healthz within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * The demo data's search documents are delivered after the server answers; tests that search
 * it (similar threads, the header search) and the first questions asked, whose publishing asks
 * search for similar threads, should not meet an index still being filled on a busy machine.
 */
async function waitForSearch(databasePath: string, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
    const { pending } = sqlite.prepare("select count(*) as pending from search_outbox where delivered_at is null").get() as {
      pending: number;
    };
    sqlite.close();
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`Search still had ${pending} documents to index after ${START_TIMEOUT_MS} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
}

/**
 * A server on a fresh database in `dir` (emptied first; removed again by stop()). `demo`: the
 * demo networks and accounts on first start, as `npm start` does; without it the database has
 * only what the test writes.
 */
export async function startServer({ dir, name, demo = true }: { dir: string; name: string; demo?: boolean }): Promise<RunningServer> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, "kollegi.db");
  const errorLog = path.join(dir, "server-stderr.log");
  fs.writeFileSync(errorLog, "");
  const baseURL = `http://127.0.0.1:${await freePort()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: new URL(baseURL).port,
    HOST: "127.0.0.1",
    DATABASE_PATH: databasePath,
    // Canonical links and emails name the address the browser uses.
    PUBLIC_URL: baseURL,
    COOKIE_SECURE: "false",
    SEED_DEMO: demo ? "true" : "false",
  };
  // Its own bundled Meilisearch beside its database, never one a developer's shell points at.
  delete env.MEILI_URL;
  delete env.MEILI_MASTER_KEY;
  delete env.MEILI_DATA_DIR;
  const child = spawn(process.execPath, ["server.mjs"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    fs.appendFileSync(errorLog, chunk);
    process.stderr.write(chunk.replace(/^(?=.)/gm, `[kollegi ${name} server] `));
  });
  const running: RunningServer = {
    baseURL,
    databasePath,
    errorLog,
    stop: async () => {
      await stop(child);
      const errors = fs.existsSync(errorLog) ? fs.readFileSync(errorLog, "utf8") : "";
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.trim()) process.stderr.write(`\nThe Kollegi ${name} server wrote to stderr during the e2e run:\n${errors}\n`);
    },
  };
  try {
    await waitForHealth(baseURL, child, () => output);
    await waitForSearch(databasePath, () => output);
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}
