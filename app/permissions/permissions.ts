/**
 * Every permission in Kollegi is decided here, by pure predicates over who is
 * acting and where. The UI calls them to show a button; guards (guards.server.ts)
 * call the same ones to allow the action. permissions.test.ts walks the matrix.
 */

export type Actor = {
  id: number;
  isAdmin: boolean;
  /** Suspended site-wide by an admin: reads like a guest. */
  suspended: boolean;
};

/** The actor's standing in one network (null: not a member). */
export type Standing = {
  mentor: boolean;
  moderator: boolean;
  /** Silenced in this network: may read, may not write. */
  silenced: boolean;
} | null;

export type NetworkScope = { visibility: "public" | "members" };

/** The thread an action is about: who asked, and which mentor it is assigned to. */
export type ThreadScope = { authorId: number; kind: "question" | "discussion"; mentorIds: number[]; locked: boolean };
/** The post an action is about. */
export type PostScope = { authorId: number };

export type Context = {
  actor: Actor | null;
  network?: NetworkScope;
  standing?: Standing;
  thread?: ThreadScope;
  post?: PostScope;
};

const active = (c: Context): c is Context & { actor: Actor } => c.actor !== null && !c.actor.suspended;
const admin = (c: Context) => active(c) && c.actor.isAdmin;
const member = (c: Context) => active(c) && c.standing != null;
const moderator = (c: Context) => member(c) && c.standing!.moderator;
const canWrite = (c: Context) => member(c) && !c.standing!.silenced;
const ownsPost = (c: Context) => active(c) && c.post?.authorId === c.actor.id;
const asker = (c: Context) => active(c) && c.thread?.authorId === c.actor.id;
const assignedMentor = (c: Context) => active(c) && (c.thread?.mentorIds.includes(c.actor.id) ?? false);

export const permissions = {
  /** Public networks are read by anyone, signed in or not; members-only ones by members and admins. */
  readNetwork: (c: Context) => c.network?.visibility === "public" || member(c) || admin(c),
  /** Members-only networks are joined by invitation (a moderator or admin adds the member). */
  joinNetwork: (c: Context) => active(c) && c.standing == null && c.network?.visibility === "public",
  leaveNetwork: (c: Context) => member(c),
  addMember: (c: Context) => admin(c) || moderator(c),
  postInNetwork: (c: Context) => canWrite(c),
  createNetwork: (c: Context) => admin(c),
  editNetwork: (c: Context) => admin(c),
  /** Moderators pick the mentors of their network; only admins make moderators. */
  grantMentor: (c: Context) => admin(c) || moderator(c),
  grantModerator: (c: Context) => admin(c),
  viewAdminArea: (c: Context) => admin(c),
  editOwnProfile: (c: Context) => c.actor !== null,
  /** Answers go under questions and discussions alike; a locked thread takes none. */
  answerThread: (c: Context) => canWrite(c) && c.thread?.locked === false,
  /** Up and down, as on Stack Exchange; never one's own post. */
  votePost: (c: Context) => canWrite(c) && c.post !== undefined && !ownsPost(c),
  /** Someone else's question only: the asker has it already. */
  meToo: (c: Context) => member(c) && c.thread?.kind === "question" && !asker(c),
  /** The asker, the assigned mentor and the network's moderators (askers often forget). */
  acceptAnswer: (c: Context) =>
    c.thread?.kind === "question" && (asker(c) || assignedMentor(c) || moderator(c)) && member(c),
  editPost: (c: Context) => (ownsPost(c) && canWrite(c)) || moderator(c),
  viewRevisions: (c: Context) => moderator(c) || ownsPost(c),
} satisfies Record<string, (c: Context) => boolean>;

export type Action = keyof typeof permissions;

export function can(action: Action, context: Context): boolean {
  return permissions[action](context);
}
