/**
 * A course's modules: their order, the questions asked in each, and the module a question is
 * asked in. A module belongs to one course; deleting it leaves its questions in the network.
 */
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import type { ModuleInput } from "./schemas";
import { saveFiles, type FilesInput } from "~/files/library.server";
import { notFound } from "~/http/responses.server";

const { courses, courseModules, threads } = schema;

export type CourseModule = typeof courseModules.$inferSelect;

/** Open and solved questions shown under each module on the course page; the module page has them all. */
export const QUESTIONS_PER_MODULE = 3;

export function moduleOr404(courseId: number, moduleIdParam: string | undefined): CourseModule {
  const id = Number(moduleIdParam);
  const found =
    Number.isSafeInteger(id) && id > 0
      ? getDb()
          .select()
          .from(courseModules)
          .where(and(eq(courseModules.id, id), eq(courseModules.courseId, courseId)))
          .get()
      : undefined;
  if (!found) throw notFound();
  return found;
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

export function modulesOf(courseId: number): CourseModule[] {
  return getDb()
    .select()
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseModules.id))
    .all();
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

// ── Commands: modules ──

/** The files a curator's module form carries, and who sends them (their pending uploads become the module's). */
export type ModuleFiles = FilesInput & { userId: number };

export function addModule(courseId: number, input: ModuleInput, files?: ModuleFiles, now = new Date()): number {
  return getDb().transaction((tx) => {
    const last = tx
      .select({ max: sql<number | null>`max(${courseModules.position})` })
      .from(courseModules)
      .where(eq(courseModules.courseId, courseId))
      .get();
    const { id } = tx
      .insert(courseModules)
      .values({ courseId, position: (last?.max ?? 0) + 1, ...input })
      .returning({ id: courseModules.id })
      .get();
    if (files) saveFiles(tx, { moduleId: id }, files.userId, files, now);
    return id;
  });
}

/** The module's fields and, when its form carries them, its files and their descriptions, in one transaction. */
export function updateModule(moduleId: number, input: ModuleInput, files?: ModuleFiles, now = new Date()): void {
  getDb().transaction((tx) => {
    tx.update(courseModules).set(input).where(eq(courseModules.id, moduleId)).run();
    if (files) saveFiles(tx, { moduleId }, files.userId, files, now);
  });
}

/** Swaps the module with its neighbour above or below; at either end nothing moves. */
export function moveModule(courseId: number, moduleId: number, direction: "up" | "down"): boolean {
  return getDb().transaction((tx) => {
    const current = tx
      .select()
      .from(courseModules)
      .where(and(eq(courseModules.id, moduleId), eq(courseModules.courseId, courseId)))
      .get();
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
    const result = tx
      .delete(courseModules)
      .where(and(eq(courseModules.id, moduleId), eq(courseModules.courseId, courseId)))
      .run();
    if (result.changes === 0) return false;
    for (const t of affected) enqueueThread(tx, t.id);
    return true;
  });
}

// ── Asking in a module ──

/** The module a question is asked in, if it belongs to a course of this network. */
export function moduleForAsk(networkId: number, moduleId: number) {
  const found = courseOfModule(moduleId);
  return found && found.networkId === networkId ? found : null;
}
