/**
 * A moderator takes a file off a post, a module's materials or a knowledge-base entry, with a
 * reason its uploader reads: the attachment is marked removed (the item then says «Файл …
 * убран модератором. Причина: …» where the file was), only the network's moderators and admins
 * still reach it (readAttachment), and it is purged with the removed posts' files after
 * REMOVED_KEPT_MS. One transaction holds the mark, the audit-log entry and the uploader's
 * notification. The route asks removeAttachment first (app/routes/mod.files.$id.tsx, mod.p.$id.tsx).
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, schema } from "../../db/index";
import { enqueueKbEntry } from "../../search/outbox";
import { courseOfModule } from "~/courses/modules.server";
import { logAction } from "~/moderation/log.server";
import { notify } from "~/notifications/notifications.server";
import { formatDateTime } from "~/utils/dates";
import type { AttachmentAccess } from "./access.server";
import { REMOVED_KEPT_MS, type AttachmentView } from "./attachments.server";

const { attachments, kbEntries, posts, threads, users } = schema;

/** Where an attached file is shown: a post in its thread, a module of a course, an entry. */
export type AttachmentPlace =
  | { on: "post"; postId: number; isOpening: boolean; thread: { id: number; slug: string; title: string; removed: boolean } }
  | { on: "module"; moduleId: number; courseId: number; title: string; courseTitle: string }
  | { on: "kbEntry"; kbEntryId: number; title: string };

export function placeOf(file: Pick<AttachmentAccess["file"], "postId" | "moduleId" | "kbEntryId">): AttachmentPlace | null {
  const db = getDb();
  if (file.postId !== null) {
    const row = db
      .select({
        postId: posts.id,
        isOpening: posts.isOpening,
        id: threads.id,
        slug: threads.slug,
        title: threads.title,
        deletedAt: threads.deletedAt,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(eq(posts.id, file.postId))
      .get();
    if (!row) return null;
    const thread = { id: row.id, slug: row.slug, title: row.title, removed: row.deletedAt !== null };
    return { on: "post", postId: row.postId, isOpening: row.isOpening, thread };
  }
  if (file.moduleId !== null) {
    const course = courseOfModule(file.moduleId);
    if (!course) return null;
    return {
      on: "module",
      moduleId: course.moduleId,
      courseId: course.courseId,
      title: course.moduleTitle,
      courseTitle: course.courseTitle,
    };
  }
  if (file.kbEntryId !== null) {
    const entry = db.select({ title: kbEntries.title }).from(kbEntries).where(eq(kbEntries.id, file.kbEntryId)).get();
    return entry ? { on: "kbEntry", kbEntryId: file.kbEntryId, title: entry.title } : null;
  }
  return null;
}

/**
 * The files as a moderator sees them: each with its uploader and, once removed, who removed it,
 * when (in the network's zone) and why.
 */
export function moderatedFiles(views: AttachmentView[], locale: string, timeZone: string) {
  if (views.length === 0) return [];
  const remover = alias(users, "remover");
  const rows = getDb()
    .select({
      id: attachments.id,
      uploaderId: attachments.uploaderId,
      uploaderName: users.displayName,
      removedAt: attachments.removedAt,
      removedReason: attachments.removedReason,
      removedByName: remover.displayName,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploaderId))
    .leftJoin(remover, eq(remover.id, attachments.removedById))
    .where(
      inArray(
        attachments.id,
        views.map((view) => view.id),
      ),
    )
    .all();
  return views.flatMap((view) => {
    const row = rows.find((r) => r.id === view.id);
    if (!row) return [];
    const { id, name, format, kind, byteSize, pages, previews, url, width, height } = view;
    return [
      {
        ...{ id, name, format, kind, byteSize, pages, previews, url, width, height },
        uploader: { id: row.uploaderId, name: row.uploaderName },
        removal: row.removedAt
          ? { by: row.removedByName, when: formatDateTime(row.removedAt, locale, timeZone), reason: row.removedReason }
          : null,
      },
    ];
  });
}

export type AttachmentRemovalResult =
  { ok: true } | { ok: false; error: "moderation.errors.fileAlreadyRemoved" | "moderation.errors.fileGone" };

/**
 * Marks the file removed, logs it in the network of what holds it and tells its uploader (not a
 * moderator removing their own file), in one transaction. A file removed already is left as it
 * is: two moderators pressing at once log and notify once. Like a removed post's files, it is
 * purged (row and bytes) after REMOVED_KEPT_MS: a pupil's photo does not stay for good.
 */
export function removeAttachment(
  access: AttachmentAccess,
  input: { moderatorId: number; reason: string },
  now = new Date(),
): AttachmentRemovalResult {
  const { file, network } = access;
  const place = placeOf(file);
  if (!network || !place) return { ok: false, error: "moderation.errors.fileGone" };
  const reason = input.reason.trim();
  return getDb().transaction((tx): AttachmentRemovalResult => {
    const marked = tx
      .update(attachments)
      .set({ removedAt: now, removedById: input.moderatorId, removedReason: reason, purgeAfter: new Date(now.getTime() + REMOVED_KEPT_MS) })
      .where(and(eq(attachments.id, file.id), isNull(attachments.removedAt)))
      .run();
    if (marked.changes === 0) return { ok: false, error: "moderation.errors.fileAlreadyRemoved" };
    const where =
      place.on === "post"
        ? { postId: place.postId, threadId: place.thread.id }
        : place.on === "module"
          ? { moduleId: place.moduleId, courseId: place.courseId, placeTitle: place.title }
          : { kbEntryId: place.kbEntryId, placeTitle: place.title };
    logAction(
      tx,
      {
        networkId: network.id,
        actorId: input.moderatorId,
        action: "attachment.remove",
        targetType: "attachment",
        targetId: file.id,
        reason,
        details: { name: file.name, ...where, ...(place.on === "post" ? { placeTitle: place.thread.title } : {}) },
      },
      now,
    );
    if (file.uploaderId !== input.moderatorId) {
      notify(tx, [
        {
          userId: file.uploaderId,
          kind: "attachment_removed",
          threadId: place.on === "post" ? place.thread.id : undefined,
          // The post in data, not in post_id: the notice reaches its author even when the post is hidden.
          data: {
            attachmentId: file.id,
            name: file.name,
            reason,
            ...(place.on === "post" ? { postId: place.postId } : { networkId: network.id, ...where }),
          },
          createdAt: now,
        },
      ]);
    }
    if (place.on === "kbEntry") enqueueKbEntry(tx, place.kbEntryId);
    return { ok: true };
  });
}
