/**
 * The courses of a network: finding one, the network's list, creating and editing a course, and
 * the curator's list of the course's questions still waiting. Its modules are modules.server.ts,
 * who is enrolled enrolment.server.ts, who curates curators.server.ts, and the actor's place in a
 * course for the permission predicates context.server.ts. Who may do what is permissions.ts; each
 * command here is one transaction.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import type { CourseInput } from "./schemas";
import { notFound } from "~/http/responses.server";

const { courses, courseCurators, courseModules, threads, users } = schema;

export type Course = typeof courses.$inferSelect;

/** The curator's list stops here and says how many more there are: beyond it the module pages take over. */
export const UNANSWERED_SHOWN = 200;

/** The course of the network, or a 404 (a course id from another network is not found, not forbidden). */
export function courseOr404(networkId: number, courseIdParam: string | undefined): Course {
  const id = Number(courseIdParam);
  const course =
    Number.isSafeInteger(id) && id > 0
      ? getDb()
          .select()
          .from(courses)
          .where(and(eq(courses.id, id), eq(courses.networkId, networkId)))
          .get()
      : undefined;
  if (!course) throw notFound();
  return course;
}

// ── Lists and pages ──

export function listCourses(networkId: number, viewerId: number | null) {
  const db = getDb();
  return (
    db
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
      .orderBy(
        sql`${courses.endsOn} is not null and ${courses.endsOn} < date('now')`,
        sql`${courses.startsOn} is null`,
        desc(courses.startsOn),
        desc(courses.id),
      )
      .all()
      .map((c) => ({ ...c, enrolled: c.enrolled === 1, curating: c.curating === 1 }))
  );
}

/** The courses of a network by title, for the search page's course filter. */
export function courseOptions(networkId: number) {
  return getDb()
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(eq(courses.networkId, networkId))
    .orderBy(asc(courses.title))
    .all();
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
  const moduleIds = db
    .select({ id: courseModules.id })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .all()
    .map((m) => m.id);
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
