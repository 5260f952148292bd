/**
 * The permission contexts the server really builds, from real accounts in a real database: a
 * moderator (and mentor) of another network is, in this one, nobody special. The pure matrices
 * in app/permissions/permissions.test.ts cannot show this: a context written by hand for
 * "a moderator of another network" is the outsider's context again. Here the roles come from
 * memberships rows, through contextFor, courseContext and announcementContext, the functions
 * every guard and loader calls.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { announcementContext } from "~/announcements/announcements.server";
import { courseContext } from "~/courses/context.server";
import { contextFor } from "~/permissions/context.server";
import { can, permissions, type Action, type Context } from "~/permissions/permissions";
import { asUser, makeNetwork, makeUser } from "./helpers";

type Account = Awaited<ReturnType<typeof makeUser>>;

/** Objects of other people (negative ids: no real account has them), as in the pure matrix. */
const scope = {
  thread: { authorId: -10, kind: "question" as const, mentorIds: [-11], locked: false, removed: false },
  post: { authorId: -10 },
  assignment: { mentorId: -11 },
  profile: { userId: -5 },
  subject: { userId: -20, moderator: false, admin: false },
};

const actions = Object.keys(permissions) as Action[];
const decisions = (context: Context, only: readonly Action[] = actions) =>
  Object.fromEntries(only.map((action) => [action, can(action, { ...scope, ...context })]));

let here: { public: ReturnType<typeof makeNetwork>; members: ReturnType<typeof makeNetwork> };
let elsewhere: ReturnType<typeof makeNetwork>;
let outsider: Account;
let member: Account;
/** Moderator and mentor of `elsewhere`, no member here. */
let moderatorElsewhere: Account;
/** Moderator and mentor of `elsewhere`, a plain member here. */
let moderatorElsewhereMemberHere: Account;

beforeAll(async () => {
  here = { public: makeNetwork("public"), members: makeNetwork("members") };
  elsewhere = makeNetwork("public");
  outsider = await makeUser();
  member = await makeUser();
  moderatorElsewhere = await makeUser({ networkId: elsewhere.id, moderator: true, mentor: true });
  moderatorElsewhereMemberHere = await makeUser({ networkId: elsewhere.id, moderator: true, mentor: true });
  const db = getDb();
  for (const network of [here.public, here.members]) {
    db.insert(schema.memberships)
      .values([
        { userId: member.id, networkId: network.id },
        { userId: moderatorElsewhereMemberHere.id, networkId: network.id },
      ])
      .run();
  }
});

describe("a moderator of another network, for real", () => {
  it("is a moderator and mentor where they are one (the accounts are what they claim)", () => {
    const there = contextFor(asUser(moderatorElsewhere), elsewhere);
    expect(there.standing).toMatchObject({ moderator: true, mentor: true });
    expect(can("hidePost", { ...scope, ...there })).toBe(true);
    expect(can("manageMentoring", { ...scope, ...there })).toBe(true);
  });

  for (const visibility of ["public", "members"] as const) {
    it(`decides every action as an outsider does in a ${visibility} network`, () => {
      const context = contextFor(asUser(moderatorElsewhere), here[visibility]);
      expect(context.standing).toBeNull();
      expect(decisions(context)).toEqual(decisions(contextFor(asUser(outsider), here[visibility])));
    });

    it(`who is also a member here decides every action as a plain member does in a ${visibility} network`, () => {
      const context = contextFor(asUser(moderatorElsewhereMemberHere), here[visibility]);
      expect(context.standing).toEqual({ mentor: false, moderator: false, silenced: false });
      expect(decisions(context)).toEqual(decisions(contextFor(asUser(member), here[visibility])));
    });
  }

  const courseActions = [
    "createCourse",
    "manageCourse",
    "enrolInCourse",
    "leaveCourse",
    "askInCourse",
    "viewCourseUnanswered",
    "acceptAnswer",
  ] as const;

  for (const enrolment of ["open", "list"] as const) {
    it(`decides as an outsider does on a course ${enrolment === "open" ? "open to all" : "by list"}`, () => {
      const network = here.public;
      const course = getDb()
        .insert(schema.courses)
        .values({ networkId: network.id, title: `Курс ${enrolment}`, createdById: member.id, enrolment })
        .returning()
        .get();
      const mine = courseContext(asUser(moderatorElsewhere), network, course);
      expect(decisions(mine, courseActions)).toEqual(decisions(courseContext(asUser(outsider), network, course), courseActions));
      const asMember = courseContext(asUser(moderatorElsewhereMemberHere), network, course);
      expect(decisions(asMember, courseActions)).toEqual(decisions(courseContext(asUser(member), network, course), courseActions));
    });
  }

  const announcementActions = [
    "createAnnouncement",
    "editAnnouncement",
    "viewReceipts",
    "remindAnnouncement",
    "acknowledgeAnnouncement",
  ] as const;

  for (const audience of ["course", "network"] as const) {
    it(`decides as an outsider does on a ${audience} announcement`, () => {
      const db = getDb();
      const network = here.members;
      const course = db
        .insert(schema.courses)
        .values({ networkId: network.id, title: "Курс с объявлением", createdById: member.id })
        .returning()
        .get();
      const announcement = db
        .insert(schema.announcements)
        .values({
          networkId: network.id,
          courseId: audience === "course" ? course.id : null,
          authorId: member.id,
          title: "Педсовет в четверг",
          bodySource: "Начало в 15:00.",
          bodyHtml: "<p>Начало в 15:00.</p>",
          ackRequired: true,
          publishedAt: new Date(),
        })
        .returning()
        .get();
      const mine = announcementContext(asUser(moderatorElsewhere), network, announcement);
      expect(mine.announcement?.recipient).toBe(false);
      expect(decisions(mine, announcementActions)).toEqual(
        decisions(announcementContext(asUser(outsider), network, announcement), announcementActions),
      );
    });
  }
});
