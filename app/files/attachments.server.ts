/**
 * Files attached to posts, module materials and knowledge-base entries (docs/decisions/024).
 *
 * An upload is checked (size, the day's total, the format by its content), processed (an image
 * re-encoded without its EXIF, with previews), stored once per content hash, and kept as the
 * uploader's pending attachment until the form it came with is published; a form carries its
 * attachments as hidden `attachment` ids, so preview, errors and "upload the chosen files"
 * without JavaScript keep them, like the text. Reading one is a permission (readAttachment).
 */
import crypto from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { refusedFiles } from "~/http/edge";
import type { Message } from "~/i18n/keys";
import { filePath, filePreviewPath } from "~/paths";
import { DAY_MS } from "~/utils/zoned-time";
import { message } from "~/utils/validation";
import { detectFormat } from "./detect.server";
import { documentPages } from "./documents.server";
import {
  DAILY_UPLOAD_BYTES,
  FORMATS,
  MAX_FILE_BYTES,
  MAX_FILES_PER_ITEM,
  MAX_IMAGE_PIXELS,
  formatBytes,
  isFormatKey,
  type FileKind,
  type FormatKey,
} from "./formats";
import { processImage } from "./images.server";
import { displayName } from "./names";
import { blobKey, fileStore, newStorageKey, previewKey } from "./storage.server";

const { attachments, fileBlobs } = schema;

/** An orphan (uploaded with a form that was never published) is removed after this. */
export const ORPHAN_AFTER_MS = DAY_MS;
/** A removed post's files stay this long for moderators, then go. */
export const REMOVED_KEPT_MS = 30 * DAY_MS;

/** The form field of the files chosen, and of the attachments the form already carries. */
export const FILES_FIELD = "files";
export const ATTACHMENT_FIELD = "attachment";
/** A "remove" button beside an attached file (without JavaScript it submits the form). */
export const REMOVE_FIELD = "removeAttachment";

/** What the item an attachment belongs to is. */
export type Owner = { postId: number } | { moduleId: number } | { kbEntryId: number };

/** An attachment as pages show it. */
export type AttachmentView = {
  id: number;
  name: string;
  /** What the curator or moderator wrote about it (module and entry files); "" otherwise. */
  description: string;
  format: FormatKey;
  kind: FileKind;
  byteSize: number;
  url: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  /** Previews from the smallest, for srcset (images only). */
  previews: { width: number; url: string }[];
  removed: { reason: string | null } | null;
};

const viewColumns = {
  id: attachments.id,
  name: attachments.name,
  description: attachments.description,
  format: fileBlobs.format,
  byteSize: fileBlobs.byteSize,
  width: fileBlobs.width,
  height: fileBlobs.height,
  pages: fileBlobs.pages,
  previewWidths: fileBlobs.previewWidths,
  removedAt: attachments.removedAt,
  removedReason: attachments.removedReason,
  postId: attachments.postId,
  moduleId: attachments.moduleId,
  kbEntryId: attachments.kbEntryId,
};

function present(row: {
  id: number;
  name: string;
  description: string;
  format: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  pages: number | null;
  previewWidths: string;
  removedAt: Date | null;
  removedReason: string | null;
}): AttachmentView {
  const format: FormatKey = isFormatKey(row.format) ? row.format : "txt";
  const widths = row.previewWidths ? row.previewWidths.split(",").map(Number) : [];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    format,
    kind: FORMATS[format].kind,
    byteSize: row.byteSize,
    url: filePath(row.id, row.name),
    width: row.width,
    height: row.height,
    pages: row.pages,
    previews: widths.map((width) => ({ width, url: filePreviewPath(row.id, width) })),
    removed: row.removedAt ? { reason: row.removedReason } : null,
  };
}

/** What one person has uploaded in the last 24 hours, in bytes as uploaded. */
export function uploadedToday(userId: number, now = new Date()): number {
  const row = getDb()
    .select({ total: sql<number>`coalesce(sum(${attachments.uploadedBytes}), 0)` })
    .from(attachments)
    .where(and(eq(attachments.uploaderId, userId), gt(attachments.createdAt, new Date(now.getTime() - DAY_MS))))
    .get();
  return row?.total ?? 0;
}

