/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { loader as listLoader } from "~/routes/n.$slug_.courses._index";
import { action as newAction, loader as newLoader } from "~/routes/n.$slug_.courses.new";
import { action as courseAction, loader as courseLoader } from "~/routes/n.$slug_.courses.$courseId";
import { action as editAction, loader as editLoader } from "~/routes/n.$slug_.courses.$courseId_.edit";
import { loader as moduleLoader } from "~/routes/n.$slug_.courses.$courseId_.modules.$moduleId";
import { loader as unansweredLoader } from "~/routes/n.$slug_.courses.$courseId_.unanswered";
import { action as peopleAction, loader as peopleLoader } from "~/routes/n.$slug_.courses.$courseId_.people";
import { action as askAction, loader as askLoader } from "~/routes/n.$slug_.ask";
import { action as threadAction } from "~/routes/t.$thread/route";
import { closeAsDuplicate, moveThread } from "~/moderation/thread-actions.server";
import { makeNetwork, makeUser, words } from "./helpers";
import { answer, community, expectStatus, outboxFor, thread, threadPage } from "./moderation-fixtures";
import { askInModule, courseFields, courseWorld, enrolmentsOf, form, get, json, moduleFields, modulesOf, run } from "./courses-fixtures";

const badInput = path.resolve(__dirname, "../fixtures/bad-input");
const naughty: string[] = JSON.parse(fs.readFileSync(path.join(badInput, "blns.json"), "utf8"));
const xss = fs.readFileSync(path.join(badInput, "xss-payloads.txt"), "utf8").split("\n").filter(Boolean);

