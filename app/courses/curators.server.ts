/** A course's curators: named by email, members of the course's network. */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import type { Course } from "./courses.server";
import type { MessageKey } from "~/i18n/keys";

const { courseCurators, users, memberships } = schema;

export function curatorsOf(courseId: number) {
  return getDb()
    .select({ userId: users.id, displayName: users.displayName, email: users.email })
    .from(courseCurators)
    .innerJoin(users, eq(users.id, courseCurators.userId))
    .where(eq(courseCurators.courseId, courseId))
    .orderBy(asc(users.displayName))
    .all();
}

// ── Commands: curators ──

export type CuratorResult = { ok: true } | { ok: false; error: MessageKey };

/** Curators are named by email and must be members of the course's network. */
export function addCurator(course: Pick<Course, "id" | "networkId">, email: string): CuratorResult {
  const db = getDb();
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) return { ok: false, error: "errors.unknownEmail" };
  const member = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.networkId, course.networkId)))
    .get();
  if (!member) return { ok: false, error: "courses.errors.curatorNotMember" };
  db.insert(courseCurators).values({ courseId: course.id, userId: user.id }).onConflictDoNothing().run();
  return { ok: true };
}

export function removeCurator(courseId: number, userId: number): boolean {
  return (
    getDb()
      .delete(courseCurators)
      .where(and(eq(courseCurators.courseId, courseId), eq(courseCurators.userId, userId)))
      .run().changes > 0
  );
}