export type UploadLimits = { limits: Message; todayLeft: Message | null; maxFiles: number; maxFileBytes: number };

/** What the form says before a file is chosen: the limits, and what is left of today's total. */
export function uploadLimits(userId: number, locale: string, now = new Date()): UploadLimits {
  const left = Math.max(0, DAILY_UPLOAD_BYTES - uploadedToday(userId, now));
  let todayLeft: Message | null = null;
  // Said only when it limits what one form may carry.
  if (left < MAX_FILES_PER_ITEM * MAX_FILE_BYTES) todayLeft = message("files.todayLeft", { size: formatBytes(left, locale) });
  return {
    limits: message("files.limits", { count: MAX_FILES_PER_ITEM, size: formatBytes(MAX_FILE_BYTES, locale) }),
    todayLeft,
    maxFiles: MAX_FILES_PER_ITEM,
    maxFileBytes: MAX_FILE_BYTES,
  };
}

type Blob = typeof fileBlobs.$inferInsert;

/**
 * The blob of these bytes, made now (processed and stored) unless one exists: bytes are stored
 * first under a fresh key and the row written after, so a row never names missing bytes; two
 * uploads of the same new file both store, one row wins, and the loser's bytes are removed.
 */
async function makeBlob(
  hash: string,
  bytes: Uint8Array,
  format: FormatKey,
  name: string,
): Promise<{ ok: true } | { ok: false; error: Message }> {
  const store = fileStore();
  const storageKey = newStorageKey(hash);
  let blob: Blob;
  const stored: string[] = [];
  const put = async (key: string, data: Uint8Array) => {
    await store.put(key, data);
    stored.push(key);
  };
  if (FORMATS[format].kind === "image") {
    const image = await processImage(bytes);
    if (!image.ok) {
      if (image.error === "files.errors.imageTooBig") {
        return { ok: false, error: message("files.errors.imageTooBig", { name, megapixels: Math.floor(MAX_IMAGE_PIXELS / 1_000_000) }) };
      }
      return { ok: false, error: message("files.errors.damaged", { name }) };
    }
    for (const preview of image.previews) await put(previewKey(storageKey, preview.width), preview.bytes);
    await put(blobKey(storageKey), image.bytes);
    blob = {
      hash,
      storageKey,
      format: image.format,
      mime: image.mime,
      byteSize: image.bytes.length,
      width: image.width,
      height: image.height,
      previewWidths: image.previews.map((preview) => preview.width).join(","),
    };
  } else {
    await put(blobKey(storageKey), bytes);
    blob = { hash, storageKey, format, mime: FORMATS[format].mime, byteSize: bytes.length, pages: documentPages(bytes, format) };
  }
  const written = getDb().insert(fileBlobs).values(blob).onConflictDoNothing().returning({ hash: fileBlobs.hash }).all();
  if (written.length === 0) for (const key of stored) await store.remove(key);
  return { ok: true };
}

/**
 * A pending attachment of an existing blob, in one transaction with the blob's check (the purge
 * cannot slip between). The name ends as the stored file does (a PNG photo stored as JPEG is .jpg).
 */
function attachBlob(hash: string, values: { uploaderId: number; rawName: string; uploadedBytes: number }, now: Date): number | null {
  return getDb().transaction((tx) => {
    const blob = tx.select({ format: fileBlobs.format }).from(fileBlobs).where(eq(fileBlobs.hash, hash)).get();
    if (!blob) return null;
    const { rawName, ...rest } = values;
    const name = displayName(rawName, isFormatKey(blob.format) ? blob.format : "txt");
    return tx
      .insert(attachments)
      .values({ ...rest, name, blobHash: hash, purgeAfter: new Date(now.getTime() + ORPHAN_AFTER_MS), createdAt: now })
      .returning({ id: attachments.id })
      .get().id;
  });
}

/**
 * Stores the files as the user's pending attachments, each checked in turn (empty, over the
 * size, over the day's total, a format not allowed, an image that cannot be read): the good
 * ones are kept, each bad one is a message naming it.
 */