describe("creating a course", () => {
  it("a moderator creates a course and becomes its curator; it is listed with its modules and dates", async () => {
    const w = await courseWorld();
    const course = getDb().select().from(schema.courses).where(eq(schema.courses.id, w.courseId)).get()!;
    expect(course).toMatchObject({
      networkId: w.network.id,
      startsOn: "2026-09-01",
      endsOn: "2026-12-20",
      enrolment: "open",
      createdById: w.moderator.id,
    });
    expect(getDb().select().from(schema.courseCurators).where(eq(schema.courseCurators.courseId, w.courseId)).all()).toEqual([
      { courseId: w.courseId, userId: w.moderator.id },
    ]);
    const list = await json(await run(listLoader, get(`/n/${w.slug}/courses`, { cookie: w.moderator.cookie }), { slug: w.slug }));
    expect(list.canCreate).toBe(true);
    expect(list.courses).toEqual([
      expect.objectContaining({
        id: w.courseId,
        title: courseFields().title,
        moduleCount: 2,
        enrolledCount: 0,
        enrolled: false,
        curating: true,
      }),
    ]);
    expect(list.courses[0].starts).toMatch(/2026/);
    const asTeacher = await json(await run(listLoader, get(`/n/${w.slug}/courses`, { cookie: w.asker.cookie }), { slug: w.slug }));
    expect(asTeacher.canCreate).toBe(false);
  });

  it("teachers, mentors and moderators of another network may not create one; admins may", async () => {
    const c = await community();
    const other = await community();
    const slug = c.network.slug;
    for (const who of [c.asker, c.mentor, other.moderator]) {
      expect((await run(newLoader, get(`/n/${slug}/courses/new`, { cookie: who.cookie }), { slug })).status).toBe(403);
      expect((await run(newAction, form(`/n/${slug}/courses/new`, courseFields(), { cookie: who.cookie }), { slug })).status).toBe(403);
    }
    expect((await run(newLoader, get(`/n/${slug}/courses/new`), { slug })).status).toBe(302);
    await expectStatus(await run(newAction, form(`/n/${slug}/courses/new`, courseFields(), { cookie: c.admin.cookie }), { slug }), 302);
  });

  it("refuses bad fields beside them and keeps what was typed", async () => {
    const c = await community();
    const slug = c.network.slug;
    const post = async (fields: Record<string, string>) => {
      const response = await run(newAction, form(`/n/${slug}/courses/new`, fields, { cookie: c.moderator.cookie }), { slug });
      expect(response.status).toBe(400);
      return (await json(response)).result;
    };
    const empty = await post({ title: "", description: "", startsOn: "", endsOn: "", enrolment: "" });
    expect(empty.error).toMatchObject({ title: ["errors.required"], enrolment: ["errors.required"] });
    const backwards = await post(courseFields({ startsOn: "2026-12-01", endsOn: "2026-09-01" }));
    expect(backwards.error.endsOn).toEqual(["courses.errors.endsBeforeStart"]);
    expect(backwards.initialValue.title).toBe(courseFields().title);
    const badDate = await post(courseFields({ startsOn: "2026-02-30" }));
    expect(badDate.error.startsOn).toEqual(["courses.errors.date"]);
    expect(badDate.initialValue.description).toBe(courseFields().description);
  });

  // Hundreds of form posts through the real actions: CPU-bound.
  it(
    "every naughty string and XSS payload in the course and module fields is kept with a message or saved; never a 500",
    { timeout: 180_000 },
    async () => {
      const w = await courseWorld();
      const sample = [...naughty.filter((_, i) => i % 6 === 0), ...xss.filter((_, i) => i % 4 === 0)];
      const statuses = new Set<number>();
      for (const value of sample) {
        const course = await run(
          editAction,
          form(`${w.base}/edit`, courseFields({ title: value, description: value }), { cookie: w.moderator.cookie }),
          w.params,
        );
        statuses.add(course.status);
        if (course.status === 400) {
          const { result } = await json(course);
          expect(
            Object.values(result.error as Record<string, string[]>)
              .flat()
              .every((m) => /^(errors|courses)\./.test(m)),
          ).toBe(true);
          expect(result.initialValue?.title ?? "").toBe(value);
        } else {
          expect(course.status).toBe(302);
        }
        const mod = await run(
          editAction,
          form(
            `${w.base}/edit`,
            moduleFields(value, { description: value, materials: value, moduleId: String(w.modules[0]!.id), intent: "module-save" }),
            { cookie: w.moderator.cookie },
          ),
          w.params,
        );
        statuses.add(mod.status);
        expect([302, 400]).toContain(mod.status);
        if (mod.status === 400) expect((await json(mod)).result.initialValue?.description ?? "").toBe(value);
      }
      expect([...statuses].sort()).toEqual([302, 400]);
      // The course page still renders whatever was saved: descriptions are Markdown with raw HTML off.
      const page = await json(await run(courseLoader, get(w.base), w.params));
      expect(page.course.descriptionHtml).not.toMatch(/<script|onerror=|javascript:/i);
      for (const m of page.modules) for (const link of m.materials) expect(link.url).toMatch(/^https?:\/\//);
    },
  );
});

describe("modules", () => {
  it("are shown in order with their materials as http(s) links, due date and question counts", async () => {
    const w = await courseWorld();
    const page = await json(await run(courseLoader, get(w.base), w.params));
    expect(page.modules.map((m: any) => m.title)).toEqual(["Модуль 1. Читательская грамотность", "Модуль 2. Математическая грамотность"]);
    expect(page.modules[0].materials).toEqual([
      { title: "Запись вебинара", url: "https://video.example.org/webinar-1" },
      { title: "https://example.org/slides.pdf", url: "https://example.org/slides.pdf" },
    ]);
    expect(page.modules[0].due).toMatch(/2026/);
    expect(page.course.descriptionHtml).toContain("<strong>5–9 классов</strong>");
  });

  it("refuses a materials line that is not an http(s) link, naming the line and keeping the text", async () => {
    const w = await courseWorld();
    const materials = "Слайды https://example.org/a.pdf\nОпасная javascript:alert(1)";
    const response = await run(
      editAction,
      form(`${w.base}/edit`, moduleFields("Модуль 3", { materials }), { cookie: w.moderator.cookie }),
      w.params,
    );
    await expectStatus(response, 400);
    const body = await json(response);
    expect(body.form).toBe("module-new");
    expect(words(body.result.error.materials)).toEqual(["В строке 2 нет ссылки http:// или https://."]);
    expect(body.result.initialValue.materials).toBe(materials);
    expect(modulesOf(w.courseId)).toHaveLength(2);
  });

  it("move up and down without JavaScript, and stop at either end", async () => {
    const w = await courseWorld();
    const [first, second] = w.modules;
    const move = (moduleId: number, intent: "up" | "down") =>
      run(editAction, form(`${w.base}/edit`, { intent, moduleId: String(moduleId) }, { cookie: w.moderator.cookie }), w.params);
    await expectStatus(await move(second!.id, "up"), 302);
    expect(modulesOf(w.courseId).map((m) => m.id)).toEqual([second!.id, first!.id]);
    await expectStatus(await move(second!.id, "up"), 302);
    expect(modulesOf(w.courseId).map((m) => m.id)).toEqual([second!.id, first!.id]);
    await expectStatus(await move(second!.id, "down"), 302);
    expect(modulesOf(w.courseId).map((m) => m.id)).toEqual([first!.id, second!.id]);
    const edit = await json(await run(editLoader, get(`${w.base}/edit`, { cookie: w.moderator.cookie }), w.params));
    expect(edit.modules.map((m: any) => m.id)).toEqual([first!.id, second!.id]);
  });

  it("a module of another course is not found, not moved", async () => {
    const w = await courseWorld();
    const other = await courseWorld();
    const response = await run(
      editAction,
      form(`${w.base}/edit`, { intent: "delete", moduleId: String(other.modules[0]!.id) }, { cookie: w.moderator.cookie }),
      w.params,
    );
    expect(response.status).toBe(404);
    expect(modulesOf(other.courseId)).toHaveLength(2);
  });

  it("deleting a module keeps its questions in the network, no longer in the course, and tells search", async () => {
    const w = await courseWorld();
    const enrolled = w.members[0]!;
    await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: enrolled.cookie }), w.params);
    const q = askInModule(w.network, enrolled, w.modules[0]!.id, "Как оценивать задания на читательскую грамотность");
    const before = outboxFor(q.id).length;
    await expectStatus(
      await run(
        editAction,
        form(`${w.base}/edit`, { intent: "delete", moduleId: String(w.modules[0]!.id) }, { cookie: w.moderator.cookie }),
        w.params,
      ),
      302,
    );
    expect(modulesOf(w.courseId).map((m) => m.id)).toEqual([w.modules[1]!.id]);
    expect(thread(q.id)).toMatchObject({ moduleId: null, deletedAt: null });
    expect(outboxFor(q.id).length).toBe(before + 1);
    const page = await threadPage(q.param);
    expect(page.data!.course).toBeNull();
  });
});

