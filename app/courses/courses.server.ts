/**
 * Courses of a network: the course and its ordered modules, curators, enrolment (open, or by a
 * pasted list with invites for addresses that have no account yet), and the course's questions
 * (threads whose module belongs to it). Who may do what is permissions.ts; here are the queries
 * and the commands, each command one transaction.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, schema } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { contextFor } from "~/permissions/guards.server";
import type { Context, CourseScope, NetworkScope } from "~/permissions/permissions";
import { parseEmails } from "./emails";
import type { CourseInput, ModuleInput } from "./schemas";

const { courses, courseCurators, courseEnrolments, courseInvites, courseModules, threads, users, memberships } = schema;

export type Course = typeof courses.$inferSelect;
export type CourseModule = typeof courseModules.$inferSelect;

/** Enrolled teachers per page of the people page. */
export const ENROLLED_PER_PAGE = 50;
/** Open and solved questions shown under each module on the course page; the module page has them all. */
export const QUESTIONS_PER_MODULE = 3;
/** The curator's list stops here and says how many more there are: beyond it the module pages take over. */
export const UNANSWERED_SHOWN = 200;

/** The course of the network, or a 404 (a course id from another network is not found, not forbidden). */
export function courseOr404(networkId: number, courseIdParam: string | undefined): Course {
  const id = Number(courseIdParam);
  const course = Number.isSafeInteger(id) && id > 0
    ? getDb().select().from(courses).where(and(eq(courses.id, id), eq(courses.networkId, networkId))).get()
    : undefined;
  if (!course) throw new Response("Not found", { status: 404 });
  return course;
}

export function moduleOr404(courseId: number, moduleIdParam: string | undefined): CourseModule {
  const id = Number(moduleIdParam);
  const found = Number.isSafeInteger(id) && id > 0
    ? getDb().select().from(courseModules).where(and(eq(courseModules.id, id), eq(courseModules.courseId, courseId))).get()
    : undefined;
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
}

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

export function courseContext(user: User | null, network: NetworkScope & { id: number }, course: Pick<Course, "id" | "enrolment">): Context {
  return { ...contextFor(user, network), course: courseScope(user?.id ?? null, course) };
}

/** A thread's module and course, for its breadcrumb and for curators' rights on it. */
export function courseOfModule(moduleId: number | null) {
  if (moduleId === null) return null;
  return (
    getDb()
      .select({
        moduleId: courseModules.id,
        moduleTitle: courseModules.title,
        courseId: courses.id,
        courseTitle: courses.title,
        enrolment: courses.enrolment,
        networkId: courses.networkId,
      })
      .from(courseModules)
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .where(eq(courseModules.id, moduleId))
      .get() ?? null
  );
}

// ── Lists and pages ──

export function listCourses(networkId: number, viewerId: number | null) {
  const db = getDb();
  return db
    .select({
      id: courses.id,
      title: courses.title,
      startsOn: courses.startsOn,
      endsOn: courses.endsOn,
      enrolment: courses.enrolment,
      // Spelled out: inside a subquery drizzle leaves columns unqualified, and "id" would mean the module's.
      moduleCount: sql<number>`(select count(*) from course_modules m where m.course_id = "courses"."id")`,
      enrolledCount: sql<number>`(select count(*) from course_enrolments e where e.course_id = "courses"."id")`,
      enrolled: sql<number>`exists(select 1 from course_enrolments e where e.course_id = "courses"."id" and e.user_id = ${viewerId ?? -1})`,
      curating: sql<number>`exists(select 1 from course_curators k where k.course_id = "courses"."id" and k.user_id = ${viewerId ?? -1})`,
    })
    .from(courses)
    .where(eq(courses.networkId, networkId))
    // Running and coming courses first, by start; those without dates after them; finished ones last.
    .orderBy(sql`${courses.endsOn} is not null and ${courses.endsOn} < date('now')`, sql`${courses.startsOn} is null`, desc(courses.startsOn), desc(courses.id))
    .all()
    .map((c) => ({ ...c, enrolled: c.enrolled === 1, curating: c.curating === 1 }));
}

/** The courses of a network by title, for the search page's course filter. */
export function courseOptions(networkId: number) {
  return getDb().select({ id: courses.id, title: courses.title }).from(courses).where(eq(courses.networkId, networkId)).orderBy(asc(courses.title)).all();
}

export function curatorsOf(courseId: number) {
  return getDb()
    .select({ userId: users.id, displayName: users.displayName, email: users.email })
    .from(courseCurators)
    .innerJoin(users, eq(users.id, courseCurators.userId))
    .where(eq(courseCurators.courseId, courseId))
    .orderBy(asc(users.displayName))
    .all();
}

export function modulesOf(courseId: number): CourseModule[] {
  return getDb().select().from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position), asc(courseModules.id)).all();
}

/**
 * The course page: per module its question counts and a few open and solved questions. Three
 * grouped queries for the whole course, not three per module: a course has a dozen modules and
 * hundreds of questions, and this page is read on slow phones.
 */
