import { describe, expect, it } from "vitest";
import { can, permissions, type Action, type Context, type Standing } from "./permissions";

const member: Standing = { mentor: false, moderator: false, silenced: false };
const roles = {
  guest: { actor: null, standing: null },
  suspended: { actor: { id: 1, isAdmin: false, suspended: true }, standing: member },
  outsider: { actor: { id: 2, isAdmin: false, suspended: false }, standing: null },
  member: { actor: { id: 3, isAdmin: false, suspended: false }, standing: member },
  silenced: { actor: { id: 4, isAdmin: false, suspended: false }, standing: { ...member, silenced: true } },
  mentor: { actor: { id: 5, isAdmin: false, suspended: false }, standing: { ...member, mentor: true } },
  moderator: { actor: { id: 6, isAdmin: false, suspended: false }, standing: { ...member, moderator: true } },
  /** A moderator of another network is, here, someone with no standing. */
  otherModerator: { actor: { id: 7, isAdmin: false, suspended: false }, standing: null },
  admin: { actor: { id: 8, isAdmin: true, suspended: false }, standing: null },
  /** Asked the thread and wrote the post the action is about. */
  asker: { actor: { id: 10, isAdmin: false, suspended: false }, standing: member },
  assignedMentor: { actor: { id: 11, isAdmin: false, suspended: false }, standing: { ...member, mentor: true } },
} satisfies Record<string, Omit<Context, "network">>;

type Role = keyof typeof roles;
const question = { authorId: 10, kind: "question" as const, mentorIds: [11], locked: false };
const askersPost = { authorId: 10 };
const Y = true;
const N = false;

/**
 * The whole matrix, per network visibility. Columns in the order of `roles`:
 * guest, suspended, outsider, member, silenced, mentor, moderator, otherModerator, admin, asker, assignedMentor.
 * The thread is an open question by the asker, assigned to the assigned mentor; the post is the asker's.
 */
const expected: Record<"public" | "members", Record<Action, boolean[]>> = {
  public: {
    readNetwork: [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    joinNetwork: [N, N, Y, N, N, N, N, Y, Y, N, N],
    leaveNetwork: [N, N, N, Y, Y, Y, Y, N, N, Y, Y],
    addMember: [N, N, N, N, N, N, Y, N, Y, N, N],
    postInNetwork: [N, N, N, Y, N, Y, Y, N, N, Y, Y],
    createNetwork: [N, N, N, N, N, N, N, N, Y, N, N],
    editNetwork: [N, N, N, N, N, N, N, N, Y, N, N],
    grantMentor: [N, N, N, N, N, N, Y, N, Y, N, N],
    grantModerator: [N, N, N, N, N, N, N, N, Y, N, N],
    viewAdminArea: [N, N, N, N, N, N, N, N, Y, N, N],
    editOwnProfile: [N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    answerThread: [N, N, N, Y, N, Y, Y, N, N, Y, Y],
    votePost: [N, N, N, Y, N, Y, Y, N, N, N, Y],
    meToo: [N, N, N, Y, Y, Y, Y, N, N, N, Y],
    acceptAnswer: [N, N, N, N, N, N, Y, N, N, Y, Y],
    editPost: [N, N, N, N, N, N, Y, N, N, Y, N],
    viewRevisions: [N, N, N, N, N, N, Y, N, N, Y, N],
  },
  members: {
    readNetwork: [N, N, N, Y, Y, Y, Y, N, Y, Y, Y],
    joinNetwork: [N, N, N, N, N, N, N, N, N, N, N],
    leaveNetwork: [N, N, N, Y, Y, Y, Y, N, N, Y, Y],
    addMember: [N, N, N, N, N, N, Y, N, Y, N, N],
    postInNetwork: [N, N, N, Y, N, Y, Y, N, N, Y, Y],
    createNetwork: [N, N, N, N, N, N, N, N, Y, N, N],
    editNetwork: [N, N, N, N, N, N, N, N, Y, N, N],
    grantMentor: [N, N, N, N, N, N, Y, N, Y, N, N],
    grantModerator: [N, N, N, N, N, N, N, N, Y, N, N],
    viewAdminArea: [N, N, N, N, N, N, N, N, Y, N, N],
    editOwnProfile: [N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    answerThread: [N, N, N, Y, N, Y, Y, N, N, Y, Y],
    votePost: [N, N, N, Y, N, Y, Y, N, N, N, Y],
    meToo: [N, N, N, Y, Y, Y, Y, N, N, N, Y],
    acceptAnswer: [N, N, N, N, N, N, Y, N, N, Y, Y],
    editPost: [N, N, N, N, N, N, Y, N, N, Y, N],
    viewRevisions: [N, N, N, N, N, N, Y, N, N, Y, N],
  },
};

describe("the permissions matrix", () => {
  it("covers every action", () => {
    expect(Object.keys(expected.public).sort()).toEqual(Object.keys(permissions).sort());
    expect(Object.keys(expected.members).sort()).toEqual(Object.keys(permissions).sort());
  });

  for (const visibility of ["public", "members"] as const) {
    for (const action of Object.keys(permissions) as Action[]) {
      (Object.keys(roles) as Role[]).forEach((role, column) => {
        const allowed = expected[visibility][action][column];
        it(`${role} ${allowed ? "may" : "may not"} ${action} in a ${visibility} network`, () => {
          expect(can(action, { ...roles[role], network: { visibility }, thread: question, post: askersPost })).toBe(allowed);
        });
      });
    }
  }
});

describe("thread rules the matrix does not show", () => {
  const asker = { ...roles.asker, network: { visibility: "public" as const } };
  const moderator = { ...roles.moderator, network: { visibility: "public" as const } };

  it("a discussion has no accepted answer and no 'me too'", () => {
    const discussion = { ...question, kind: "discussion" as const };
    expect(can("acceptAnswer", { ...asker, thread: discussion })).toBe(false);
    expect(can("acceptAnswer", { ...moderator, thread: discussion })).toBe(false);
    expect(can("meToo", { ...roles.member, network: { visibility: "public" }, thread: discussion })).toBe(false);
  });

  it("a locked thread takes no answers, even from a moderator", () => {
    expect(can("answerThread", { ...moderator, thread: { ...question, locked: true } })).toBe(false);
  });

  it("an author may vote on other people's posts", () => {
    expect(can("votePost", { ...asker, thread: question, post: { authorId: 99 } })).toBe(true);
  });

  it("a silenced author may not edit their post", () => {
    const silenced = { actor: roles.asker.actor, standing: { ...member, silenced: true }, network: { visibility: "public" as const } };
    expect(can("editPost", { ...silenced, post: askersPost })).toBe(false);
  });
});
