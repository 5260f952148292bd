/**
 * Search at server start: connect to MEILI_URL, or launch the bundled Meilisearch;
 * make sure the index exists with its settings; run the outbox worker. Any failure
 * leaves the forum working in degraded mode (the search page says it is catching up)
 * and is retried.
 */
import fs from "node:fs";
import path from "node:path";
import { writePrivateFile } from "../db/files";
import { ensureIndex } from "./reindex";
import { startMeili, type RunningMeili } from "./server";
import { startWorker } from "./worker";

const RETRY_MS = 10_000;

export function meiliDataDir(databasePath: string): string {
  return process.env.MEILI_DATA_DIR || path.join(path.dirname(path.resolve(databasePath)), "meili");
}

/** Where a running bundled server writes its address, so `npm run reindex` can find it. */
export function urlFile(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "meili.url");
}

export async function launchBundled(databasePath: string): Promise<RunningMeili> {
  const dataDir = path.dirname(path.resolve(databasePath));
  const meili = await startMeili({ dbPath: meiliDataDir(databasePath), keyDir: dataDir, log: path.join(dataDir, "meili.log") });
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.key;
  writePrivateFile(urlFile(databasePath), meili.url);
  process.once("exit", () => {
    meili.stop();
    fs.rmSync(urlFile(databasePath), { force: true });
  });
  return meili;
}

export function startSearch(databasePath: string, log: (message: string) => void): void {
  const attempt = async () => {
    try {
      if (!process.env.MEILI_URL) {
        const meili = await launchBundled(databasePath);
        log(`search: Meilisearch started at ${meili.url}`);
        meili.child.once("exit", (code) => {
          log(`search: Meilisearch stopped (code ${code}); restarting`);
          delete process.env.MEILI_URL;
          setTimeout(() => void attempt(), RETRY_MS).unref();
        });
      }
      await ensureIndex();
    } catch (error) {
      log(`search: not available yet (${error instanceof Error ? error.message : String(error)}); retrying`);
      setTimeout(() => void attempt(), RETRY_MS).unref();
    }
  };
  void attempt();
  startWorker();
}
