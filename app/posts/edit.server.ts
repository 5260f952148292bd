import type { User } from "lucia";
import { contextFor } from "~/permissions/context.server";
import type { Context } from "~/permissions/permissions";
import { getThreadHeader } from "~/threads/threads.server";
import { getNetworkById } from "~/networks/networks.server";
import { getPost } from "./posts.server";
import { notFound } from "~/http/responses.server";

/** A post with its thread and network, and the permission context of the user on it; 404 if any is missing. */
export function postForAction(postId: number, user: User | null) {
  const post = Number.isInteger(postId) ? getPost(postId) : undefined;
  const thread = post ? getThreadHeader(post.threadId) : undefined;
  const network = thread ? getNetworkById(thread.networkId) : undefined;
  if (!post || !thread || !network || thread.deletedAt) throw notFound();
  const context: Context = {
    ...contextFor(user, network),
    thread: { authorId: thread.authorId, kind: thread.kind, mentorIds: thread.mentorIds, locked: thread.lockedAt !== null, removed: false },
    post: { authorId: post.authorId, hidden: post.hiddenAt !== null },
  };
  return { post, thread, network, context };
}
