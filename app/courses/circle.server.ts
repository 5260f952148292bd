/**
 * The people around a course question, for mentor assignment (app/mentoring/assign.server.ts):
 * its curators and its enrolled teachers. Only db/ is imported, so the assignment code can use
 * it inside its transaction without pulling in the routes' guards.
 */
import { eq } from "drizzle-orm";
import { schema } from "../../db/index";
import type { Queryable } from "~/mentoring/assign.server";

const { threads, courseModules, courseCurators, courseEnrolments } = schema;

export type CourseCircle = { curators: Set<number>; enrolled: Set<number> };

export function courseCircleOf(db: Queryable, threadId: number): CourseCircle | null {
  const row = db
    .select({ courseId: courseModules.courseId })
    .from(threads)
    .innerJoin(courseModules, eq(courseModules.id, threads.moduleId))
    .where(eq(threads.id, threadId))
    .get();
  if (!row) return null;
  const curators = db.select({ id: courseCurators.userId }).from(courseCurators).where(eq(courseCurators.courseId, row.courseId)).all();
  const enrolled = db
    .select({ id: courseEnrolments.userId })
    .from(courseEnrolments)
    .where(eq(courseEnrolments.courseId, row.courseId))
    .all();
  return { curators: new Set(curators.map((c) => c.id)), enrolled: new Set(enrolled.map((e) => e.id)) };
}