export function moduleQuestions(courseId: number) {
  const db = getDb();
  // Both read the course's threads through threads_module_idx: left to itself, SQLite's planner
  // scanned the network's live index (every thread of the network, 38 ms at 13,000 threads) to find
  // the 200 of the course.
  const counts = db.all<{ moduleId: number; total: number; solved: number }>(sql`
    select t.module_id as moduleId, count(*) as total, sum(t.accepted_post_id is not null) as solved
    from threads t indexed by threads_module_idx
    where t.module_id in (select id from course_modules where course_id = ${courseId})
      and t.kind = 'question' and t.deleted_at is null
    group by t.module_id`);
  // The latest few of each kind per module: a window function keeps it one query.
  const few = (solved: boolean) =>
    db.all<{ id: number; slug: string; title: string; answer_count: number; module_id: number }>(sql`
      select id, slug, title, answer_count, module_id from (
        select t.id, t.slug, t.title, t.answer_count, t.module_id,
          row_number() over (partition by t.module_id order by t.last_activity_at desc, t.id desc) as n
        from threads t indexed by threads_module_idx
        where t.module_id in (select id from course_modules where course_id = ${courseId})
          and t.kind = 'question' and t.deleted_at is null
          and t.accepted_post_id is ${solved ? sql`not null` : sql`null`}
      ) where n <= ${QUESTIONS_PER_MODULE}`);
  const shape = (r: { id: number; slug: string; title: string; answer_count: number; module_id: number }) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    answerCount: r.answer_count,
    moduleId: r.module_id,
  });
  return { counts, open: few(false).map(shape), solved: few(true).map(shape) };
}

export function enrolledCount(courseId: number): number {
  return getDb().select({ n: count() }).from(courseEnrolments).where(eq(courseEnrolments.courseId, courseId)).get()!.n;
}

export function enrolledPage(courseId: number, page: number) {
  const db = getDb();
  const total = enrolledCount(courseId);
  const pageCount = Math.max(1, Math.ceil(total / ENROLLED_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select({ userId: users.id, displayName: users.displayName, email: users.email, school: users.school, enrolledAt: courseEnrolments.enrolledAt })
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

/**
 * The curator's list: questions of the whole course that nobody but the asker has answered yet
 * (an asker's "any ideas?" is no answer), then answered but unsolved, oldest first. Questions
 * closed as duplicates are answered elsewhere and leave the list.
 */
export function unansweredQuestions(courseId: number) {
  const db = getDb();
  // The course's modules as a literal list: with it SQLite reads the threads through
  // threads_module_idx (2.6 ms); joined by course id it scanned all 100,000 threads (1.3 s).
  const moduleIds = db.select({ id: courseModules.id }).from(courseModules).where(eq(courseModules.courseId, courseId)).all().map((m) => m.id);
  if (moduleIds.length === 0) return { unanswered: [], unansweredTotal: 0, unsolved: [], unsolvedTotal: 0 };
  const base = and(
    inArray(threads.moduleId, moduleIds),
    eq(threads.kind, "question"),
    isNull(threads.deletedAt),
    isNull(threads.acceptedPostId),
    isNull(threads.duplicateOfId),
  );
  const answeredByOthers = sql`exists (select 1 from posts p where p.thread_id = ${threads.id} and p.is_opening = 0
    and p.author_id != ${threads.authorId} and p.hidden_at is null and p.pending_review = 0)`;
  const answeredIs = (answered: boolean) => (answered ? answeredByOthers : sql`not ${answeredByOthers}`);
  const query = (answered: boolean) =>
    db
      .select({
        id: threads.id,
        slug: threads.slug,
        title: threads.title,
        answerCount: threads.answerCount,
        createdAt: threads.createdAt,
        authorName: users.displayName,
        moduleId: courseModules.id,
        moduleTitle: courseModules.title,
      })
      .from(threads)
      .innerJoin(courseModules, eq(courseModules.id, threads.moduleId))
      .innerJoin(users, eq(users.id, threads.authorId))
      .where(and(base, answeredIs(answered)))
      .orderBy(asc(threads.createdAt), asc(threads.id))
      .limit(UNANSWERED_SHOWN)
      .all();
  const total = (answered: boolean) =>
    db
      .select({ n: count() })
      .from(threads)
      .innerJoin(courseModules, eq(courseModules.id, threads.moduleId))
      .where(and(base, answeredIs(answered)))
      .get()!.n;
  return {
    unanswered: query(false),
    unansweredTotal: total(false),
    unsolved: query(true),
    unsolvedTotal: total(true),
  };
}

// ── Commands: the course ──

export function createCourse(input: CourseInput & { networkId: number; createdById: number }): number {
  return getDb().transaction((tx) => {
    const { id } = tx
      .insert(courses)
      .values({
        networkId: input.networkId,
        title: input.title,
        description: input.description,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        enrolment: input.enrolment,
        createdById: input.createdById,
      })
      .returning({ id: courses.id })
      .get();
    // Whoever creates a course answers for it until they name other curators.
    tx.insert(courseCurators).values({ courseId: id, userId: input.createdById }).run();
    return id;
  });
}

export function updateCourse(courseId: number, input: CourseInput): void {
  getDb()
    .update(courses)
    .set({ title: input.title, description: input.description, startsOn: input.startsOn, endsOn: input.endsOn, enrolment: input.enrolment })
    .where(eq(courses.id, courseId))
    .run();
}

// ── Commands: modules ──

export function addModule(courseId: number, input: ModuleInput): number {
  return getDb().transaction((tx) => {
    const last = tx.select({ max: sql<number | null>`max(${courseModules.position})` }).from(courseModules).where(eq(courseModules.courseId, courseId)).get();
    return tx
      .insert(courseModules)
      .values({ courseId, position: (last?.max ?? 0) + 1, ...input })
      .returning({ id: courseModules.id })
      .get().id;
  });
}

export function updateModule(moduleId: number, input: ModuleInput): void {
  getDb().update(courseModules).set(input).where(eq(courseModules.id, moduleId)).run();
}

/** Swaps the module with its neighbour above or below; at either end nothing moves. */
export function moveModule(courseId: number, moduleId: number, direction: "up" | "down"): boolean {
  return getDb().transaction((tx) => {
    const current = tx.select().from(courseModules).where(and(eq(courseModules.id, moduleId), eq(courseModules.courseId, courseId))).get();
    if (!current) return false;
    const neighbour = tx
      .select()
      .from(courseModules)
      .where(
        and(
          eq(courseModules.courseId, courseId),
          direction === "up" ? lt(courseModules.position, current.position) : gt(courseModules.position, current.position),
        ),
      )
      .orderBy(direction === "up" ? desc(courseModules.position) : asc(courseModules.position))
      .limit(1)
      .get();
    if (!neighbour) return false;
    tx.update(courseModules).set({ position: neighbour.position }).where(eq(courseModules.id, current.id)).run();
    tx.update(courseModules).set({ position: current.position }).where(eq(courseModules.id, neighbour.id)).run();
    return true;
  });
}

/**
 * A deleted module takes none of its questions with it: the schema sets their module_id to null
 * and they stay in the network's list. Search learns that they left the course.
 */
export function deleteModule(courseId: number, moduleId: number): boolean {
  return getDb().transaction((tx) => {
    const affected = tx.select({ id: threads.id }).from(threads).where(eq(threads.moduleId, moduleId)).all();
    const result = tx.delete(courseModules).where(and(eq(courseModules.id, moduleId), eq(courseModules.courseId, courseId))).run();
    if (result.changes === 0) return false;
    for (const t of affected) enqueueThread(tx, t.id);
    return true;
  });
}

// ── Commands: enrolment ──

/**
 * A teacher enrols themselves; an invite for their address, if the course's list had one, is used up
 * (the list is the curator's, the enrolment the teacher's). Whether they may is the permissions module's call.
 */
export function enrolSelf(courseId: number, user: { id: number; email: string }): void {
  getDb().transaction((tx) => {
    tx.insert(courseEnrolments).values({ courseId, userId: user.id }).onConflictDoNothing().run();
    tx.delete(courseInvites).where(and(eq(courseInvites.courseId, courseId), eq(courseInvites.email, user.email))).run();
  });
}

/** Leaving a course, or a curator taking a teacher off it. */
export function removeEnrolment(courseId: number, userId: number): boolean {
  return getDb().delete(courseEnrolments).where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId))).run().changes > 0;
}

