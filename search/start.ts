/**
 * Index side: bringing the index up with the server.
 *
 * Search at server start: connect to MEILI_URL, or launch the bundled Meilisearch;
 * make sure the index exists with its settings; run the outbox worker. Any failure
 * leaves the forum working in degraded mode (the search page says it is catching up)
 * and is retried. A bundled Meilisearch that dies is launched again, on its old port
 * when that is free; the client follows the new address (search/client.ts) and the
 * outbox delivers what was written meanwhile.
 */
import fs from "node:fs";
import path from "node:path";
import { writePrivateFile } from "../db/files";
import { ensureIndex, reindex } from "./reindex";
import { startMeili, type RunningMeili } from "./meili-process";
import { retryPendingNow, startWorker } from "./worker";

const RETRY_MS = 10_000;
/** A crash is rare and search is down until it is back: relaunch at once. */
const RELAUNCH_MS = 1_000;

export function meiliDataDir(databasePath: string): string {
  return process.env.MEILI_DATA_DIR || path.join(path.dirname(path.resolve(databasePath)), "meili");
}

/** Where a running bundled server writes its address, so `npm run reindex` can find it. */
export function urlFile(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "meili.url");
}

/** Left by `npm run restore`: the index holds threads of another database until it is rebuilt. */
export function rebuildMarker(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "meili.rebuild");
}

export function markForRebuild(databasePath: string): void {
  writePrivateFile(rebuildMarker(databasePath), `${new Date().toISOString()}\n`);
}

export async function launchBundled(databasePath: string, preferPort?: number): Promise<RunningMeili> {
  const dataDir = path.dirname(path.resolve(databasePath));
  const meili = await startMeili({ dbPath: meiliDataDir(databasePath), keyDir: dataDir, preferPort, log: path.join(dataDir, "meili.log") });
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.key;
  writePrivateFile(urlFile(databasePath), meili.url);
  return meili;
}

/** After a restore: a fresh index from SQLite swapped in, then the marker goes. */
export async function rebuildIfMarked(databasePath: string, log: (message: string) => void): Promise<void> {
  if (!fs.existsSync(rebuildMarker(databasePath))) return;
  log("search: rebuilding the index from the database (it was restored from a backup)");
  const result = await reindex();
  fs.rmSync(rebuildMarker(databasePath), { force: true });
  log(`search: index rebuilt (${result.documents} threads)`);
}

export function startSearch(databasePath: string, log: (message: string) => void): void {
  let meili: RunningMeili | undefined;
  let port: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let due = Infinity;
  let launching = false;

  // One pending timer, the sooner one wins: a relaunch is never pushed back by a retry.
  const later = (ms: number) => {
    if (timer && Date.now() + ms >= due) return;
    clearTimeout(timer);
    due = Date.now() + ms;
    timer = setTimeout(() => {
      timer = undefined;
      due = Infinity;
      void attempt();
    }, ms);
    timer.unref();
  };

  const attempt = async () => {
    try {
      if (!process.env.MEILI_URL) {
        // One launch at a time: two would start two Meilisearch processes on the same data. An
        // attempt still talking to a dead one is not waited for (whatever took its port may never answer).
        if (launching) return;
        launching = true;
        let launched: RunningMeili;
        try {
          launched = await launchBundled(databasePath, port);
        } finally {
          launching = false;
        }
        meili = launched;
        port = launched.port;
        log(`search: Meilisearch started at ${launched.url}`);
        // It may already be gone (killed while answering its first request): `exited` still settles.
        void launched.exited.then(({ code, signal }) => {
          if (meili === launched) meili = undefined;
          if (process.env.MEILI_URL === launched.url) delete process.env.MEILI_URL;
          log(`search: Meilisearch stopped (${signal ?? `code ${code}`}); restarting`);
          later(RELAUNCH_MS);
        });
      }
      await ensureIndex();
      await rebuildIfMarked(databasePath, log);
      // What failed while search was down goes now, not after its back-off.
      retryPendingNow();
    } catch (error) {
      log(`search: not available yet (${error instanceof Error ? error.message : String(error)}); retrying`);
      later(RETRY_MS);
    }
  };

  // Only what this process launched: a second server that was refused must not unlist the first one's.
  process.once("exit", () => {
    if (!meili) return;
    meili.stop();
    fs.rmSync(urlFile(databasePath), { force: true });
  });
  void attempt();
  startWorker();
}