describe("enrolment", () => {
  it("a member enrols in an open course and leaves it; the course page says so", async () => {
    const w = await courseWorld();
    const teacher = w.members[0]!;
    const before = await json(await run(courseLoader, get(w.base, { cookie: teacher.cookie }), w.params));
    expect(before.me).toMatchObject({ enrolled: false, canEnrol: true, canLeave: false, canAsk: false, canManage: false });
    await expectStatus(await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params), 302);
    const after = await json(await run(courseLoader, get(w.base, { cookie: teacher.cookie }), w.params));
    expect(after.me).toMatchObject({ enrolled: true, canEnrol: false, canLeave: true, canAsk: true });
    expect(after.enrolledCount).toBe(1);
    const list = await json(await run(listLoader, get(`/n/${w.slug}/courses`, { cookie: teacher.cookie }), { slug: w.slug }));
    expect(list.courses[0]).toMatchObject({ enrolled: true, enrolledCount: 1 });
    await expectStatus(await run(courseAction, form(w.base, { intent: "leave" }, { cookie: teacher.cookie }), w.params), 302);
    expect(enrolmentsOf(w.courseId)).toEqual([]);
  });

  it("someone outside the network may not enrol; a guest is sent to sign in", async () => {
    const w = await courseWorld();
    expect((await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: w.outsider.cookie }), w.params)).status).toBe(403);
    expect((await run(courseAction, form(w.base, { intent: "enrol" }), w.params)).status).toBe(302);
    expect(enrolmentsOf(w.courseId)).toEqual([]);
    const page = await json(await run(courseLoader, get(w.base, { cookie: w.outsider.cookie }), w.params));
    expect(page.me).toMatchObject({ member: false, canEnrol: false });
  });

  it("a course by list refuses members who are not on it and tells them to ask the curator", async () => {
    const w = await courseWorld("list");
    const teacher = w.members[0]!;
    const page = await json(await run(courseLoader, get(w.base, { cookie: teacher.cookie }), w.params));
    expect(page.course.enrolment).toBe("list");
    expect(page.me).toMatchObject({ member: true, enrolled: false, canEnrol: false });
    const refused = await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params);
    expect(refused.status).toBe(403);
    expect(enrolmentsOf(w.courseId)).toEqual([]);
  });

  it("a members-only network's courses are refused to outsiders with a message, and a course of another network is not found", async () => {
    const w = await courseWorld("open", "members");
    const refused = await run(courseLoader, get(w.base, { cookie: w.outsider.cookie }), w.params);
    expect(refused.status).toBe(403);
    expect(await json(refused)).toEqual({ message: "courses.errors.membersOnly" });
    const other = makeNetwork();
    expect(
      (await run(courseLoader, get(`/n/${other.slug}/courses/${w.courseId}`), { slug: other.slug, courseId: String(w.courseId) })).status,
    ).toBe(404);
    expect((await run(courseLoader, get(`/n/${w.slug}/courses/abc`), { slug: w.slug, courseId: "abc" })).status).toBe(404);
  });
});