export async function storeUploads(
  userId: number,
  files: File[],
  locale: string,
  now = new Date(),
): Promise<{ ids: number[]; errors: Message[] }> {
  const ids: number[] = [];
  const errors: Message[] = [];
  let used = uploadedToday(userId, now);
  for (const file of files) {
    const name = file.name || "—";
    if (file.size === 0) {
      errors.push(message("files.errors.empty", { name }));
      continue;
    }
    if (file.size > MAX_FILE_BYTES) {
      errors.push(message("files.errors.tooLarge", { name, size: formatBytes(MAX_FILE_BYTES, locale) }));
      continue;
    }
    if (used + file.size > DAILY_UPLOAD_BYTES) {
      errors.push(message("files.errors.dailyLimit", { limit: formatBytes(DAILY_UPLOAD_BYTES, locale), used: formatBytes(used, locale) }));
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const format = await detectFormat(bytes);
    if (format === null) {
      errors.push(message("files.errors.notAllowed", { name }));
      continue;
    }
    const hash = crypto.createHash("sha256").update(bytes).digest("hex");
    const values = { uploaderId: userId, rawName: file.name, uploadedBytes: file.size };
    let id = attachBlob(hash, values, now);
    // New content (or purged a moment ago): made and stored, then attached; a purge in between is tried once more.
    for (let attempt = 0; id === null && attempt < 2; attempt++) {
      const made = await makeBlob(hash, bytes, format, name);
      if (!made.ok) {
        errors.push(made.error);
        break;
      }
      id = attachBlob(hash, values, now);
    }
    if (id === null) continue;
    used += file.size;
    ids.push(id);
  }
  return { ids, errors };
}

const ownerCondition = (owner: Owner) =>
  "postId" in owner
    ? eq(attachments.postId, owner.postId)
    : "moduleId" in owner
      ? eq(attachments.moduleId, owner.moduleId)
      : eq(attachments.kbEntryId, owner.kbEntryId);

const pendingOf = (userId: number) =>
  and(eq(attachments.uploaderId, userId), isNull(attachments.postId), isNull(attachments.moduleId), isNull(attachments.kbEntryId));

/** Of these ids, the ones the form may carry: the user's pending uploads, and what the item holds already. */
function keptIds(ids: number[], userId: number, owner: Owner | null): number[] {
  if (ids.length === 0) return [];
  const mine = getDb()
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), owner ? sql`(${pendingOf(userId)} or ${ownerCondition(owner)})` : pendingOf(userId)))
    .all()
    .map((row) => row.id);
  return ids.filter((id) => mine.includes(id));
}

/** Attachments in the order given, as pages show them. */
export function attachmentViews(ids: number[]): AttachmentView[] {
  if (ids.length === 0) return [];
  const rows = getDb()
    .select(viewColumns)
    .from(attachments)
    .innerJoin(fileBlobs, eq(fileBlobs.hash, attachments.blobHash))
    .where(inArray(attachments.id, ids))
    .all();
  return ids.flatMap((id) => {
    const row = rows.find((r) => r.id === id);
    return row ? [present(row)] : [];
  });
}

/** What an item holds, in order; moderator-removed ones too (the page says so). */
export function attachmentsOf(owner: Owner): AttachmentView[] {
  return getDb()
    .select(viewColumns)
    .from(attachments)
    .innerJoin(fileBlobs, eq(fileBlobs.hash, attachments.blobHash))
    .where(ownerCondition(owner))
    .orderBy(asc(attachments.position), asc(attachments.id))
    .all()
    .map(present);
}

/** The attachments of many posts or modules at once (a thread page, a course's edit page), by their id: one query. */
export function attachmentsOfMany(key: "postId" | "moduleId", ids: number[]): Map<number, AttachmentView[]> {
  const byOwner = new Map<number, AttachmentView[]>();
  if (ids.length === 0) return byOwner;
  const rows = getDb()
    .select(viewColumns)
    .from(attachments)
    .innerJoin(fileBlobs, eq(fileBlobs.hash, attachments.blobHash))
    .where(inArray(attachments[key], ids))
    .orderBy(asc(attachments.position), asc(attachments.id))
    .all();
  for (const row of rows) {
    const owner = row[key]!;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), present(row)]);
  }
  return byOwner;
}

