/**
 * Who is enrolled in a course: the people page's list, the invites for addresses without an
 * account (or not yet members of the network), a teacher enrolling or leaving, and a curator's
 * pasted list of addresses. Invites turn into enrolments in invites.server.ts.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import type { Course } from "./courses.server";
import { parseEmails } from "./emails";

const { courseEnrolments, courseInvites, users } = schema;

/** Enrolled teachers per page of the people page. */
export const ENROLLED_PER_PAGE = 50;

export function enrolledCount(courseId: number): number {
  return getDb().select({ n: count() }).from(courseEnrolments).where(eq(courseEnrolments.courseId, courseId)).get()!.n;
}

export function enrolledPage(courseId: number, page: number) {
  const db = getDb();
  const total = enrolledCount(courseId);
  const pageCount = Math.max(1, Math.ceil(total / ENROLLED_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      school: users.school,
      enrolledAt: courseEnrolments.enrolledAt,
    })
    .from(courseEnrolments)
    .innerJoin(users, eq(users.id, courseEnrolments.userId))
    .where(eq(courseEnrolments.courseId, courseId))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(ENROLLED_PER_PAGE)
    .offset((current - 1) * ENROLLED_PER_PAGE)
    .all();
  const invites = db.select({ n: count() }).from(courseInvites).where(eq(courseInvites.courseId, courseId)).get()!.n;
  return { rows, total, page: current, pageCount, invites };
}

export function pendingInvites(courseId: number, limit = 100) {
  return getDb()
    .select({ email: courseInvites.email })
    .from(courseInvites)
    .where(eq(courseInvites.courseId, courseId))
    .orderBy(asc(courseInvites.email))
    .limit(limit)
    .all()
    .map((r) => r.email);
}

// ── Commands: enrolment ──

/**
 * A teacher enrols themselves; an invite for their address, if the course's list had one, is used up
 * (the list is the curator's, the enrolment the teacher's). Whether they may is the permissions module's call.
 */
export function enrolSelf(courseId: number, user: { id: number; email: string }): void {
  getDb().transaction((tx) => {
    tx.insert(courseEnrolments).values({ courseId, userId: user.id }).onConflictDoNothing().run();
    tx.delete(courseInvites)
      .where(and(eq(courseInvites.courseId, courseId), eq(courseInvites.email, user.email)))
      .run();
  });
}

/** Leaving a course, or a curator taking a teacher off it. */
export function removeEnrolment(courseId: number, userId: number): boolean {
  return (
    getDb()
      .delete(courseEnrolments)
      .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId)))
      .run().changes > 0
  );
}

export function removeInvite(courseId: number, email: string): boolean {
  return (
    getDb()
      .delete(courseInvites)
      .where(and(eq(courseInvites.courseId, courseId), eq(courseInvites.email, email)))
      .run().changes > 0
  );
}

export type PasteResult = {
  enrolled: number;
  alreadyEnrolled: number;
  /** No account yet, or an account that is not a member of the network yet: enrolled when they are. */
  invited: number;
  malformed: string[];
  /** Good addresses past the per-paste limit, not processed. */
  overLimit: number;
};

/** Rows per IN (...) list: well under SQLite's limit of bound parameters. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** A pasted list: members of the network are enrolled at once, everyone else is invited. One transaction. */
export function enrolByEmails(course: Pick<Course, "id" | "networkId">, text: string, invitedById: number): PasteResult {
  const { emails, malformed, overLimit } = parseEmails(text);
  const result: PasteResult = { enrolled: 0, alreadyEnrolled: 0, invited: 0, malformed, overLimit };
  if (emails.length === 0) return result;
  getDb().transaction((tx) => {
    for (const part of chunks(emails)) {
      const accounts = tx
        .select({
          id: users.id,
          email: users.email,
          member: sql<number>`exists(select 1 from memberships m where m.user_id = "users"."id" and m.network_id = ${course.networkId})`,
          enrolled: sql<number>`exists(select 1 from course_enrolments e where e.user_id = "users"."id" and e.course_id = ${course.id})`,
        })
        .from(users)
        .where(inArray(users.email, part))
        .all();
      const byEmail = new Map(accounts.map((a) => [a.email, a]));
      const toEnrol: number[] = [];
      const toInvite: string[] = [];
      for (const email of part) {
        const account = byEmail.get(email);
        if (account?.enrolled) result.alreadyEnrolled += 1;
        else if (account?.member) toEnrol.push(account.id);
        else toInvite.push(email);
      }
      if (toEnrol.length) {
        tx.insert(courseEnrolments)
          .values(toEnrol.map((userId) => ({ courseId: course.id, userId })))
          .onConflictDoNothing()
          .run();
        tx.delete(courseInvites)
          .where(and(eq(courseInvites.courseId, course.id), inArray(courseInvites.email, part)))
          .run();
      }
      if (toInvite.length) {
        tx.insert(courseInvites)
          .values(toInvite.map((email) => ({ courseId: course.id, email, invitedById })))
          .onConflictDoNothing()
          .run();
      }
      result.enrolled += toEnrol.length;
      result.invited += toInvite.length;
    }
  });
  return result;
}
