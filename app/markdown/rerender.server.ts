/**
 * Re-cooks every stored Markdown source with today's renderer: after a change
 * to app/markdown/markdown.server.ts (and a MARKDOWN_VERSION bump), run
 * `npm run rerender`. Safe beside a running server: small batches, and a row
 * edited meanwhile is left alone (its edit already stored fresh HTML).
 */
import { asc, gt, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb, schema } from "../../db/index";
import { renderMarkdown } from "./markdown.server";

/** Rows per transaction: long enough to be quick, short enough not to keep writers waiting. */
const BATCH_SIZE = 1000;

export type RerenderCount = { rows: number; changed: number };
export type RerenderCounts = { posts: RerenderCount; announcements: RerenderCount; kbEntries: RerenderCount };

export function rerenderAll(options: { batchSize?: number } = {}): RerenderCounts {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const { posts, announcements, kbEntries } = schema;
  return {
    posts: rerenderTable(posts, posts.id, posts.bodySource, posts.bodyHtml, batchSize),
    announcements: rerenderTable(announcements, announcements.id, announcements.bodySource, announcements.bodyHtml, batchSize),
    kbEntries: rerenderTable(kbEntries, kbEntries.id, kbEntries.summarySource, kbEntries.summaryHtml, batchSize),
  };
}

function rerenderTable(table: SQLiteTable, id: SQLiteColumn, source: SQLiteColumn, html: SQLiteColumn, batchSize: number): RerenderCount {
  const db = getDb();
  const count: RerenderCount = { rows: 0, changed: 0 };
  let lastId = 0;
  for (;;) {
    const batch = db.select({ id, source, html }).from(table).where(gt(id, lastId)).orderBy(asc(id)).limit(batchSize).all() as {
      id: number;
      source: string;
      html: string;
    }[];
    if (batch.length === 0) return count;
    lastId = batch[batch.length - 1]!.id;
    count.rows += batch.length;
    // Render outside the transaction; write only what changed.
    const fresh = batch.map((row) => ({ ...row, cooked: renderMarkdown(row.source) })).filter((row) => row.cooked !== row.html);
    db.transaction((tx) => {
      for (const row of fresh) {
        // Same source only: an edit since we read the row has already cooked its own HTML.
        const result = tx.run(
          sql`update ${table} set ${sql.identifier(html.name)} = ${row.cooked}
              where ${sql.identifier(id.name)} = ${row.id} and ${sql.identifier(source.name)} = ${row.source}`,
        );
        count.changed += result.changes;
      }
    });
  }
}
