/** Who curates whom in a course, and the scope of a work, on a real database (app/work/scope.server.ts). */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { workScope } from "~/work/scope.server";
import { makeNetwork, makeUser } from "./helpers";

async function courseWithGroups() {
  const db = getDb();
  const network = makeNetwork("members");
  const [head, groupCurator, otherCurator, teacher, loneTeacher] = await Promise.all(
    [1, 2, 3, 4, 5].map(() => makeUser({ networkId: network.id })),
  );
  const course = db
    .insert(schema.courses)
    .values({ networkId: network.id, title: "Курс с группами", createdById: head!.id })
    .returning()
    .get();
  for (const curator of [head!, groupCurator!, otherCurator!])
    db.insert(schema.courseCurators).values({ courseId: course.id, userId: curator.id }).run();
  const [groupA, groupB] = ["Группа А", "Группа Б"].map((name, position) =>
    db.insert(schema.courseGroups).values({ courseId: course.id, name, position }).returning().get(),
  );
  db.insert(schema.courseGroupCurators).values({ groupId: groupA!.id, userId: groupCurator!.id }).run();
  db.insert(schema.courseGroupCurators).values({ groupId: groupB!.id, userId: otherCurator!.id }).run();
  db.insert(schema.courseEnrolments).values({ courseId: course.id, userId: teacher!.id, groupId: groupA!.id }).run();
  db.insert(schema.courseEnrolments).values({ courseId: course.id, userId: loneTeacher!.id }).run();
  const moduleRow = db.insert(schema.courseModules).values({ courseId: course.id, position: 1, title: "Модуль 1" }).returning().get();
  const task = db.insert(schema.tasks).values({ moduleId: moduleRow.id, title: "Разработка урока" }).returning().get();
  const workOf = (userId: number) => db.insert(schema.works).values({ taskId: task.id, userId, status: "submitted" }).returning().get();
  return {
    course,
    head: head!,
    groupCurator: groupCurator!,
    otherCurator: otherCurator!,
    teacher: teacher!,
    loneTeacher: loneTeacher!,
    workOf,
  };
}

describe("who curates a teacher's work", () => {
  it("the curator of the teacher's group and the head curator (who keeps no group), not the curator of another group", async () => {
    const world = await courseWithGroups();
    const work = world.workOf(world.teacher.id);
    const curates = (actorId: number | null) => workScope(actorId, world.course.id, work).groupCurator;
    expect(curates(world.groupCurator.id)).toBe(true);
    expect(curates(world.head.id)).toBe(true);
    expect(curates(world.otherCurator.id)).toBe(false);
    expect(curates(null)).toBe(false);
  });

  it("a teacher in no group is curated by every curator of the course", async () => {
    const world = await courseWithGroups();
    const work = world.workOf(world.loneTeacher.id);
    for (const curator of [world.head, world.groupCurator, world.otherCurator])
      expect(workScope(curator.id, world.course.id, work).groupCurator).toBe(true);
  });

  it("the teacher may reply while the newest review has no reply", async () => {
    const world = await courseWithGroups();
    const db = getDb();
    const work = world.workOf(world.teacher.id);
    const unanswered = () => workScope(world.teacher.id, world.course.id, work).reviewUnanswered;
    expect(unanswered()).toBe(false);
    const version = (number: number) =>
      db.insert(schema.workVersions).values({ workId: work.id, number, body: "Текст", submittedAt: new Date() }).returning().get();
    const review = (versionId: number) =>
      db
        .insert(schema.reviews)
        .values({
          versionId,
          reviewerId: world.groupCurator.id,
          verdict: "revise",
          comment: "Комментарий.",
          commentHtml: "<p>Комментарий.</p>",
        })
        .returning()
        .get();
    const first = review(version(1).id);
    expect(unanswered()).toBe(true);
    db.update(schema.reviews)
      .set({ reply: "Вопрос по проверке", replyHtml: "<p>Вопрос по проверке</p>", repliedAt: new Date() })
      .where(eq(schema.reviews.id, first.id))
      .run();
    expect(unanswered()).toBe(false);
    review(version(2).id);
    expect(unanswered()).toBe(true);
  });
});
