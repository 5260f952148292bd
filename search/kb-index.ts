/**
 * Index side: the knowledge-base index (its queries are app/search/queries.server.ts).
 *
 * The knowledge-base entries index, beside the threads index (docs/decisions/010): the
 * worker delivers kb_entry outbox rows here, reindex rebuilds it, and search asks it first.
 */
import { getClient, indexName, succeeded } from "./client";
import { toKbDocument } from "./documents";
import { kbEntryIdsAfter, loadKbEntries } from "./load";
import { KB_INDEX_SETTINGS } from "./settings";

const TASK_TIMEOUT_MS = 30_000;
const BATCH = 1000;

export function kbIndexName(base = indexName()): string {
  return `${base}_kb`;
}

export function kbIndex() {
  return getClient().index(kbIndexName());
}

/** Settings are applied once per process and index name; the worker calls this before each delivery. */
const ready = new Set<string>();

export async function ensureKbIndex(name = kbIndexName()): Promise<void> {
  if (ready.has(name)) return;
  const client = getClient();
  try {
    await client.getIndex(name);
  } catch {
    await client.createIndex(name, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS });
  }
  await client.index(name).updateSettings(KB_INDEX_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS });
  ready.add(name);
}

/** Whole documents for entries that exist, deletions for those that do not: idempotent like the threads. */
export async function deliverKbEntries(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await ensureKbIndex();
  const documents = loadKbEntries(ids).map(toKbDocument);
  const present = new Set(documents.map((d) => d.id));
  const gone = ids.filter((id) => !present.has(id));
  const index = kbIndex();
  if (documents.length) succeeded(await index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
  if (gone.length) succeeded(await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

/** Rebuilds the entries index into a fresh one and swaps it in (entries are few: one pass). */
export async function reindexKb(): Promise<number> {
  const client = getClient();
  const live = kbIndexName();
  const fresh = `${live}_rebuild_${Date.now()}`;
  await ensureKbIndex(fresh);
  let afterId = 0;
  let documents = 0;
  for (;;) {
    const ids = kbEntryIdsAfter(afterId, BATCH);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1]!;
    const docs = loadKbEntries(ids).map(toKbDocument);
    documents += docs.length;
    await client
      .index(fresh)
      .addDocuments(docs, { primaryKey: "id" })
      .waitTask({ timeout: 10 * TASK_TIMEOUT_MS });
  }
  await ensureKbIndex(live);
  await client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS });
  await client.deleteIndex(fresh).waitTask({ timeout: TASK_TIMEOUT_MS });
  ready.delete(fresh);
  return documents;
}
