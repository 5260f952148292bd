/**
 * The e2e run's one server: a production build, then `node server.mjs` on a free port
 * with a fresh SQLite file and the demo data, exactly as a teacher's browser would meet it.
 * Whatever the server writes to stderr goes to a log file; tests/e2e/helpers.ts fails the
 * test during which it appeared.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    serverErrorLog: string;
  }
}

const root = path.resolve(__dirname, "../..");
/** A cold start migrates and seeds (argon2 hashes for the demo accounts): seconds, not minutes. */
const SERVER_START_TIMEOUT_MS = 30_000;
const SERVER_STOP_TIMEOUT_MS = 5_000;

function build() {
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

async function waitForHealth(baseURL: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The server exited (${server.exitCode ?? server.signalCode}) before it answered:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${baseURL}/healthz within ${SERVER_START_TIMEOUT_MS} ms:\n${output()}`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), SERVER_STOP_TIMEOUT_MS);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    server.kill("SIGTERM");
  });
}

export default async function setup({ provide }: TestProject) {
  build();

  const tmp = path.join(root, "tests/.tmp", `e2e-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const errorLog = path.join(tmp, "server-stderr.log");
  fs.writeFileSync(errorLog, "");

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(tmp, "kollegi.db"),
      COOKIE_SECURE: "false",
      SEED_DEMO: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  server.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    fs.appendFileSync(errorLog, chunk);
    process.stderr.write(chunk.replace(/^(?=.)/gm, "[kollegi server] "));
  });

  try {
    await waitForHealth(baseURL, server, () => output);
  } catch (error) {
    await stop(server);
    throw error;
  }

  provide("baseURL", baseURL);
  provide("serverErrorLog", errorLog);

  return async function teardown() {
    await stop(server);
    const errors = fs.readFileSync(errorLog, "utf8");
    fs.rmSync(tmp, { recursive: true, force: true });
    if (errors.trim()) process.stderr.write(`\nThe Kollegi server wrote to stderr during the e2e run:\n${errors}\n`);
  };
}