export function removeInvite(courseId: number, email: string): boolean {
  return getDb().delete(courseInvites).where(and(eq(courseInvites.courseId, courseId), eq(courseInvites.email, email))).run().changes > 0;
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
        tx.insert(courseEnrolments).values(toEnrol.map((userId) => ({ courseId: course.id, userId }))).onConflictDoNothing().run();
        tx.delete(courseInvites).where(and(eq(courseInvites.courseId, course.id), inArray(courseInvites.email, part))).run();
      }
      if (toInvite.length) {
        tx.insert(courseInvites).values(toInvite.map((email) => ({ courseId: course.id, email, invitedById }))).onConflictDoNothing().run();
      }
      result.enrolled += toEnrol.length;
      result.invited += toInvite.length;
    }
  });
  return result;
}

// ── Commands: curators ──

export type CuratorResult = { ok: true } | { ok: false; error: string };

/** Curators are named by email and must be members of the course's network. */
export function addCurator(course: Pick<Course, "id" | "networkId">, email: string): CuratorResult {
  const db = getDb();
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) return { ok: false, error: "errors.unknownEmail" };
  const member = db.select({ one: sql`1` }).from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.networkId, course.networkId))).get();
  if (!member) return { ok: false, error: "courses.errors.curatorNotMember" };
  db.insert(courseCurators).values({ courseId: course.id, userId: user.id }).onConflictDoNothing().run();
  return { ok: true };
}

export function removeCurator(courseId: number, userId: number): boolean {
  return getDb().delete(courseCurators).where(and(eq(courseCurators.courseId, courseId), eq(courseCurators.userId, userId))).run().changes > 0;
}

// ── Asking in a module ──

/** The module a question is asked in, if it belongs to a course of this network. */
export function moduleForAsk(networkId: number, moduleId: number) {
  const found = courseOfModule(moduleId);
  return found && found.networkId === networkId ? found : null;
}
