/**
 * Index side: delivery.
 *
 * Delivers the search outbox to Meilisearch. Each pass takes the pending rows, builds the
 * full current document of every thread they name from SQLite, sends them (or deletes
 * documents of threads that are gone), waits until Meilisearch has applied the task, and
 * only then marks those rows delivered. Delivery is idempotent (same id, whole document),
 * so a crash anywhere, or two processes running this at once, loses nothing and breaks
 * nothing; a failure backs off and retries.
 */
import { and, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, schema } from "../db/index";
import { meiliConfigured, succeeded, threadsIndex } from "./client";
import { toDocument } from "./documents";
import { deliverKbEntries } from "./kb-index";
import { loadThreads } from "./load";

const { searchOutbox } = schema;

const BATCH_ROWS = 500;
/** Pending rows are looked for this often: a cheap indexed query, and the post → findable lag. */
export const POLL_MS = 150;
const TASK_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

function pendingRows(now: Date) {
  return getDb()
    .select({ id: searchOutbox.id, entity: searchOutbox.entity, entityId: searchOutbox.entityId, attempts: searchOutbox.attempts })
    .from(searchOutbox)
    .where(and(isNull(searchOutbox.deliveredAt), or(isNull(searchOutbox.nextAttemptAt), lte(searchOutbox.nextAttemptAt, now))))
    .orderBy(searchOutbox.id)
    .limit(BATCH_ROWS)
    .all();
}

/** One delivery pass; returns how many outbox rows it delivered. Throws nothing: failures are recorded. */
export async function deliverOnce(now = new Date()): Promise<number> {
  // No Meilisearch yet (starting, or being relaunched): nothing to try, so nothing counts as a failure.
  if (!meiliConfigured()) return 0;
  const rows = pendingRows(now);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  const threadIds = [...new Set(rows.filter((r) => r.entity === "thread").map((r) => r.entityId))];
  const kbIds = [...new Set(rows.filter((r) => r.entity === "kb_entry").map((r) => r.entityId))];
  try {
    const documents = loadThreads(threadIds).map(toDocument);
    const present = new Set(documents.map((d) => d.id));
    const gone = threadIds.filter((id) => !present.has(id));
    const index = threadsIndex();
    if (documents.length) succeeded(await index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
    if (gone.length) succeeded(await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS }));
    await deliverKbEntries(kbIds);
    getDb().update(searchOutbox).set({ deliveredAt: new Date() }).where(inArray(searchOutbox.id, ids)).run();
    return ids.length;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const db = getDb();
    db.transaction((tx) => {
      for (const row of rows) {
        tx.update(searchOutbox)
          .set({
            attempts: sql`${searchOutbox.attempts} + 1`,
            nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts + 1)),
            lastError: message.slice(0, 500),
          })
          .where(inArray(searchOutbox.id, [row.id]))
          .run();
      }
    });
    return 0;
  }
}

/** Search is back (search/start.ts): rows that failed while it was down are tried now, not after their back-off. */
export function retryPendingNow(): void {
  getDb()
    .update(searchOutbox)
    .set({ nextAttemptAt: null })
    .where(and(isNull(searchOutbox.deliveredAt), isNotNull(searchOutbox.nextAttemptAt)))
    .run();
}

/** Rows not yet in the index: the search page says "catching up" while there are old ones. */
export function outboxBacklog(olderThan: Date): number {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(searchOutbox)
    .where(and(isNull(searchOutbox.deliveredAt), lte(searchOutbox.createdAt, olderThan)))
    .get()!.n;
}

/** Delivered rows are kept a week for diagnosis, then dropped. */
export function pruneDelivered(now: Date): void {
  getDb()
    .delete(searchOutbox)
    .where(lte(searchOutbox.deliveredAt, new Date(now.getTime() - 7 * 24 * 3600_000)))
    .run();
}

/** Runs passes until stopped; a pass that delivered something is followed at once by the next. */
export function startWorker(): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    if (stopped) return;
    let delivered = 0;
    try {
      delivered = await deliverOnce();
    } catch {
      delivered = 0;
    }
    if (!stopped) timer = setTimeout(() => void loop(), delivered > 0 ? 0 : POLL_MS);
  };
  timer = setTimeout(() => void loop(), 0);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Delivers until nothing is pending (tests, reindex hand-over). */
export async function drain(): Promise<void> {
  while ((await deliverOnce()) > 0) {
    // keep going
  }
}
