/** Set-up for the course tests: a community with a course, its curator and two modules, and helpers to call its routes. */
/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { action as newCourseAction } from "~/routes/n.$slug_.courses.new";
import { action as editAction } from "~/routes/n.$slug_.courses.$courseId_.edit";
import { form, get, run } from "./helpers";
import { community, expectStatus, later } from "./moderation-fixtures";
import { createThread } from "~/threads/threads.server";

export type Community = Awaited<ReturnType<typeof community>>;

export const courseFields = (extra: Record<string, string> = {}) => ({
  title: "Функциональная грамотность на уроках математики",
  description: "Курс для учителей **5–9 классов**: задачи из жизни, оценивание.",
  startsOn: "2026-09-01",
  endsOn: "2026-12-20",
  enrolment: "open",
  intent: "save",
  ...extra,
});

export const moduleFields = (title: string, extra: Record<string, string> = {}) => ({
  title,
  description: "Читаем вместе задания PISA и разбираем, что они проверяют.",
  materials: "Запись вебинара https://video.example.org/webinar-1\nhttps://example.org/slides.pdf",
  dueOn: "2026-10-01",
  intent: "module-add",
  ...extra,
});

/** A community whose moderator created a course (and so curates it) with two modules. */
export async function courseWorld(enrolment: "open" | "list" = "open", visibility: "public" | "members" = "public") {
  const c = await community(visibility);
  const slug = c.network.slug;
  const created = await run(newCourseAction, form(`/n/${slug}/courses/new`, courseFields({ enrolment }), { cookie: c.moderator.cookie }), {
    slug,
  });
  await expectStatus(created, 302);
  const courseId = Number(/\/courses\/(\d+)\/edit/.exec(created.headers.get("Location")!)![1]);
  const params = { slug, courseId: String(courseId) };
  for (const title of ["Модуль 1. Читательская грамотность", "Модуль 2. Математическая грамотность"]) {
    const response = await run(
      editAction,
      form(`/n/${slug}/courses/${courseId}/edit`, moduleFields(title), { cookie: c.moderator.cookie }),
      params,
    );
    await expectStatus(response, 302);
  }
  const modules = modulesOf(courseId);
  return { ...c, slug, courseId, params, modules, base: `/n/${slug}/courses/${courseId}` };
}

export function modulesOf(courseId: number) {
  return getDb()
    .select()
    .from(schema.courseModules)
    .where(eq(schema.courseModules.courseId, courseId))
    .orderBy(schema.courseModules.position)
    .all();
}

export function enrolmentsOf(courseId: number) {
  return getDb().select().from(schema.courseEnrolments).where(eq(schema.courseEnrolments.courseId, courseId)).all();
}

export function invitesOf(courseId: number) {
  return getDb().select().from(schema.courseInvites).where(eq(schema.courseInvites.courseId, courseId)).all();
}

/** A question in a module, created the way the ask route creates it. */
export function askInModule(network: { id: number }, author: { id: number }, moduleId: number, title: string) {
  const result = createThread(
    {
      kind: "question",
      title,
      body: `${title}. Подробности вопроса для коллег по курсу.`,
      tags: ["курс"],
      networkId: network.id,
      authorId: author.id,
      moduleId,
    },
    later(),
  );
  if (!result.ok) throw new Error(result.error);
  return { id: result.thread.id, param: `${result.thread.id}-${result.thread.slug}` };
}

export async function json(response: Response): Promise<any> {
  return response.json();
}

export { form, get, run };