describe("course questions", () => {
  it("an enrolled teacher asks from module 2: the question is linked, shown on the course, module and unanswered pages", async () => {
    const w = await courseWorld();
    const teacher = w.members[0]!;
    const second = w.modules[1]!;
    await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params);
    const askPage = await json(
      await run(askLoader, get(`/n/${w.slug}/ask?module=${second.id}`, { cookie: teacher.cookie }), { slug: w.slug }),
    );
    expect(askPage.module).toEqual({ id: second.id, title: second.title, courseId: w.courseId, courseTitle: courseFields().title });
    const title = "Как составить задачу на проценты из жизни семьи";
    const asked = await run(
      askAction,
      form(
        `/n/${w.slug}/ask`,
        {
          kind: "question",
          title,
          body: "Нужна задача на проценты для 6 класса, близкая к жизни.",
          tags: "проценты",
          module: String(second.id),
          confirmed: "1",
        },
        { cookie: teacher.cookie },
      ),
      { slug: w.slug },
    );
    await expectStatus(asked, 302);
    const threadId = Number(/\/t\/(\d+)/.exec(asked.headers.get("Location")!)![1]);
    expect(thread(threadId).moduleId).toBe(second.id);

    const shown = await threadPage(`${threadId}-${thread(threadId).slug}`);
    expect(shown.data!.course).toEqual({
      courseId: w.courseId,
      courseTitle: courseFields().title,
      moduleId: second.id,
      moduleTitle: second.title,
    });

    const course = await json(await run(courseLoader, get(w.base), w.params));
    expect(course.modules[1]).toMatchObject({
      total: 1,
      solvedCount: 0,
      open: [expect.objectContaining({ id: threadId, title })],
      solved: [],
    });
    expect(course.modules[0]).toMatchObject({ total: 0, open: [] });

    const modulePage = await json(
      await run(moduleLoader, get(`${w.base}/modules/${second.id}`), { ...w.params, moduleId: String(second.id) }),
    );
    expect(modulePage.list.rows.map((r: any) => r.id)).toEqual([threadId]);
    const firstPage = await json(
      await run(moduleLoader, get(`${w.base}/modules/${w.modules[0]!.id}`), { ...w.params, moduleId: String(w.modules[0]!.id) }),
    );
    expect(firstPage.list.rows).toEqual([]);

    const unanswered = await json(await run(unansweredLoader, get(`${w.base}/unanswered`, { cookie: w.moderator.cookie }), w.params));
    expect(unanswered.unanswered).toEqual([expect.objectContaining({ id: threadId, moduleTitle: second.title, answerCount: 0 })]);
    expect(unanswered.unsolved).toEqual([]);

    answer(threadId, w.answerer);
    const later = await json(await run(unansweredLoader, get(`${w.base}/unanswered`, { cookie: w.moderator.cookie }), w.params));
    expect(later.unanswered).toEqual([]);
    expect(later.unsolved.map((q: any) => q.id)).toEqual([threadId]);
  });

  it("lists the course's unanswered questions oldest first, across modules", async () => {
    const w = await courseWorld();
    const teacher = w.members[0]!;
    await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params);
    const a = askInModule(w.network, teacher, w.modules[1]!.id, "Первый вопрос курса про проценты в жизни");
    const b = askInModule(w.network, teacher, w.modules[0]!.id, "Второй вопрос курса про чтение текстов");
    const list = await json(await run(unansweredLoader, get(`${w.base}/unanswered`, { cookie: w.moderator.cookie }), w.params));
    expect(list.unanswered.map((q: any) => [q.id, q.moduleTitle])).toEqual([
      [a.id, w.modules[1]!.title],
      [b.id, w.modules[0]!.title],
    ]);
  });

  it("keeps a question the asker alone has replied to among the unanswered, and drops one closed as a duplicate", async () => {
    const w = await courseWorld();
    const teacher = w.members[0]!;
    await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params);
    const lonely = askInModule(w.network, teacher, w.modules[0]!.id, "Как проверять развёрнутые ответы быстрее");
    const copy = askInModule(w.network, teacher, w.modules[1]!.id, "Как быстрее проверять развёрнутые ответы учеников");
    answer(lonely.id, teacher, "Коллеги, есть идеи? Очень нужно к пятнице.");
    const before = await json(await run(unansweredLoader, get(`${w.base}/unanswered`, { cookie: w.moderator.cookie }), w.params));
    expect(before.unanswered.map((q: any) => q.id)).toEqual([lonely.id, copy.id]);
    expect(before.unsolved).toEqual([]);

    const closed = closeAsDuplicate({
      threadId: copy.id,
      moderatorId: w.moderator.id,
      canonicalId: lonely.id,
      merge: false,
      allowedNetworkIds: [w.network.id],
    });
    expect(closed.ok).toBe(true);
    const after = await json(await run(unansweredLoader, get(`${w.base}/unanswered`, { cookie: w.moderator.cookie }), w.params));
    expect(after.unanswered.map((q: any) => q.id)).toEqual([lonely.id]);
    expect(after.unansweredTotal).toBe(1);
  });

  it("refuses asking in a course one is not enrolled in (403 with a reason) and a module of another network (404)", async () => {
    const w = await courseWorld();
    const other = await courseWorld();
    const teacher = w.members[0]!;
    const refused = await run(askLoader, get(`/n/${w.slug}/ask?module=${w.modules[0]!.id}`, { cookie: teacher.cookie }), { slug: w.slug });
    expect(refused.status).toBe(403);
    expect(await json(refused)).toEqual({ message: "courses.errors.enrolToAsk" });
    const posted = await run(
      askAction,
      form(
        `/n/${w.slug}/ask`,
        {
          kind: "question",
          title: "Вопрос без записи на курс",
          body: "Подробности вопроса без записи на курс.",
          tags: "курс",
          module: String(w.modules[0]!.id),
          confirmed: "1",
        },
        { cookie: teacher.cookie },
      ),
      { slug: w.slug },
    );
    expect(posted.status).toBe(403);
    expect(
      (await run(askLoader, get(`/n/${w.slug}/ask?module=${other.modules[0]!.id}`, { cookie: w.moderator.cookie }), { slug: w.slug }))
        .status,
    ).toBe(404);
    expect((await run(askLoader, get(`/n/${w.slug}/ask?module=x`, { cookie: w.moderator.cookie }), { slug: w.slug })).status).toBe(404);
  });

  it("a curator who is not a moderator accepts an answer on a course question, but not on other questions", async () => {
    const w = await courseWorld();
    const curator = w.members[1]!;
    await expectStatus(
      await run(
        peopleAction,
        form(`${w.base}/people`, { intent: "curator-add", email: curator.email }, { cookie: w.moderator.cookie }),
        w.params,
      ),
      302,
    );
    const teacher = w.members[0]!;
    await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params);
    const q = askInModule(w.network, teacher, w.modules[0]!.id, "Где взять тексты для читательской грамотности");
    const postId = answer(q.id, w.answerer);
    const accept = (threadParam: string, post: number) =>
      run(
        threadAction,
        form(
          `/t/${threadParam}`,
          { intent: "accept", postId: String(post), comment: "Тексты подошли для 7 класса, спасибо!" },
          { cookie: curator.cookie },
        ),
        {
          thread: threadParam,
        },
      );
    const page = await threadPage(q.param, curator.cookie);
    expect(page.data!.can.accept).toBe(true);
    await expectStatus(await accept(q.param, postId), 302);
    expect(thread(q.id).acceptedPostId).toBe(postId);

    const elsewhere = askInModule(w.network, teacher, w.modules[0]!.id, "Временный вопрос вне курса после удаления");
    getDb().update(schema.threads).set({ moduleId: null }).where(eq(schema.threads.id, elsewhere.id)).run();
    const otherPost = answer(elsewhere.id, w.answerer);
    expect((await accept(elsewhere.param, otherPost)).status).toBe(403);

    const course = await json(await run(courseLoader, get(w.base), w.params));
    expect(course.modules[0]).toMatchObject({ total: 1, solvedCount: 1, solved: [expect.objectContaining({ id: q.id })] });
  });
  it("a question moved to another network leaves its course", async () => {
    const w = await courseWorld();
    const elsewhere = makeNetwork();
    const teacher = w.members[0]!;
    await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params);
    const q = askInModule(w.network, teacher, w.modules[0]!.id, "Вопрос, который модератор перенесёт в другую сеть");
    getDb().insert(schema.memberships).values({ userId: w.admin.id, networkId: elsewhere.id, isModerator: true }).run();
    expect(moveThread({ threadId: q.id, moderatorId: w.admin.id, toNetworkId: elsewhere.id, reason: "другой регион" })).toEqual({
      ok: true,
    });
    expect(thread(q.id)).toMatchObject({ networkId: elsewhere.id, moduleId: null });
    const course = await json(await run(courseLoader, get(w.base), w.params));
    expect(course.modules[0].total).toBe(0);
  });
});

