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

export type Context = {
  actor: Actor | null;
  network?: NetworkScope;
  standing?: Standing;
};

const active = (c: Context): c is Context & { actor: Actor } => c.actor !== null && !c.actor.suspended;
const admin = (c: Context) => active(c) && c.actor.isAdmin;
const member = (c: Context) => active(c) && c.standing != null;
const moderator = (c: Context) => member(c) && c.standing!.moderator;
const canWrite = (c: Context) => member(c) && !c.standing!.silenced;

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
} satisfies Record<string, (c: Context) => boolean>;

export type Action = keyof typeof permissions;

export function can(action: Action, context: Context): boolean {
  return permissions[action](context);
}
