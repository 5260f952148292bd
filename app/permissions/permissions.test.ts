import { describe, expect, it } from "vitest";
import {
  can,
  flagHidesPost,
  HIDE_AFTER_MEMBER_FLAGS,
  permissions,
  refusedAsWithdrawn,
  type Action,
  type Context,
  type Standing,
  type WorkScope,
} from "./permissions";

const member: Standing = { mentor: false, moderator: false, silenced: false };
const roles = {
  guest: { actor: null, standing: null },
  suspended: { actor: { id: 1, isAdmin: false, suspended: true }, standing: member },
  outsider: { actor: { id: 2, isAdmin: false, suspended: false }, standing: null },
  member: { actor: { id: 3, isAdmin: false, suspended: false }, standing: member },
  silenced: { actor: { id: 4, isAdmin: false, suspended: false }, standing: { ...member, silenced: true } },
  mentor: { actor: { id: 5, isAdmin: false, suspended: false }, standing: { ...member, mentor: true } },
  moderator: { actor: { id: 6, isAdmin: false, suspended: false }, standing: { ...member, moderator: true } },
  admin: { actor: { id: 8, isAdmin: true, suspended: false }, standing: null },
  /** Asked the thread and wrote the post the action is about. */
  asker: { actor: { id: 10, isAdmin: false, suspended: false }, standing: member },
  assignedMentor: { actor: { id: 11, isAdmin: false, suspended: false }, standing: { ...member, mentor: true } },
} satisfies Record<string, Omit<Context, "network">>;

type Role = keyof typeof roles;
const question = { authorId: 10, kind: "question" as const, mentorIds: [11], locked: false, removed: false };
const askersPost = { authorId: 10 };
/** The assignment is the assigned mentor's; the profile is the (unassigned) mentor's own. */
const assignment = { mentorId: 11 };
const mentorsProfile = { userId: 5 };
/** The member a silence or suspension is about: nobody's role, not the actor. */
const plainMember = { userId: 20, moderator: false, admin: false };
/** A file on the asker's post. */
const askersFile = { on: "post" as const, uploaderId: 10, removed: false };
const Y = true;
const N = false;

/**
 * The whole matrix, per network visibility. Columns in the order of `roles`:
 * guest, suspended, outsider, member, silenced, mentor, moderator, admin, asker, assignedMentor.
 * A moderator of another network is no column: in a context made by hand it would be the outsider's
 * input again. tests/integration/permissions-real.test.ts makes one for real, through the code that
 * builds the server's contexts, and checks that it decides as an outsider does.
 * The thread is an open question by the asker, assigned to the assigned mentor; the post is the asker's;
 * the assignment is the assigned mentor's; the mentor profile belongs to the mentor; the subject of a
 * silence or suspension is another plain member; a move's destination is a network where the role is
 * the same as here; the file is one the asker attached to that post.
 */
