/**
 * Index side: what tells the index that something changed.
 *
 * The write side of the search outbox: every change to what search shows adds a row
 * in the same transaction as the change (docs/architecture.md, "Search"); search/worker.ts
 * delivers them to Meilisearch.
 */
import type { Tx } from "../db/index";
import { schema } from "../db/index";

export function enqueueThread(tx: Tx, threadId: number): void {
  tx.insert(schema.searchOutbox).values({ entity: "thread", entityId: threadId }).run();
}

/** A knowledge-base entry changed (or is gone): search/kb-index.ts rebuilds or removes its document. */
export function enqueueKbEntry(tx: Tx, entryId: number): void {
  tx.insert(schema.searchOutbox).values({ entity: "kb_entry", entityId: entryId }).run();
}
