/** The actor's place in a course (curator, enrolled, on the list), added to the permission context. */
import { sql } from "drizzle-orm";
import type { User } from "lucia";
import { getDb } from "../../db/index";
import { contextFor } from "~/permissions/context.server";
import type { Context, CourseScope, NetworkScope } from "~/permissions/permissions";
import type { Course } from "./courses.server";

/** The actor's place in the course, for the permission predicates. */
export function courseScope(userId: number | null, course: Pick<Course, "id" | "enrolment">): CourseScope {
  const base = { enrolment: course.enrolment, curator: false, enrolled: false, listed: false };
  if (userId === null) return base;
  const row = getDb().get<{ curator: number; enrolled: number; listed: number }>(sql`
    select
      exists(select 1 from course_curators where course_id = ${course.id} and user_id = ${userId}) as curator,
      exists(select 1 from course_enrolments where course_id = ${course.id} and user_id = ${userId}) as enrolled,
      exists(select 1 from course_invites i join users u on u.email = i.email where i.course_id = ${course.id} and u.id = ${userId}) as listed`);
  return { ...base, curator: row.curator === 1, enrolled: row.enrolled === 1, listed: row.listed === 1 };
}

export function courseContext(
  user: User | null,
  network: NetworkScope & { id: number },
  course: Pick<Course, "id" | "enrolment">,
): Context {
  return { ...contextFor(user, network), course: courseScope(user?.id ?? null, course) };
}
