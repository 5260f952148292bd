import type { ThreadScope } from "~/permissions/permissions";

/** A thread as the permission predicates read it: a removed thread takes no answers, like a locked one. */
export function threadScope(thread: {
  authorId: number;
  kind: ThreadScope["kind"];
  mentorIds: number[];
  lockedAt: Date | null;
  deletedAt: Date | null;
}): ThreadScope {
  return {
    authorId: thread.authorId,
    kind: thread.kind,
    mentorIds: thread.mentorIds,
    locked: thread.lockedAt !== null || thread.deletedAt !== null,
    removed: thread.deletedAt !== null,
  };
}
