/**
 * A knowledge-base entry summarises its source threads as they were when a moderator last
 * reviewed it. Any later change to a source thread (a new or hidden answer, an edit, a new
 * accepted answer, a move, a merge) marks the entry "needs review"; a moderator clears it.
 * The entry's search document carries its sources' titles, so it is re-sent as well.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/index";
import { enqueueKbEntry } from "../../search/outbox";

export function markSourcesChanged(tx: Tx, threadIds: number[]): void {
  if (threadIds.length === 0) return;
  const entries = tx.all<{ entry_id: number }>(sql`
    select distinct entry_id from kb_entry_threads where thread_id in (${sql.join(
      threadIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  if (entries.length === 0) return;
  const ids = entries.map((e) => e.entry_id);
  tx.run(
    sql`update kb_entries set needs_review = 1 where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  for (const id of ids) enqueueKbEntry(tx, id);
}
