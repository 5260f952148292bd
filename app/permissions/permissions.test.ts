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
} satisfies Record<string, Omit<Context, "network">>;

type Role = keyof typeof roles;
const Y = true;
const N = false;

/**
 * The whole matrix, per network visibility. Columns in the order of `roles`:
 * guest, suspended, outsider, member, silenced, mentor, moderator, otherModerator, admin.
 */
const expected: Record<"public" | "members", Record<Action, boolean[]>> = {
  public: {
    readNetwork: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    joinNetwork: [N, N, Y, N, N, N, N, Y, Y],
    leaveNetwork: [N, N, N, Y, Y, Y, Y, N, N],
    addMember: [N, N, N, N, N, N, Y, N, Y],
    postInNetwork: [N, N, N, Y, N, Y, Y, N, N],
    createNetwork: [N, N, N, N, N, N, N, N, Y],
    editNetwork: [N, N, N, N, N, N, N, N, Y],
    grantMentor: [N, N, N, N, N, N, Y, N, Y],
    grantModerator: [N, N, N, N, N, N, N, N, Y],
    viewAdminArea: [N, N, N, N, N, N, N, N, Y],
    editOwnProfile: [N, Y, Y, Y, Y, Y, Y, Y, Y],
  },
  members: {
    readNetwork: [N, N, N, Y, Y, Y, Y, N, Y],
    joinNetwork: [N, N, N, N, N, N, N, N, N],
    leaveNetwork: [N, N, N, Y, Y, Y, Y, N, N],
    addMember: [N, N, N, N, N, N, Y, N, Y],
    postInNetwork: [N, N, N, Y, N, Y, Y, N, N],
    createNetwork: [N, N, N, N, N, N, N, N, Y],
    editNetwork: [N, N, N, N, N, N, N, N, Y],
    grantMentor: [N, N, N, N, N, N, Y, N, Y],
    grantModerator: [N, N, N, N, N, N, N, N, Y],
    viewAdminArea: [N, N, N, N, N, N, N, N, Y],
    editOwnProfile: [N, Y, Y, Y, Y, Y, Y, Y, Y],
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
          expect(can(action, { ...roles[role], network: { visibility } })).toBe(allowed);
        });
      });
    }
  }
});
