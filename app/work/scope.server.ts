/**
 * Who curates whom in a course (docs/decisions/025-course-work.md), for the permission context
 * and for every list a curator reads (queue, participation, report): a curator of the teacher's
 * group; any curator of the course when the teacher has no group, their group has no curator,
 * or the curator keeps no group (the course's head curator sees everyone).
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/index";
import type { WorkScope } from "~/permissions/permissions";

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
      exists(
        select 1 from reviews r join work_versions v on v.id = r.version_id
        where v.work_id = ${work.id} and r.reply is null
          and v.number = (select max(v2.number) from work_versions v2 join reviews r2 on r2.version_id = v2.id where v2.work_id = ${work.id})
      ) as unanswered`);
  return {
    ownerId: work.userId,
    status: work.status,
    groupCurator: row.curates === 1,
    escalated: work.escalatedAt !== null,
    reviewUnanswered: row.unanswered === 1,
  };
}