export type AttachmentField = { ids: number[]; views: AttachmentView[]; errors: Message[] };

/**
 * The file field of a form as it comes back: the attachments it carried (less one whose
 * "remove" was pressed), then the files chosen now, stored as pending uploads up to the
 * item's MAX_FILES_PER_ITEM, and a message for each file refused, here or at the edge.
 */
export async function readAttachmentField(
  formData: FormData,
  userId: number,
  locale: string,
  owner: Owner | null = null,
  now = new Date(),
): Promise<AttachmentField> {
  const removed = Number(formData.get(REMOVE_FIELD));
  const carried = [
    ...new Set(
      formData
        .getAll(ATTACHMENT_FIELD)
        .map(Number)
        .filter((id) => Number.isInteger(id) && id > 0 && id !== removed),
    ),
  ];
  const kept = keptIds(carried, userId, owner);
  const errors: Message[] = [];
  if (kept.length < carried.length) errors.push("files.errors.notYours");
  for (const refused of refusedFiles(formData)) {
    if (refused.reason === "tooLarge") {
      errors.push(message("files.errors.tooLarge", { name: refused.name, size: formatBytes(MAX_FILE_BYTES, locale) }));
    } else errors.push(message("files.errors.tooMany", MAX_FILES_PER_ITEM));
  }
  const chosen = formData
    .getAll(FILES_FIELD)
    .filter((entry): entry is File => typeof entry !== "string" && (entry.size > 0 || entry.name !== ""));
  const room = Math.max(0, MAX_FILES_PER_ITEM - kept.length);
  if (chosen.length > room && !errors.some((e) => e.startsWith("files.errors.tooMany"))) {
    errors.push(message("files.errors.tooMany", MAX_FILES_PER_ITEM));
  }
  const stored = await storeUploads(userId, chosen.slice(0, room), locale, now);
  const ids = [...kept, ...stored.ids];
  for (const error of stored.errors) errors.push(error);
  return { ids, views: attachmentViews(ids), errors };
}

/**
 * Makes the item hold exactly these attachments, in this order, in the caller's transaction:
 * the user's pending uploads among them become the item's; what the item held and no longer
 * lists is let go (an orphan again, removed after a day). Ids the user may not attach are skipped.
 */
export function setAttachments(tx: Tx, owner: Owner, userId: number, ids: number[], now = new Date()): void {
  // A file a moderator removed stays where it was: the post says so.
  const current = tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(ownerCondition(owner), isNull(attachments.removedAt)))
    .all();
  const dropped = current.map((row) => row.id).filter((id) => !ids.includes(id));
  if (dropped.length) {
    tx.update(attachments)
      .set({ postId: null, moduleId: null, kbEntryId: null, purgeAfter: new Date(now.getTime() + ORPHAN_AFTER_MS) })
      .where(inArray(attachments.id, dropped))
      .run();
  }
  ids.forEach((id, position) => {
    tx.update(attachments)
      .set({ ...owner, position, attachedAt: now, purgeAfter: null })
      .where(and(eq(attachments.id, id), sql`(${pendingOf(userId)} or ${ownerCondition(owner)})`))
      .run();
  });
}

/**
 * A removed post keeps its files for moderators for REMOVED_KEPT_MS, then they go; a restored
 * post keeps them again. Called in the removal's transaction.
 */
export function keepFilesOfRemovedPosts(tx: Tx, postIds: number[], removed: boolean, now = new Date()): void {
  if (postIds.length === 0) return;
  // A file a moderator removed keeps its own date: hiding or restoring its post moves it neither way.
  tx.update(attachments)
    .set({ purgeAfter: removed ? new Date(now.getTime() + REMOVED_KEPT_MS) : null })
    .where(and(inArray(attachments.postId, postIds), isNull(attachments.removedAt)))
    .run();
}

/** The form was sent only to change its files: the no-JavaScript "upload the chosen files" or a "remove" button. */
export function onlyFilesChanged(formData: FormData): boolean {
  return formData.get("intent") === "upload" || formData.has(REMOVE_FIELD);
}

/** What a form's page gets back about its files: the list, and the messages beside the field. */
export function filesReply(field: AttachmentField) {
  return { attachments: field.views, fileErrors: field.errors };
}
