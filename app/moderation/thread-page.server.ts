/**
 * The moderation parts of a thread page, kept apart from the page's own presenter: how a
 * removed post or thread is marked (for the few who still see it), who may flag, the
 * duplicate banner, knowledge-base entries built on the thread, the reader's own silence,
 * and the moderator's tools.
 */
import { eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { entriesOfThread } from "~/kb/kb.server";
import { can, type Context } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { silenceOf } from "./members.server";
import { kbEntryPath, modThreadPath, newKbEntryPath, threadPath } from "~/paths";

const { threads } = schema;

export type Removal = { kind: "pending" | "flags" | "moderator"; reason: string | null };

export function removalOf(post: { hiddenAt: Date | null; hiddenReason: string | null; pendingReview: boolean }): Removal | null {
  if (!post.hiddenAt) return null;
  if (post.pendingReview) return { kind: "pending", reason: null };
  return post.hiddenReason ? { kind: "moderator", reason: post.hiddenReason } : { kind: "flags", reason: null };
}

/** Per post: its mark when removed (a removed question is marked once, for the whole thread), and the flag and moderate links. */
export function postModeration(
  post: { id: number; isOpening: boolean; hiddenAt: Date | null; hiddenReason: string | null; pendingReview: boolean },
  context: Context,
) {
  return {
    removal: post.isOpening ? null : removalOf(post),
    canFlag: can("flagPost", context),
    canModerate: can("hidePost", context),
  };
}

export type ThreadModeration = ReturnType<typeof threadModeration>;

export function threadModeration(
  thread: { id: number; duplicateOfId: number | null; deletedAt: Date | null; pinnedAt: Date | null; lockedAt: Date | null },
  opening: { hiddenAt: Date | null; hiddenReason: string | null; pendingReview: boolean },
  network: { id: number; slug: string; timeZone: string },
  context: Context,
  locale: string,
) {
  const canonical = thread.duplicateOfId
    ? (getDb()
        .select({ id: threads.id, slug: threads.slug, title: threads.title, deletedAt: threads.deletedAt })
        .from(threads)
        .where(eq(threads.id, thread.duplicateOfId))
        .get() ?? null)
    : null;
  const silence = context.actor && context.standing?.silenced ? silenceOf(context.actor.id, network.id) : null;
  const moderator = can("lockThread", context);
  return {
    duplicateOf: canonical && !canonical.deletedAt ? { url: threadPath(canonical), title: canonical.title } : null,
    removed: thread.deletedAt ? (removalOf(opening) ?? { kind: "moderator" as const, reason: null }) : null,
    pinned: thread.pinnedAt !== null,
    silence: silence ? { until: formatDateTime(silence.until, locale, network.timeZone), reason: silence.reason } : null,
    knowledgeBase: entriesOfThread(thread.id).map((e) => ({ title: e.title, url: kbEntryPath(network.slug, e.id) })),
    tools: moderator ? { url: modThreadPath(thread.id), kbUrl: newKbEntryPath(network.slug, { thread: thread.id }) } : null,
  };
}
