/**
 * The files nobody needs any more, dropped by the hourly housekeeping: an upload whose form was
 * never published (a day after it was made, or after it was taken off its post), a removed
 * post's files 30 days after the removal; then every blob no attachment holds, its row first
 * and its bytes after. Each step is a conditional DELETE, so two processes running it at once
 * remove nothing twice. A blob an upload takes up again keeps its row (the attachment's foreign
 * key and NOT EXISTS see it); one uploaded again after its row went is a new row with a new
 * storage key, so the old bytes removed here are never the new ones.
 */
import { sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { blobKey, fileStore, previewKey } from "./storage.server";

const { attachments, fileBlobs } = schema;

/** Rows per statement: an hour's uploads, never a write lock held for long. */
const BATCH = 500;

export async function purgeFiles(now = new Date()): Promise<{ attachments: number; blobs: number }> {
  const db = getDb();
  const dropped = db
    .delete(attachments)
    .where(sql`${attachments.id} in (select id from attachments where purge_after <= ${now.getTime()} limit ${BATCH})`)
    .returning({ id: attachments.id })
    .all();
  const unheld = db
    .delete(fileBlobs)
    .where(
      sql`${fileBlobs.hash} in (select hash from file_blobs b where not exists (select 1 from attachments a where a.blob_hash = b.hash) limit ${BATCH})`,
    )
    .returning({ storageKey: fileBlobs.storageKey, previewWidths: fileBlobs.previewWidths })
    .all();
  const store = fileStore();
  for (const blob of unheld) {
    await store.remove(blobKey(blob.storageKey));
    for (const width of blob.previewWidths.split(",").filter(Boolean)) await store.remove(previewKey(blob.storageKey, Number(width)));
  }
  return { attachments: dropped.length, blobs: unheld.length };
}