describe("the curator's pages and who may see them", () => {
  it("curators and the network's moderators manage the course; teachers, mentors, moderators of other networks are refused", async () => {
    const w = await courseWorld();
    const other = await community();
    const curator = w.members[1]!;
    await run(
      peopleAction,
      form(`${w.base}/people`, { intent: "curator-add", email: curator.email }, { cookie: w.moderator.cookie }),
      w.params,
    );
    const pages = [
      [editLoader, `${w.base}/edit`],
      [peopleLoader, `${w.base}/people`],
      [unansweredLoader, `${w.base}/unanswered`],
    ] as const;
    for (const [loader, url] of pages) {
      for (const who of [curator, w.moderator, w.admin])
        expect((await run(loader, get(url, { cookie: who.cookie }), w.params)).status, url).toBe(200);
      for (const who of [w.asker, w.mentor, other.moderator, w.outsider])
        expect((await run(loader, get(url, { cookie: who.cookie }), w.params)).status, url).toBe(403);
      expect((await run(loader, get(url), w.params)).status).toBe(302);
    }
    const edit = await run(
      editAction,
      form(`${w.base}/edit`, courseFields({ title: "Новое название курса" }), { cookie: curator.cookie }),
      w.params,
    );
    await expectStatus(edit, 302);
    const refused = await run(
      editAction,
      form(`${w.base}/edit`, courseFields({ title: "Чужое название курса" }), { cookie: w.asker.cookie }),
      w.params,
    );
    expect(refused.status).toBe(403);
    expect(getDb().select().from(schema.courses).where(eq(schema.courses.id, w.courseId)).get()!.title).toBe("Новое название курса");

    // A curator who leaves the network is no longer a curator in effect.
    getDb().delete(schema.memberships).where(eq(schema.memberships.userId, curator.id)).run();
    expect((await run(editLoader, get(`${w.base}/edit`, { cookie: curator.cookie }), w.params)).status).toBe(403);
  });

  it("curators must be members of the network", async () => {
    const w = await courseWorld();
    const response = await run(
      peopleAction,
      form(`${w.base}/people`, { intent: "curator-add", email: w.outsider.email }, { cookie: w.moderator.cookie }),
      w.params,
    );
    await expectStatus(response, 400);
    const body = await json(response);
    expect(body.result.error.email).toEqual(["courses.errors.curatorNotMember"]);
    expect(body.result.initialValue.email).toBe(w.outsider.email);
    const unknown = await json(
      await run(
        peopleAction,
        form(`${w.base}/people`, { intent: "curator-add", email: "nobody-here@example.org" }, { cookie: w.moderator.cookie }),
        w.params,
      ),
    );
    expect(unknown.result.error.email).toEqual(["errors.unknownEmail"]);
  });

  it("removes a teacher from the course and lists the enrolled a page at a time", async () => {
    const w = await courseWorld();
    const people = await Promise.all(Array.from({ length: 55 }, () => makeUser({ networkId: w.network.id })));
    getDb()
      .insert(schema.courseEnrolments)
      .values(people.map((p) => ({ courseId: w.courseId, userId: p.id })))
      .run();
    const first = await json(await run(peopleLoader, get(`${w.base}/people`, { cookie: w.moderator.cookie }), w.params));
    expect(first.enrolled).toMatchObject({ total: 55, page: 1, pageCount: 2 });
    expect(first.enrolled.rows).toHaveLength(50);
    const second = await json(await run(peopleLoader, get(`${w.base}/people?page=2`, { cookie: w.moderator.cookie }), w.params));
    expect(second.enrolled.rows).toHaveLength(5);
    await expectStatus(
      await run(
        peopleAction,
        form(`${w.base}/people`, { intent: "remove", userId: String(people[0]!.id) }, { cookie: w.moderator.cookie }),
        w.params,
      ),
      302,
    );
    expect(enrolmentsOf(w.courseId)).toHaveLength(54);
    expect(
      (
        await run(
          peopleAction,
          form(`${w.base}/people`, { intent: "remove", userId: String(people[0]!.id) }, { cookie: w.moderator.cookie }),
          w.params,
        )
      ).status,
    ).toBe(404);
  });
});

describe("the curator's routes", () => {
  const routes = path.resolve("app/routes");
  const curatorRoutes = fs.readdirSync(routes).filter((f) => /^n\.\$slug_\.courses\.\$courseId_\.(edit|people|unanswered)\.tsx$/.test(f));

  it("are the routes we expect (a new one must be added here)", () => {
    expect(curatorRoutes.sort()).toEqual([
      "n.$slug_.courses.$courseId_.edit.tsx",
      "n.$slug_.courses.$courseId_.people.tsx",
      "n.$slug_.courses.$courseId_.unanswered.tsx",
    ]);
  });

  it.each(curatorRoutes)("%s calls the course guard with a curator's permission first in every loader and action", (file) => {
    const source = fs.readFileSync(path.join(routes, file), "utf8");
    const handlers = [...source.matchAll(/export async function (loader|action)\([^)]*\) \{\n\s+(.*)\n/g)];
    expect(handlers.length).toBeGreaterThan(0);
    for (const [, name, firstLine] of handlers) {
      expect(firstLine, `${file} ${name}`).toMatch(/= await requireCourse\(request, params, "(manageCourse|viewCourseUnanswered)"\);$/);
    }
  });
});
