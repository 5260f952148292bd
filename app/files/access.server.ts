/**
 * Who may reach an attached file: the attachment, what it belongs to, and the permission
 * context of the reader on that (a post's thread and network, a module's course, an entry's
 * network). The file routes and the moderators' removal build on it.
 */
import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, schema } from "../../db/index";
import { courseContext } from "~/courses/context.server";
import { courseOfModule } from "~/courses/modules.server";
import { getNetworkById, type Network } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { can, type AttachmentScope, type Context } from "~/permissions/permissions";
import { threadScope } from "~/threads/scope";
import { getThreadHeader } from "~/threads/threads.server";

const { attachments, fileBlobs, posts, kbEntries } = schema;

function attachmentRow(id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return getDb()
    .select({
      id: attachments.id,
      name: attachments.name,
      uploaderId: attachments.uploaderId,
      postId: attachments.postId,
      moduleId: attachments.moduleId,
      kbEntryId: attachments.kbEntryId,
      removedAt: attachments.removedAt,
      hash: fileBlobs.hash,
      storageKey: fileBlobs.storageKey,
      format: fileBlobs.format,
      mime: fileBlobs.mime,
      byteSize: fileBlobs.byteSize,
      previewWidths: fileBlobs.previewWidths,
    })
    .from(attachments)
    .innerJoin(fileBlobs, eq(fileBlobs.hash, attachments.blobHash))
    .where(eq(attachments.id, id))
    .get();
}

export type AttachmentAccess = {
  file: NonNullable<ReturnType<typeof attachmentRow>>;
  /** The network of what it belongs to (none for a pending upload). */
  network: Network | null;
  /** Where the file is shown: the post, the module, the entry. */
  context: Context;
};

/** The attachment with the reader's permission context on what holds it; undefined when it or its holder is gone. */
export function attachmentAccess(id: number, user: User | null): AttachmentAccess | undefined {
  const file = attachmentRow(id);
  if (!file) return undefined;
  const scope = (on: AttachmentScope["on"]): AttachmentScope => ({ on, uploaderId: file.uploaderId, removed: file.removedAt !== null });
  if (file.postId !== null) {
    const post = getDb().select().from(posts).where(eq(posts.id, file.postId)).get();
    const thread = post ? getThreadHeader(post.threadId) : undefined;
    const network = thread ? getNetworkById(thread.networkId) : undefined;
    if (!post || !thread || !network) return undefined;
    const context: Context = {
      ...contextFor(user, network),
      thread: threadScope(thread),
      post: { authorId: post.authorId, hidden: post.hiddenAt !== null || post.pendingReview },
      attachment: scope("post"),
    };
    return { file, network, context };
  }
  if (file.moduleId !== null) {
    const course = courseOfModule(file.moduleId);
    const network = course ? getNetworkById(course.networkId) : undefined;
    if (!course || !network) return undefined;
    const context = { ...courseContext(user, network, { id: course.courseId, enrolment: course.enrolment }), attachment: scope("module") };
    return { file, network, context };
  }
  if (file.kbEntryId !== null) {
    const entry = getDb().select({ networkId: kbEntries.networkId }).from(kbEntries).where(eq(kbEntries.id, file.kbEntryId)).get();
    const network = entry ? getNetworkById(entry.networkId) : undefined;
    if (!network) return undefined;
    return { file, network, context: { ...contextFor(user, network), attachment: scope("kbEntry") } };
  }
  return { file, network: null, context: { ...contextFor(user), attachment: scope("pending") } };
}

/** Whether a reader who is not signed in could read it too: the file may then be cached by anyone. */
export function readableByAnyone(access: AttachmentAccess): boolean {
  return can("readAttachment", { ...access.context, actor: null, standing: null, course: undefined });
}
