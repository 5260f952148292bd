/**
 * Who curates whom in a course (docs/decisions/025-course-work.md), for the permission context
 * and for every list a curator reads (queue, participation, report): a curator of the teacher's
 * group; any curator of the course when the teacher has no group, their group has no curator,
 * or the curator keeps no group (the course's head curator sees everyone).
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, schema } from "../../db/index";
import { courseContext } from "~/courses/context.server";
import type { Course } from "~/courses/courses.server";
import { notFound } from "~/http/responses.server";
import type { Context, NetworkScope, WorkScope } from "~/permissions/permissions";

/**
 * An SQL condition: `curatorId` curates the teacher `userCol` in course `courseId`. The caller
 * checks that `curatorId` is a curator of the course (the permission module's `curator`).
 */
export function curatesTeacher(courseId: number, curatorId: number, userCol: SQL): SQL {
  return sql`(
    not exists (
      select 1 from course_group_curators gc join course_groups g on g.id = gc.group_id
      where g.course_id = ${courseId} and gc.user_id = ${curatorId})
    or not exists (
      select 1 from course_enrolments e join course_group_curators gc on gc.group_id = e.group_id
      where e.course_id = ${courseId} and e.user_id = ${userCol})
    or exists (
      select 1 from course_enrolments e join course_group_curators gc on gc.group_id = e.group_id
      where e.course_id = ${courseId} and e.user_id = ${userCol} and gc.user_id = ${curatorId})
  )`;
}

export type WorkRow = { id: number; userId: number; status: WorkScope["status"]; escalatedAt: Date | null };

/** The work's scope for an actor in its course; `actorId` null: a guest. */
export function workScope(actorId: number | null, courseId: number, work: WorkRow): WorkScope {
  const row = getDb().get<{ curates: number; unanswered: number }>(sql`
    select
      ${actorId === null ? sql`0` : curatesTeacher(courseId, actorId, sql`${work.userId}`)} as curates,
      coalesce((
        select r.reply is null from reviews r join work_versions v on v.id = r.version_id
        where v.work_id = ${work.id} order by v.number desc limit 1
      ), 0) as unanswered`);
  return {
    ownerId: work.userId,
    status: work.status,
    groupCurator: row.curates === 1,
    escalated: work.escalatedAt !== null,
    reviewUnanswered: row.unanswered === 1,
  };
}

export type WorkWithPlace = WorkRow & {
  taskId: number;
  variantId: number | null;
  submittedAt: Date | null;
  reviewDueAt: Date | null;
  acceptedAt: Date | null;
  task: {
    id: number;
    title: string;
    moduleId: number;
    dueAt: Date | null;
    lateAllowed: boolean;
    criteria: string[];
    expects: "text" | "files" | "both";
  };
  module: { id: number; title: string };
  teacher: { id: number; displayName: string; school: string };
};

/** A work of the course from the URL (404 when missing or in another course). */
export function workOr404(courseId: number, workIdParam: string | undefined): WorkWithPlace {
  const id = Number(workIdParam);
  const db = getDb();
  const { works, tasks, courseModules, users } = schema;
  const row =
    Number.isSafeInteger(id) && id > 0
      ? db
          .select({
            id: works.id,
            userId: works.userId,
            status: works.status,
            escalatedAt: works.escalatedAt,
            taskId: works.taskId,
            variantId: works.variantId,
            submittedAt: works.submittedAt,
            reviewDueAt: works.reviewDueAt,
            acceptedAt: works.acceptedAt,
            task: {
              id: tasks.id,
              title: tasks.title,
              moduleId: tasks.moduleId,
              dueAt: tasks.dueAt,
              lateAllowed: tasks.lateAllowed,
              criteria: tasks.criteria,
              expects: tasks.expects,
            },
            module: { id: courseModules.id, title: courseModules.title },
            teacher: { id: users.id, displayName: users.displayName, school: users.school },
          })
          .from(works)
          .innerJoin(tasks, eq(tasks.id, works.taskId))
          .innerJoin(courseModules, eq(courseModules.id, tasks.moduleId))
          .innerJoin(users, eq(users.id, works.userId))
          .where(and(eq(works.id, id), eq(courseModules.courseId, courseId)))
          .get()
      : undefined;
  if (!row) throw notFound();
  return row;
}

/** The reader's permission context on a work: their place in the course and the work's scope. */
export function workContext(
  user: User | null,
  network: NetworkScope & { id: number },
  course: Pick<Course, "id" | "enrolment">,
  work: WorkRow,
): Context {
  return { ...courseContext(user, network, course), work: workScope(user?.id ?? null, course.id, work) };
}