const expected: Record<"public" | "members", Record<Action, boolean[]>> = {
  public: {
    readNetwork: [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    joinNetwork: [N, N, Y, N, N, N, N, Y, N, N],
    leaveNetwork: [N, N, N, Y, Y, Y, Y, N, Y, Y],
    addMember: [N, N, N, N, N, N, Y, Y, N, N],
    postInNetwork: [N, N, N, Y, N, Y, Y, N, Y, Y],
    createNetwork: [N, N, N, N, N, N, N, Y, N, N],
    editNetwork: [N, N, N, N, N, N, N, Y, N, N],
    grantMentor: [N, N, N, N, N, N, Y, Y, N, N],
    grantModerator: [N, N, N, N, N, N, N, Y, N, N],
    viewAdminArea: [N, N, N, N, N, N, N, Y, N, N],
    editOwnProfile: [N, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    postWithoutRateLimit: [N, N, N, N, N, N, Y, Y, N, N],
    answerThread: [N, N, N, Y, N, Y, Y, N, Y, Y],
    votePost: [N, N, N, Y, N, Y, Y, N, N, Y],
    meToo: [N, N, N, Y, Y, Y, Y, N, N, Y],
    acceptAnswer: [N, N, N, N, N, N, Y, N, Y, Y],
    editPost: [N, N, N, N, N, N, Y, N, Y, N],
    viewRevisions: [N, N, N, N, N, N, Y, N, Y, N],
    handleAssignment: [N, N, N, N, N, N, N, N, N, Y],
    manageMentoring: [N, N, N, N, N, N, Y, Y, N, N],
    editMentorProfile: [N, N, N, N, N, Y, Y, Y, N, N],
    viewMentoringReport: [N, N, N, N, N, Y, Y, Y, N, Y],
    flagPost: [N, N, N, Y, N, Y, Y, N, N, Y],
    reviewFlags: [N, N, N, N, N, N, Y, Y, N, N],
    hidePost: [N, N, N, N, N, N, Y, Y, N, N],
    seeRemoved: [N, N, N, N, N, N, Y, Y, Y, N],
    // The asker's post, not hidden (hidden ones: the rules below).
    seePost: [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    lockThread: [N, N, N, N, N, N, Y, Y, N, N],
    pinThread: [N, N, N, N, N, N, Y, Y, N, N],
    moveThread: [N, N, N, N, N, N, Y, Y, N, N],
    closeAsDuplicate: [N, N, N, N, N, N, Y, Y, N, N],
    deleteThread: [N, N, N, N, N, N, Y, Y, N, N],
    readModerationLog: [N, N, N, N, N, N, Y, Y, N, N],
    readSiteWideLog: [N, N, N, N, N, N, N, Y, N, N],
    // Without a record in scope (the moderation rules below have one): admins only.
    viewMemberRecord: [N, N, N, N, N, N, N, Y, N, N],
    silenceMember: [N, N, N, N, N, N, Y, Y, N, N],
    suspendAccount: [N, N, N, N, N, N, N, Y, N, N],
    curateKnowledgeBase: [N, N, N, N, N, N, Y, Y, N, N],
    rateKnowledgeBase: [N, N, Y, Y, Y, Y, Y, Y, Y, Y],
    // Courses without a course in scope (the course matrix below has one).
    createCourse: [N, N, N, N, N, N, Y, Y, N, N],
    manageCourse: [N, N, N, N, N, N, Y, Y, N, N],
    enrolInCourse: [N, N, N, N, N, N, N, N, N, N],
    leaveCourse: [N, N, N, N, N, N, N, N, N, N],
    askInCourse: [N, N, N, N, N, N, N, N, N, N],
    viewCourseUnanswered: [N, N, N, N, N, N, Y, Y, N, N],
    // Course work without a course or a work in scope (the work matrix below has both).
    writeWork: [N, N, N, N, N, N, N, N, N, N],
    readWork: [N, N, N, N, N, N, N, N, N, N],
    reviewWork: [N, N, N, N, N, N, N, N, N, N],
    replyToReview: [N, N, N, N, N, N, N, N, N, N],
    viewCourseWork: [N, N, N, N, N, N, Y, Y, N, N],
    remindTeacher: [N, N, N, N, N, N, Y, Y, N, N],
    // Announcements without one in scope (the announcement matrix below has one).
    createAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    editAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    viewReceipts: [N, N, N, N, N, N, Y, Y, N, N],
    remindAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    acknowledgeAnnouncement: [N, N, N, N, N, N, N, N, N, N],
    readAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    readAnnouncementText: [N, N, N, N, N, N, Y, Y, N, N],
    uploadFile: [N, N, Y, Y, Y, Y, Y, Y, Y, Y],
    readAttachment: [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    removeAttachment: [N, N, N, N, N, N, Y, Y, N, N],
  },
  members: {
    readNetwork: [N, N, N, Y, Y, Y, Y, Y, Y, Y],
    joinNetwork: [N, N, N, N, N, N, N, N, N, N],
    leaveNetwork: [N, N, N, Y, Y, Y, Y, N, Y, Y],
    addMember: [N, N, N, N, N, N, Y, Y, N, N],
    postInNetwork: [N, N, N, Y, N, Y, Y, N, Y, Y],
    createNetwork: [N, N, N, N, N, N, N, Y, N, N],
    editNetwork: [N, N, N, N, N, N, N, Y, N, N],
    grantMentor: [N, N, N, N, N, N, Y, Y, N, N],
    grantModerator: [N, N, N, N, N, N, N, Y, N, N],
    viewAdminArea: [N, N, N, N, N, N, N, Y, N, N],
    editOwnProfile: [N, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    postWithoutRateLimit: [N, N, N, N, N, N, Y, Y, N, N],
    answerThread: [N, N, N, Y, N, Y, Y, N, Y, Y],
    votePost: [N, N, N, Y, N, Y, Y, N, N, Y],
    meToo: [N, N, N, Y, Y, Y, Y, N, N, Y],
    acceptAnswer: [N, N, N, N, N, N, Y, N, Y, Y],
    editPost: [N, N, N, N, N, N, Y, N, Y, N],
    viewRevisions: [N, N, N, N, N, N, Y, N, Y, N],
    handleAssignment: [N, N, N, N, N, N, N, N, N, Y],
    manageMentoring: [N, N, N, N, N, N, Y, Y, N, N],
    editMentorProfile: [N, N, N, N, N, Y, Y, Y, N, N],
    viewMentoringReport: [N, N, N, N, N, Y, Y, Y, N, Y],
    flagPost: [N, N, N, Y, N, Y, Y, N, N, Y],
    reviewFlags: [N, N, N, N, N, N, Y, Y, N, N],
    hidePost: [N, N, N, N, N, N, Y, Y, N, N],
    seeRemoved: [N, N, N, N, N, N, Y, Y, Y, N],
    // The asker's post, not hidden (hidden ones: the rules below).
    seePost: [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    lockThread: [N, N, N, N, N, N, Y, Y, N, N],
    pinThread: [N, N, N, N, N, N, Y, Y, N, N],
    moveThread: [N, N, N, N, N, N, Y, Y, N, N],
    closeAsDuplicate: [N, N, N, N, N, N, Y, Y, N, N],
    deleteThread: [N, N, N, N, N, N, Y, Y, N, N],
    readModerationLog: [N, N, N, N, N, N, Y, Y, N, N],
    readSiteWideLog: [N, N, N, N, N, N, N, Y, N, N],
    // Without a record in scope (the moderation rules below have one): admins only.
    viewMemberRecord: [N, N, N, N, N, N, N, Y, N, N],
    silenceMember: [N, N, N, N, N, N, Y, Y, N, N],
    suspendAccount: [N, N, N, N, N, N, N, Y, N, N],
    curateKnowledgeBase: [N, N, N, N, N, N, Y, Y, N, N],
    rateKnowledgeBase: [N, N, N, Y, Y, Y, Y, Y, Y, Y],
    createCourse: [N, N, N, N, N, N, Y, Y, N, N],
    manageCourse: [N, N, N, N, N, N, Y, Y, N, N],
    enrolInCourse: [N, N, N, N, N, N, N, N, N, N],
    leaveCourse: [N, N, N, N, N, N, N, N, N, N],
    askInCourse: [N, N, N, N, N, N, N, N, N, N],
    viewCourseUnanswered: [N, N, N, N, N, N, Y, Y, N, N],
    // Course work without a course or a work in scope (the work matrix below has both).
    writeWork: [N, N, N, N, N, N, N, N, N, N],
    readWork: [N, N, N, N, N, N, N, N, N, N],
    reviewWork: [N, N, N, N, N, N, N, N, N, N],
    replyToReview: [N, N, N, N, N, N, N, N, N, N],
    viewCourseWork: [N, N, N, N, N, N, Y, Y, N, N],
    remindTeacher: [N, N, N, N, N, N, Y, Y, N, N],
    // Announcements without one in scope (the announcement matrix below has one).
    createAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    editAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    viewReceipts: [N, N, N, N, N, N, Y, Y, N, N],
    remindAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    acknowledgeAnnouncement: [N, N, N, N, N, N, N, N, N, N],
    readAnnouncement: [N, N, N, N, N, N, Y, Y, N, N],
    readAnnouncementText: [N, N, N, N, N, N, Y, Y, N, N],
    uploadFile: [N, N, Y, Y, Y, Y, Y, Y, Y, Y],
    readAttachment: [N, N, N, Y, Y, Y, Y, Y, Y, Y],
    removeAttachment: [N, N, N, N, N, N, Y, Y, N, N],
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
          const scope = {
            network: { visibility },
            thread: question,
            post: askersPost,
            assignment,
            profile: mentorsProfile,
            subject: plainMember,
            attachment: askersFile,
          };
          expect(can(action, { ...roles[role], ...scope, destination: roles[role].standing })).toBe(allowed);
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

  it("a removed thread takes no accepted answer and no 'me too', from anyone", () => {
    const removed = { ...question, locked: true, removed: true };
    expect(can("acceptAnswer", { ...asker, thread: removed })).toBe(false);
    expect(can("acceptAnswer", { ...moderator, thread: removed })).toBe(false);
    expect(can("meToo", { ...roles.member, network: { visibility: "public" }, thread: removed })).toBe(false);
  });

  it("an author may vote on other people's posts", () => {
    expect(can("votePost", { ...asker, thread: question, post: { authorId: 99 } })).toBe(true);
  });

  it("a silenced author may not edit their post", () => {
    const silenced = { actor: roles.asker.actor, standing: { ...member, silenced: true }, network: { visibility: "public" as const } };
    expect(can("editPost", { ...silenced, post: askersPost })).toBe(false);
  });
});

describe("file rules the matrix does not show", () => {
  const network = { visibility: "public" as const };
  const readers = (context: Omit<Context, "actor" | "standing">) =>
    (Object.keys(roles) as Role[]).filter((role) => can("readAttachment", { ...roles[role], ...context }));

  it("a pending upload (a form not yet published) is its uploader's alone, in no network", () => {
    expect(readers({ attachment: { on: "pending", uploaderId: 10, removed: false } })).toEqual(["asker"]);
    expect(can("removeAttachment", { ...roles.moderator, network, attachment: { on: "pending", uploaderId: 10, removed: false } })).toBe(
      false,
    );
  });

  it("a hidden post hides its files from all but its author, moderators and admins", () => {
    const hidden = { network, thread: question, post: { ...askersPost, hidden: true }, attachment: askersFile };
    expect(readers(hidden)).toEqual(["moderator", "admin", "asker"]);
  });

  it("a removed thread's files stay with those who see removed content", () => {
    const removed = { network, thread: { ...question, locked: true, removed: true }, post: askersPost, attachment: askersFile };
    expect(readers(removed)).toEqual(["moderator", "admin", "asker"]);
  });

  it("a file a moderator removed stays with moderators and admins, not even its uploader", () => {
    expect(readers({ network, thread: question, post: askersPost, attachment: { ...askersFile, removed: true } })).toEqual([
      "moderator",
      "admin",
    ]);
  });

  it("a module's or an entry's file is read like the network", () => {
    for (const on of ["module", "kbEntry"] as const) {
      const file = { on, uploaderId: 10, removed: false };
      expect(readers({ network: { visibility: "members" }, attachment: file })).toEqual(
        readers({ network: { visibility: "members" }, thread: question, post: askersPost, attachment: askersFile }),
      );
      expect(readers({ network: { visibility: "members" }, attachment: file })).not.toContain("outsider");
    }
  });

  it("without a file in scope nothing is read", () => {
    expect(can("readAttachment", { ...roles.admin, network })).toBe(false);
  });
});

describe("mentoring rules the matrix does not show", () => {
  const network = { visibility: "public" as const };
  const scope = { network, thread: question, assignment, profile: mentorsProfile };
  const mentoringActions = ["handleAssignment", "manageMentoring", "editMentorProfile", "viewMentoringReport"] as const;

  it("roles are held per network: a moderator or mentor of network A acting in network B is refused", () => {
    // In B they are a plain member (or no member at all); their standing in A does not travel.
    const moderatorOfA = { id: 6, isAdmin: false, suspended: false };
    const mentorOfA = { id: 11, isAdmin: false, suspended: false };
    for (const actor of [moderatorOfA, mentorOfA]) {
      for (const standing of [member, null]) {
        for (const action of mentoringActions) {
          expect(can(action, { actor, standing, ...scope, profile: { userId: actor.id } }), `${action} as ${actor.id}`).toBe(false);
        }
      }
    }
  });

  it("a mentor whose role was taken back can no longer act on the assignment they still hold", () => {
    expect(can("handleAssignment", { ...roles.assignedMentor, standing: member, ...scope })).toBe(false);
  });

  it("a suspended mentor cannot act on their assignment or read the report", () => {
    const suspended = { actor: { id: 11, isAdmin: false, suspended: true }, standing: { ...member, mentor: true } };
    expect(can("handleAssignment", { ...suspended, ...scope })).toBe(false);
    expect(can("viewMentoringReport", { ...suspended, ...scope })).toBe(false);
  });

  it("nobody handles a question waiting in the moderators' queue as if it were theirs", () => {
    for (const role of ["mentor", "assignedMentor", "moderator", "admin"] as const) {
      expect(can("handleAssignment", { ...roles[role], ...scope, assignment: { mentorId: null } })).toBe(false);
    }
  });

  it("a silenced mentor may still hand off or decline (passing a question on is not posting)", () => {
    const silenced = { actor: roles.assignedMentor.actor, standing: { ...member, mentor: true, silenced: true } };
    expect(can("handleAssignment", { ...silenced, ...scope })).toBe(true);
  });
});

describe("moderation rules the matrix does not show", () => {
  const network = { visibility: "public" as const };
  const scope = { network, thread: question, post: askersPost, subject: plainMember };
  const moderationActions = [
    "reviewFlags",
    "hidePost",
    "lockThread",
    "pinThread",
    "moveThread",
    "closeAsDuplicate",
    "deleteThread",
    "readModerationLog",
    "silenceMember",
    "curateKnowledgeBase",
  ] as const;

  it("a moderator of network A acting in network B is refused every moderation action", () => {
    // In B they are a plain member, a mentor, or no member at all; their role in A does not travel.
    const moderatorOfA = { id: 6, isAdmin: false, suspended: false };
    for (const standing of [member, { ...member, mentor: true }, null]) {
      for (const action of moderationActions) {
        expect(can(action, { actor: moderatorOfA, standing, ...scope }), `${action} with ${JSON.stringify(standing)}`).toBe(false);
      }
      expect(can("seeRemoved", { actor: moderatorOfA, standing, ...scope })).toBe(false);
    }
  });

  it("a suspended moderator or admin may do nothing", () => {
    for (const actor of [
      { id: 6, isAdmin: false, suspended: true },
      { id: 8, isAdmin: true, suspended: true },
    ]) {
      for (const action of [...moderationActions, "suspendAccount"] as const) {
        expect(can(action, { actor, standing: { ...member, moderator: true }, ...scope })).toBe(false);
      }
    }
  });

  it("nobody silences themselves or an admin; only an admin silences a moderator", () => {
    const moderator = roles.moderator;
    expect(can("silenceMember", { ...moderator, ...scope, subject: { userId: 6, moderator: true, admin: false } })).toBe(false);
    expect(can("silenceMember", { ...moderator, ...scope, subject: { userId: 30, moderator: false, admin: true } })).toBe(false);
    expect(can("silenceMember", { ...moderator, ...scope, subject: { userId: 30, moderator: true, admin: false } })).toBe(false);
    expect(can("silenceMember", { ...roles.admin, ...scope, subject: { userId: 30, moderator: true, admin: false } })).toBe(true);
    expect(can("suspendAccount", { ...roles.admin, ...scope, subject: { userId: 8, moderator: false, admin: true } })).toBe(false);
    expect(can("silenceMember", { ...moderator, network })).toBe(false);
  });

  it("a silenced member may not flag, and nobody flags their own post", () => {
    expect(can("flagPost", { ...roles.silenced, ...scope })).toBe(false);
    expect(can("flagPost", { ...roles.asker, ...scope })).toBe(false);
    expect(can("flagPost", { ...roles.member, network })).toBe(false);
  });

  it("the asker does not see someone else's hidden answer in their thread; its author does", () => {
    const theirAnswer = { authorId: 3 };
    expect(can("seeRemoved", { ...roles.asker, ...scope, post: theirAnswer })).toBe(false);
    expect(can("seeRemoved", { ...roles.member, ...scope, post: theirAnswer })).toBe(true);
    expect(can("seeRemoved", { ...roles.asker, network, thread: question })).toBe(true);
  });

  it("members-only knowledge bases are rated by members and admins only", () => {
    const closed = { visibility: "members" as const };
    expect(can("rateKnowledgeBase", { ...roles.outsider, network: closed })).toBe(false);
    expect(can("rateKnowledgeBase", { ...roles.member, network: closed })).toBe(true);
    expect(can("rateKnowledgeBase", { ...roles.guest, network })).toBe(false);
  });
});

describe("the course matrix", () => {
  const plain = { enrolment: "open" as const, curator: false, enrolled: false, listed: false };
  const teacher = (id: number, standing: Standing = member) => ({ actor: { id, isAdmin: false, suspended: false }, standing });
  /** Each role with its standing in the network and its place in the course. */
  const courseRoles = {
    guest: { actor: null, standing: null, place: plain },
    suspended: { ...teacher(1), actor: { id: 1, isAdmin: false, suspended: true }, place: { ...plain, enrolled: true } },
    outsider: { ...teacher(2, null), place: plain },
    member: { ...teacher(3), place: plain },
    /** On the enrolment list (an invite for their email), not enrolled yet. */
    listed: { ...teacher(12), place: { ...plain, listed: true } },
    enrolled: { ...teacher(13), place: { ...plain, enrolled: true } },
    silencedEnrolled: { ...teacher(4, { ...member, silenced: true }), place: { ...plain, enrolled: true } },
    mentor: { ...teacher(5, { ...member, mentor: true }), place: plain },
    curator: { ...teacher(14), place: { ...plain, curator: true } },
    /** Named curator who has since left the network: the role does not outlive the membership. */
    curatorNoLongerMember: { ...teacher(15, null), place: { ...plain, curator: true } },
    moderator: { ...teacher(6, { ...member, moderator: true }), place: plain },
    admin: { actor: { id: 8, isAdmin: true, suspended: false }, standing: null, place: plain },
    /** Silenced in the network: reads the course and its unanswered list, writes nothing. */
    silencedCurator: { ...teacher(16, { ...member, silenced: true }), place: { ...plain, curator: true } },
  };
  type CourseRole = keyof typeof courseRoles;
  const courseActions = [
    "createCourse",
    "manageCourse",
    "enrolInCourse",
    "leaveCourse",
    "askInCourse",
    "viewCourseUnanswered",
    "acceptAnswer",
  ] as const;
  /** Columns in the order of courseRoles: guest, suspended, outsider, member, listed, enrolled, silencedEnrolled, mentor, curator, curatorNoLongerMember, moderator, admin, silencedCurator. */
  const expectedFor: Record<"open" | "list", Record<(typeof courseActions)[number], boolean[]>> = {
    open: {
      createCourse: [N, N, N, N, N, N, N, N, N, N, Y, Y, N],
      manageCourse: [N, N, N, N, N, N, N, N, Y, N, Y, Y, N],
      enrolInCourse: [N, N, N, Y, Y, N, N, Y, Y, N, Y, N, Y],
      leaveCourse: [N, N, N, N, N, Y, Y, N, N, N, N, N, N],
      askInCourse: [N, N, N, N, N, Y, N, N, Y, N, Y, N, N],
      viewCourseUnanswered: [N, N, N, N, N, N, N, N, Y, N, Y, Y, Y],
      // On someone else's question in the course: curators and moderators (as ever).
      acceptAnswer: [N, N, N, N, N, N, N, N, Y, N, Y, N, Y],
    },
    list: {
      createCourse: [N, N, N, N, N, N, N, N, N, N, Y, Y, N],
      manageCourse: [N, N, N, N, N, N, N, N, Y, N, Y, Y, N],
      enrolInCourse: [N, N, N, N, Y, N, N, N, N, N, N, N, N],
      leaveCourse: [N, N, N, N, N, Y, Y, N, N, N, N, N, N],
      askInCourse: [N, N, N, N, N, Y, N, N, Y, N, Y, N, N],
      viewCourseUnanswered: [N, N, N, N, N, N, N, N, Y, N, Y, Y, Y],
      acceptAnswer: [N, N, N, N, N, N, N, N, Y, N, Y, N, Y],
    },
  };
  const someonesQuestion = { authorId: 99, kind: "question" as const, mentorIds: [], locked: false, removed: false };

  for (const enrolment of ["open", "list"] as const) {
    for (const action of courseActions) {
      (Object.keys(courseRoles) as CourseRole[]).forEach((role, column) => {
        const allowed = expectedFor[enrolment][action][column];
        it(`${role} ${allowed ? "may" : "may not"} ${action} in a course ${enrolment === "open" ? "open to all" : "by list"}`, () => {
          const { place, ...who } = courseRoles[role];
          const context = { ...who, network: { visibility: "public" as const }, course: { ...place, enrolment }, thread: someonesQuestion };
          expect(can(action, context)).toBe(allowed);
        });
      });
    }
  }

  it("a curator of a course accepts nothing outside it: a question with no course needs another reason", () => {
    expect(can("acceptAnswer", { ...teacher(14), network: { visibility: "public" }, thread: someonesQuestion })).toBe(false);
  });
});

describe("the announcement matrix", () => {
  const course = { enrolment: "open" as const, curator: false, enrolled: false, listed: false };
  const person = (id: number, standing: Standing = member) => ({ actor: { id, isAdmin: false, suspended: false }, standing });
  /** Each role with its standing in the network, its place in the announcement's course, and whether it is addressed to them. */
  const announcementRoles = {
    guest: { actor: null, standing: null, place: course, recipient: false },
    suspendedRecipient: {
      actor: { id: 1, isAdmin: false, suspended: true },
      standing: member,
      place: { ...course, enrolled: true },
      recipient: true,
    },
    outsider: { ...person(2, null), place: course, recipient: false },
    recipient: { ...person(3), place: { ...course, enrolled: true }, recipient: true },
    /** A member of the network not enrolled in the course (for a network announcement they are a recipient). */
    nonRecipient: { ...person(12), place: course, recipient: false },
    silencedRecipient: { ...person(4, { ...member, silenced: true }), place: { ...course, enrolled: true }, recipient: true },
    /** The curator who wrote it (for a network announcement: a plain member who happens to be its author id). */
    authorCurator: { ...person(20), place: { ...course, curator: true }, recipient: false },
    otherCurator: { ...person(14), place: { ...course, curator: true }, recipient: true },
    silencedCurator: { ...person(16, { ...member, silenced: true }), place: { ...course, curator: true }, recipient: true },
    curatorNoLongerMember: { ...person(15, null), place: { ...course, curator: true }, recipient: false },
    moderator: { ...person(6, { ...member, moderator: true }), place: course, recipient: true },
    admin: { actor: { id: 8, isAdmin: true, suspended: false }, standing: null, place: course, recipient: false },
  };
  type AnnouncementRole = keyof typeof announcementRoles;
  const actions = [
    "createAnnouncement",
    "editAnnouncement",
    "viewReceipts",
    "remindAnnouncement",
    "acknowledgeAnnouncement",
    "readAnnouncement",
    "readAnnouncementText",
  ] as const;
  type Audience = "course" | "network" | "withdrawn course" | "withdrawn network";
  /**
   * Columns in the order of announcementRoles: guest, suspendedRecipient, outsider, recipient, nonRecipient,
   * silencedRecipient, authorCurator, otherCurator, silencedCurator, curatorNoLongerMember, moderator, admin.
   * A course announcement has the course in scope; a network announcement has none (curators are plain members there).
   * Withdrawn, it asks nothing of anyone (no reminder, no acknowledgement) and only its staff still read its text.
   */
  const expectedFor: Record<Audience, Record<(typeof actions)[number], boolean[]>> = {
    course: {
      createAnnouncement: [N, N, N, N, N, N, Y, Y, N, N, Y, Y],
      editAnnouncement: [N, N, N, N, N, N, Y, N, N, N, Y, Y],
      viewReceipts: [N, N, N, N, N, N, Y, Y, Y, N, Y, Y],
      // A silenced curator still sees the receipts but sends no reminders to hundreds of people.
      remindAnnouncement: [N, N, N, N, N, N, Y, Y, N, N, Y, Y],
      acknowledgeAnnouncement: [N, N, N, Y, N, Y, N, Y, Y, N, Y, N],
      readAnnouncement: [N, Y, N, Y, N, Y, Y, Y, Y, N, Y, Y],
      readAnnouncementText: [N, Y, N, Y, N, Y, Y, Y, Y, N, Y, Y],
    },
    network: {
      createAnnouncement: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      // A network announcement's author is a moderator; one who is no longer edits it no more.
      editAnnouncement: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      viewReceipts: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      remindAnnouncement: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      acknowledgeAnnouncement: [N, N, N, Y, N, Y, N, Y, Y, N, Y, N],
      // Its author reads it (here a plain member who once published it).
      readAnnouncement: [N, Y, N, Y, N, Y, Y, Y, Y, N, Y, Y],
      readAnnouncementText: [N, Y, N, Y, N, Y, Y, Y, Y, N, Y, Y],
    },
    "withdrawn course": {
      createAnnouncement: [N, N, N, N, N, N, Y, Y, N, N, Y, Y],
      // Its staff may still restore it.
      editAnnouncement: [N, N, N, N, N, N, Y, N, N, N, Y, Y],
      viewReceipts: [N, N, N, N, N, N, Y, Y, Y, N, Y, Y],
      remindAnnouncement: [N, N, N, N, N, N, N, N, N, N, N, N],
      acknowledgeAnnouncement: [N, N, N, N, N, N, N, N, N, N, N, N],
      readAnnouncement: [N, Y, N, Y, N, Y, Y, Y, Y, N, Y, Y],
      readAnnouncementText: [N, N, N, N, N, N, Y, Y, Y, N, Y, Y],
    },
    "withdrawn network": {
      createAnnouncement: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      editAnnouncement: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      viewReceipts: [N, N, N, N, N, N, N, N, N, N, Y, Y],
      remindAnnouncement: [N, N, N, N, N, N, N, N, N, N, N, N],
      acknowledgeAnnouncement: [N, N, N, N, N, N, N, N, N, N, N, N],
      readAnnouncement: [N, Y, N, Y, N, Y, Y, Y, Y, N, Y, Y],
      readAnnouncementText: [N, N, N, N, N, N, N, N, N, N, Y, Y],
    },
  };

  for (const audience of ["course", "network", "withdrawn course", "withdrawn network"] as const) {
    for (const action of actions) {
      (Object.keys(announcementRoles) as AnnouncementRole[]).forEach((role, column) => {
        const allowed = expectedFor[audience][action][column];
        it(`${role} ${allowed ? "may" : "may not"} ${action} for a ${audience} announcement`, () => {
          const { place, recipient, ...who } = announcementRoles[role];
          const toCourse = audience.endsWith("course");
          const announcement = { authorId: 20, courseId: toCourse ? 5 : null, recipient, withdrawn: audience.startsWith("withdrawn") };
          const context = { ...who, network: { visibility: "members" as const }, announcement, ...(toCourse ? { course: place } : {}) };
          expect(can(action, context)).toBe(allowed);
        });
      });
    }
  }

  it("a curator publishes to their own course only: another course, or the whole network, is refused", () => {
    const curatorHere = { ...person(14), network: { visibility: "public" as const } };
    expect(can("createAnnouncement", { ...curatorHere, course: { ...course, curator: true } })).toBe(true);
    expect(can("createAnnouncement", { ...curatorHere, course: { ...course, enrolled: true } })).toBe(false);
    expect(can("createAnnouncement", curatorHere)).toBe(false);
  });

  it("a moderator of network A has no say over an announcement of network B", () => {
    const moderatorOfA = { id: 6, isAdmin: false, suspended: false };
    const announcement = { authorId: 6, courseId: null, recipient: false, withdrawn: false };
    for (const standing of [member, null]) {
      for (const action of actions) {
        if (action === "acknowledgeAnnouncement" && standing) continue;
        // Its author reads their own announcement wherever they now stand.
        if (action === "readAnnouncement" || action === "readAnnouncementText") continue;
        expect(can(action, { actor: moderatorOfA, standing, network: { visibility: "public" }, announcement }), `${action}`).toBe(false);
      }
    }
  });

  it("a refusal only because it was withdrawn is told apart from any other", () => {
    const recipient = { ...person(3), network: { visibility: "members" as const } };
    const withdrawn = { authorId: 20, courseId: null, recipient: true, withdrawn: true };
    expect(refusedAsWithdrawn("acknowledgeAnnouncement", { ...recipient, announcement: withdrawn })).toBe(true);
    expect(refusedAsWithdrawn("acknowledgeAnnouncement", { ...recipient, announcement: { ...withdrawn, recipient: false } })).toBe(false);
    expect(refusedAsWithdrawn("remindAnnouncement", { ...recipient, announcement: withdrawn })).toBe(false);
    expect(
      refusedAsWithdrawn("remindAnnouncement", { ...roles.moderator, network: { visibility: "members" }, announcement: withdrawn }),
    ).toBe(true);
    expect(refusedAsWithdrawn("acknowledgeAnnouncement", { ...recipient, announcement: { ...withdrawn, withdrawn: false } })).toBe(false);
  });
});

describe("state-aware rules, one line each", () => {
  const network = { visibility: "public" as const };
  const moderatorHere = { ...roles.moderator, network };

  it("a mover who moderates both networks moves the thread", () => {
    expect(can("moveThread", { ...moderatorHere, destination: { ...member, moderator: true } })).toBe(true);
  });
  it("a moderator of the thread's network may not move it into a network they only belong to", () => {
    expect(can("moveThread", { ...moderatorHere, destination: member })).toBe(false);
  });
  it("a moderator of the thread's network may not move it into a network they do not belong to", () => {
    expect(can("moveThread", { ...moderatorHere, destination: null })).toBe(false);
  });
  it("a moderator of the destination only may not take a thread from a network they do not moderate", () => {
    expect(can("moveThread", { ...roles.member, network, destination: { ...member, moderator: true } })).toBe(false);
  });
  it("an admin moves a thread into any network", () => {
    expect(can("moveThread", { ...roles.admin, network, destination: null })).toBe(true);
  });
  it("a suspended admin moves nothing", () => {
    expect(can("moveThread", { actor: { id: 8, isAdmin: true, suspended: true }, standing: null, network, destination: null })).toBe(false);
  });
  it("a moderator sees the record of a member of a network they moderate", () => {
    expect(can("viewMemberRecord", { actor: roles.moderator.actor, record: { inModeratedNetwork: true } })).toBe(true);
  });
  it("a moderator does not see the record of someone outside their networks", () => {
    expect(can("viewMemberRecord", { actor: roles.moderator.actor, record: { inModeratedNetwork: false } })).toBe(false);
  });
  it("an admin sees everyone's record", () => {
    expect(can("viewMemberRecord", { actor: roles.admin.actor, record: { inModeratedNetwork: false } })).toBe(true);
  });
  it("a suspended moderator sees no record", () => {
    expect(can("viewMemberRecord", { actor: { id: 6, isAdmin: false, suspended: true }, record: { inModeratedNetwork: true } })).toBe(
      false,
    );
  });
  it("a hidden post is seen by the network's moderators", () => {
    expect(can("seePost", { ...moderatorHere, post: { authorId: 10, hidden: true } })).toBe(true);
  });
  it("a hidden post is seen by its author", () => {
    expect(can("seePost", { ...roles.asker, network, post: { authorId: 10, hidden: true } })).toBe(true);
  });
  it("a hidden post is absent to other members", () => {
    expect(can("seePost", { ...roles.member, network, post: { authorId: 10, hidden: true } })).toBe(false);
  });
  it("a hidden post is absent to a moderator of another network", () => {
    expect(can("seePost", { actor: roles.moderator.actor, standing: member, network, post: { authorId: 10, hidden: true } })).toBe(false);
  });
  it("a guest sees no record", () => {
    expect(can("viewMemberRecord", { actor: null, record: { inModeratedNetwork: true } })).toBe(false);
  });
  it("one member's flag does not hide a post", () => {
    expect(flagHidesPost({ mentor: false, moderator: false }, 1)).toBe(false);
  });
  it(`the ${HIDE_AFTER_MEMBER_FLAGS}th open flag by different members hides it`, () => {
    expect(flagHidesPost({ mentor: false, moderator: false }, HIDE_AFTER_MEMBER_FLAGS - 1)).toBe(false);
    expect(flagHidesPost({ mentor: false, moderator: false }, HIDE_AFTER_MEMBER_FLAGS)).toBe(true);
  });
  it("one mentor's flag hides it at once", () => {
    expect(flagHidesPost({ mentor: true, moderator: false }, 1)).toBe(true);
  });
  it("one moderator's flag hides it at once", () => {
    expect(flagHidesPost({ mentor: false, moderator: true }, 1)).toBe(true);
  });
  it("a mentor of another network flags as a member does here", () => {
    expect(flagHidesPost(null, 1)).toBe(false);
  });
});

describe("the course work matrix", () => {
  const plain = { enrolment: "open" as const, curator: false, enrolled: false, listed: false };
  const person = (id: number, standing: Standing = member) => ({ actor: { id, isAdmin: false, suspended: false }, standing });
  /** The work is teacher 13's, handed in; group curator 14 curates them, curator 16 keeps another group. */
  const workRoles = {
    guest: { actor: null, standing: null, place: plain },
    owner: { ...person(13), place: { ...plain, enrolled: true } },
    silencedOwner: { ...person(13, { ...member, silenced: true }), place: { ...plain, enrolled: true } },
    suspendedOwner: { ...person(13), actor: { id: 13, isAdmin: false, suspended: true }, place: { ...plain, enrolled: true } },
    otherTeacher: { ...person(17), place: { ...plain, enrolled: true } },
    groupCurator: { ...person(14), place: { ...plain, curator: true }, curates: true },
    otherCurator: { ...person(16), place: { ...plain, curator: true } },
    curatorNoLongerMember: { ...person(14, null), place: { ...plain, curator: true }, curates: true },
    silencedCurator: { ...person(14, { ...member, silenced: true }), place: { ...plain, curator: true }, curates: true },
    mentor: { ...person(5, { ...member, mentor: true }), place: plain },
    moderator: { ...person(6, { ...member, moderator: true }), place: plain },
    admin: { actor: { id: 8, isAdmin: true, suspended: false }, standing: null, place: plain },
  };
  type WorkRole = keyof typeof workRoles;
  const work = (role: WorkRole, over: Partial<WorkScope> = {}): WorkScope => ({
    ownerId: 13,
    status: "submitted",
    groupCurator: "curates" in workRoles[role] && workRoles[role].curates === true,
    escalated: false,
    reviewUnanswered: false,
    ...over,
  });
  const ctx = (role: WorkRole, over: Partial<WorkScope> = {}): Context => {
    const { place, ...who } = workRoles[role];
    return { ...who, network: { visibility: "members" }, course: place, work: work(role, over) };
  };
  const allowed = (action: Action, over: Partial<WorkScope> = {}) =>
    (Object.keys(workRoles) as WorkRole[]).filter((role) => can(action, ctx(role, over)));

  it("a handed-in work is read by its teacher, the curators of the teacher, moderators and admins", () => {
    expect(allowed("readWork")).toEqual(["owner", "silencedOwner", "groupCurator", "silencedCurator", "moderator", "admin"]);
  });

  it("once its review is overdue, every curator of the course reads it and may review it", () => {
    expect(allowed("readWork", { escalated: true })).toContain("otherCurator");
    expect(allowed("reviewWork", { escalated: true })).toEqual(["groupCurator", "otherCurator", "moderator", "admin"]);
  });

  it("a review is written on handed-in work only, by a curator of the teacher who may write", () => {
    expect(allowed("reviewWork")).toEqual(["groupCurator", "moderator", "admin"]);
    for (const status of ["new", "draft", "revise", "accepted"] as const) expect(allowed("reviewWork", { status })).toEqual([]);
  });

  it("the teacher writes their own work while it is theirs to write, not while it waits or once accepted", () => {
    for (const status of ["new", "draft", "revise"] as const) expect(allowed("writeWork", { status })).toEqual(["owner"]);
    for (const status of ["submitted", "accepted"] as const) expect(allowed("writeWork", { status })).toEqual([]);
    const fresh = { ...workRoles.otherTeacher, network: { visibility: "members" as const }, course: workRoles.otherTeacher.place };
    expect(can("writeWork", fresh)).toBe(true);
    expect(can("writeWork", { ...fresh, course: plain })).toBe(false);
  });

  it("the teacher replies once to the newest review", () => {
    expect(allowed("replyToReview", { status: "revise", reviewUnanswered: true })).toEqual(["owner", "silencedOwner"]);
    expect(allowed("replyToReview", { status: "revise", reviewUnanswered: false })).toEqual([]);
  });

  it("a work's file is read as the work is, and no moderator takes it off", () => {
    const file = { on: "work" as const, uploaderId: 13, removed: false };
    const readers = (Object.keys(workRoles) as WorkRole[]).filter((role) => can("readAttachment", { ...ctx(role), attachment: file }));
    expect(readers).toEqual(allowed("readWork"));
    expect(can("removeAttachment", { ...ctx("moderator"), attachment: file })).toBe(false);
  });

  it("the queue, the participation table and reminders are the curators' and the network's staff's", () => {
    expect(allowed("viewCourseWork")).toEqual(["groupCurator", "otherCurator", "silencedCurator", "moderator", "admin"]);
    expect(allowed("remindTeacher")).toEqual(["groupCurator", "otherCurator", "moderator", "admin"]);
  });
});
