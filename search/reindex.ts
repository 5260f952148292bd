/**
 * Index side: rebuilding.
 *
 * Rebuilds the whole index from SQLite into a fresh index, then swaps it in:
 * searches keep answering from the old index until the new one is complete.
 */
import { gte } from "drizzle-orm";
import { getDb, schema } from "../db/index";
import { getClient, indexName } from "./client";
import { toDocument } from "./documents";
import { reindexKb } from "./kb-index";
import { loadThreads, threadIdsAfter } from "./load";
import { INDEX_SETTINGS } from "./settings";

const BATCH_THREADS = 1000;
const TASK_TIMEOUT_MS = 10 * 60_000;
/** Meilisearch may fold many uploads into one long batch; the wait for one task allows for that. */
const BATCH_TASK_TIMEOUT_MS = 60 * 60_000;
const TASK_POLL_MS = 250;

/** Creates the index with its settings when it does not exist yet (first start). */
export async function ensureIndex(name = indexName()): Promise<void> {
  const client = getClient();
  try {
    await client.getIndex(name);
  } catch {
    await client.createIndex(name, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS });
  }
  await client.index(name).updateSettings(INDEX_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS });
}

export async function reindex(onProgress?: (done: number) => void): Promise<{ documents: number; ms: number }> {
  const started = Date.now();
  const client = getClient();
  const live = indexName();
  const fresh = `${live}_rebuild_${Date.now()}`;
  await ensureIndex(fresh);
  const index = client.index(fresh);
  let afterId = 0;
  let documents = 0;
  // Upload one batch at a time (a hundred uploads at once held gigabytes and made Meilisearch
  // drop requests at 100,000 threads); Meilisearch indexes behind the uploads on its own.
  const taskUids: number[] = [];
  for (;;) {
    const ids = threadIdsAfter(afterId, BATCH_THREADS);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1]!;
    const docs = loadThreads(ids).map(toDocument);
    documents += docs.length;
    const enqueued = await index.addDocuments(docs, { primaryKey: "id" });
    taskUids.push(enqueued.taskUid);
    onProgress?.(documents);
  }
  // Tasks run in order, so each wait covers about one batch; a failed batch fails the rebuild
  // before anything is swapped in.
  for (const uid of taskUids) {
    const task = await client.tasks.waitForTask(uid, { timeout: BATCH_TASK_TIMEOUT_MS, interval: TASK_POLL_MS });
    if (task.status !== "succeeded")
      throw new Error(`Search rebuild: batch task ${uid} ${task.status}${task.error ? `: ${task.error.message}` : ""}`);
  }
  await ensureIndex(live);
  await client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS });
  await client.deleteIndex(fresh).waitTask({ timeout: TASK_TIMEOUT_MS });
  await reindexKb();
  // Changes made while we were reading went to the old index: deliver them again to the new one.
  getDb()
    .update(schema.searchOutbox)
    .set({ deliveredAt: null, nextAttemptAt: null })
    .where(gte(schema.searchOutbox.createdAt, new Date(started)))
    .run();
  return { documents, ms: Date.now() - started };
}
