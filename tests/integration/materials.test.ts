/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
/**
 * Module materials and knowledge-base entries with files, and the network's materials library:
 * the curator's and the moderator's forms sent as real multipart requests with real files, the
 * pages that show them, the library's search and filters, who may read it, and bad input.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { ensureIndex } from "../../search/reindex";
import { createEntry } from "~/kb/kb.server";
import { loader as fileLoader } from "~/routes/files.$id.$name";
import { action as editAction, loader as editLoader } from "~/routes/n.$slug_.courses.$courseId_.edit";
import { loader as moduleLoader } from "~/routes/n.$slug_.courses.$courseId_.modules.$moduleId";
import { loader as entryLoader } from "~/routes/n.$slug_.kb.$id";
import { action as entryEditAction, loader as entryEditLoader } from "~/routes/n.$slug_.kb.$id_.edit";
import { action as newEntryAction } from "~/routes/n.$slug_.kb.new";
import { loader as libraryLoader } from "~/routes/n.$slug_.materials";
import { action as threadAction } from "~/routes/t.$thread/route";
import { courseWorld, moduleFields } from "./courses-fixtures";
import { BASE, get, run, words } from "./helpers";
import { answer, ask, expectStatus } from "./moderation-fixtures";
import { acceptAnswer } from "~/threads/accept.server";

beforeAll(async () => {
  await ensureIndex();
});

const badInput = path.resolve(__dirname, "../fixtures/bad-input");
const naughty: string[] = JSON.parse(fs.readFileSync(path.join(badInput, "blns.json"), "utf8"));
const xss = fs.readFileSync(path.join(badInput, "xss-payloads.txt"), "utf8").split("\n").filter(Boolean);

/** The real files of tests/fixtures/files (see its README): a 3-page worksheet, a phone photo with GPS, a program. */
const FIXTURES = path.resolve(__dirname, "../fixtures/files");
const fixture = (file: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, file)));
const pdfFile = (name = "Дроби — рабочий лист.pdf") => new File([fixture("worksheet.pdf")], name, { type: "application/pdf" });
const photoFile = (name = "Доска после урока.jpg") => new File([fixture("photo-gps.jpg")], name, { type: "image/jpeg" });

/** A form as the browser sends it with enctype="multipart/form-data": fields, repeated ones, and the chosen files. */
function multipart(urlPath: string, fields: Record<string, string | string[]>, files: File[], cookie: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  for (const file of files) body.append("files", file);
  return new Request(`${BASE}${urlPath}`, { method: "POST", headers: { Origin: BASE, Cookie: cookie }, body });
}

type World = Awaited<ReturnType<typeof courseWorld>>;

/** The fields of the first module's form on the course's edit page, as it shows them now. */
function firstModuleFields(w: World, extra: Record<string, string | string[]> = {}) {
  const m = w.modules[0]!;
  return {
    ...moduleFields(m.title, { intent: "module-save" }),
    form: `module-${m.id}`,
    moduleId: String(m.id),
    ...extra,
  };
}

async function library(w: { slug: string }, query: string, cookie?: string) {
  return run(libraryLoader, get(`/n/${w.slug}/materials${query}`, { cookie }), { slug: w.slug });
}

/**
 * The curator attaches a worksheet and a photo to the first module the way a page without
 * JavaScript does: "upload the chosen files" first, then the descriptions, then save.
 */
async function attachToFirstModule(w: World) {
  const edit = `${w.base}/edit`;
  const uploaded = await run(
    editAction,
    multipart(edit, firstModuleFields(w, { intent: "upload" }), [pdfFile(), photoFile()], w.moderator.cookie),
    w.params,
  );
  expect(uploaded.status).toBe(200);
  const back = await uploaded.json();
  expect(back.form).toBe(`module-${w.modules[0]!.id}`);
  expect(back.files.fileErrors).toEqual([]);
  expect(back.files.attachments.map((f: any) => f.name)).toEqual(["Дроби — рабочий лист.pdf", "Доска после урока.jpg"]);
  expect(back.result.initialValue.title).toBe(w.modules[0]!.title);
  const [pdf, photo] = back.files.attachments as { id: number; name: string }[];
  const saved = await run(
    editAction,
    multipart(
      edit,
      firstModuleFields(w, {
        attachment: [String(pdf!.id), String(photo!.id)],
        [`fileDescription-${pdf!.id}`]: "Задачи на сравнение дробей, 5 класс",
        [`fileDescription-${photo!.id}`]: "Схема урока на доске",
      }),
      [],
      w.moderator.cookie,
    ),
    w.params,
  );
  await expectStatus(saved, 302);
  return { pdf: pdf!, photo: photo! };
}

describe("module materials with files", () => {
  it("a curator attaches a PDF and a photo with descriptions; the module page and the library show them", async () => {
    const w = await courseWorld();
    const { pdf, photo } = await attachToFirstModule(w);
    const m = w.modules[0]!;
    const rows = getDb().select().from(schema.attachments).where(eq(schema.attachments.moduleId, m.id)).all();
    expect(rows.map((r) => [r.id, r.description, r.position])).toEqual([
      [pdf.id, "Задачи на сравнение дробей, 5 класс", 0],
      [photo.id, "Схема урока на доске", 1],
    ]);

    const page = await (await run(moduleLoader, get(`${w.base}/modules/${m.id}`), { ...w.params, moduleId: String(m.id) })).json();
    expect(page.module.files.map((f: any) => [f.name, f.kind])).toEqual([
      ["Дроби — рабочий лист.pdf", "document"],
      ["Доска после урока.jpg", "image"],
    ]);
    expect(page.module.materials.length).toBe(2);

    const edit = await (await run(editLoader, get(`${w.base}/edit`, { cookie: w.moderator.cookie }), w.params)).json();
    const editing = edit.modules.find((x: any) => x.id === m.id);
    expect(editing.files.descriptions).toEqual({ [pdf.id]: "Задачи на сравнение дробей, 5 класс", [photo.id]: "Схема урока на доске" });

    const listed = await (await library(w, "")).json();
    expect(listed.found.total).toBe(2);
    const worksheet = listed.found.items.find((f: any) => f.id === pdf.id);
    expect(worksheet).toMatchObject({
      name: "Дроби — рабочий лист.pdf",
      format: "pdf",
      description: "Задачи на сравнение дробей, 5 класс",
      source: { kind: "module", courseId: w.courseId, moduleId: m.id, moduleTitle: m.title },
    });
    expect(listed.facets.courses).toEqual([{ id: w.courseId, title: expect.any(String), count: 2 }]);
  });

  it("the library's search finds a Cyrillic word in another case or form, in the name or the description, and ё as е", async () => {
    const w = await courseWorld();
    const { pdf, photo } = await attachToFirstModule(w);
    const ids = async (query: string) => (await (await library(w, query)).json()).found.items.map((f: any) => f.id);
    expect(await ids(`?q=${encodeURIComponent("ДРОБЕЙ")}`)).toEqual([pdf.id]);
    expect(await ids(`?q=${encodeURIComponent("доска")}`)).toEqual([photo.id]);
    expect(await ids(`?q=${encodeURIComponent("СХЕМА Урока")}`)).toEqual([photo.id]);
    expect(await ids(`?q=${encodeURIComponent("схёма")}`)).toEqual([photo.id]);
    // Another form of the word: by its stem, as the forum's search does.
    expect(await ids(`?q=${encodeURIComponent("дробь")}`)).toEqual([pdf.id]);
    expect(await ids(`?q=${encodeURIComponent("ДОСКИ уроков")}`)).toEqual([photo.id]);
    expect(await ids(`?q=${encodeURIComponent("геометрия")}`)).toEqual([]);
    expect(await ids(`?from=${w.courseId}`)).toEqual([photo.id, pdf.id]);
    expect(await ids("?from=kb")).toEqual([]);
  });

  it("a file chosen and saved at once is attached; one the curator removes leaves the module", async () => {
    const w = await courseWorld();
    const m = w.modules[1]!;
    const fields = { ...moduleFields(m.title, { intent: "module-save" }), form: `module-${m.id}`, moduleId: String(m.id) };
    const saved = await run(editAction, multipart(`${w.base}/edit`, fields, [pdfFile("План урока.pdf")], w.moderator.cookie), w.params);
    await expectStatus(saved, 302);
    const [attached] = getDb().select().from(schema.attachments).where(eq(schema.attachments.moduleId, m.id)).all();
    expect(attached).toMatchObject({ name: "План урока.pdf", description: "" });

    const removed = await run(
      editAction,
      multipart(
        `${w.base}/edit`,
        { ...fields, attachment: String(attached!.id), removeAttachment: String(attached!.id) },
        [],
        w.moderator.cookie,
      ),
      w.params,
    );
    expect(removed.status).toBe(200);
    expect((await removed.json()).files.attachments).toEqual([]);
    await expectStatus(await run(editAction, multipart(`${w.base}/edit`, fields, [], w.moderator.cookie), w.params), 302);
    expect(getDb().select().from(schema.attachments).where(eq(schema.attachments.moduleId, m.id)).all()).toEqual([]);
  });

  it("Enter in a module's field saves it with its files, through the form's hidden first button", async () => {
    const w = await courseWorld();
    const fields = firstModuleFields(w, { intent: "enter", title: "Модуль 1. Читаем задания PISA" });
    await expectStatus(await run(editAction, multipart(`${w.base}/edit`, fields, [pdfFile()], w.moderator.cookie), w.params), 302);
    const m = getDb().select().from(schema.courseModules).where(eq(schema.courseModules.id, w.modules[0]!.id)).get()!;
    expect(m.title).toBe("Модуль 1. Читаем задания PISA");
    expect(getDb().select().from(schema.attachments).where(eq(schema.attachments.moduleId, m.id)).all()).toHaveLength(1);
  });

  it("a new module is added with its file in the same form", async () => {
    const w = await courseWorld();
    const added = await run(
      editAction,
      multipart(
        `${w.base}/edit`,
        { ...moduleFields("Модуль 3. Оценивание"), form: "module-new" },
        [photoFile("Критерии.jpg")],
        w.moderator.cookie,
      ),
      w.params,
    );
    await expectStatus(added, 302);
    const moduleId = Number(/module-row-(\d+)$/.exec(added.headers.get("Location")!)![1]);
    expect(
      getDb()
        .select()
        .from(schema.attachments)
        .where(eq(schema.attachments.moduleId, moduleId))
        .all()
        .map((a) => a.name),
    ).toEqual(["Критерии.jpg"]);
  });

  it("a file that is not allowed stops the save, with a message beside the field and the text kept", async () => {
    const w = await courseWorld();
    const fake = new File([fixture("program.exe")], "worksheet.pdf", { type: "application/pdf" });
    const response = await run(
      editAction,
      multipart(`${w.base}/edit`, firstModuleFields(w, { title: "Модуль 1. Новое название" }), [fake], w.moderator.cookie),
      w.params,
    );
    expect(response.status).toBe(400);
    const back = await response.json();
    expect(words(back.files.fileErrors)).toEqual([expect.stringContaining("«worksheet.pdf»")]);
    expect(back.result.initialValue.title).toBe("Модуль 1. Новое название");
    const m = getDb().select().from(schema.courseModules).where(eq(schema.courseModules.id, w.modules[0]!.id)).get()!;
    expect(m.title).toBe(w.modules[0]!.title);
  });

  it("only those who may manage the course change a module's files", async () => {
    const w = await courseWorld();
    const attempt = await run(editAction, multipart(`${w.base}/edit`, firstModuleFields(w), [pdfFile()], w.asker.cookie), w.params);
    expect(attempt.status).toBe(403);
    expect(getDb().select().from(schema.attachments).where(eq(schema.attachments.moduleId, w.modules[0]!.id)).all()).toEqual([]);
  });
});

describe("who reads the library", () => {
  it("an outsider gets a 403 for a members-only network's library and a 404 for its file; a member reads both", async () => {
    const w = await courseWorld("open", "members");
    const { pdf } = await attachToFirstModule(w);
    expect((await library(w, "", w.outsider.cookie)).status).toBe(403);
    expect((await library(w, "")).status).toBe(403);
    const fileUrl = `/files/${pdf.id}/${encodeURIComponent(pdf.name)}`;
    const outsider = await run(fileLoader, get(fileUrl, { cookie: w.outsider.cookie }), { id: String(pdf.id), name: pdf.name });
    expect(outsider.status).toBe(404);
    const member = await run(libraryLoader, get(`/n/${w.slug}/materials`, { cookie: w.asker.cookie }), { slug: w.slug });
    expect(member.status).toBe(200);
    expect((await member.json()).found.items.map((f: any) => f.id)).toContain(pdf.id);
    const download = await run(fileLoader, get(fileUrl, { cookie: w.asker.cookie }), { id: String(pdf.id), name: pdf.name });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(fixture("worksheet.pdf"));
  });

  it("a public network's library is read signed out, and never lists forum posts' files", async () => {
    const w = await courseWorld();
    await attachToFirstModule(w);
    const q = ask(w.network, w.asker);
    // An answer with a file, as the thread page's form sends it.
    const answered = await run(
      threadAction,
      multipart(
        `/t/${q.param}`,
        { intent: "answer", body: "Вот мой рабочий лист к этой теме, пользуйтесь." },
        [pdfFile("Ответ.pdf")],
        w.answerer.cookie,
      ),
      { thread: q.param },
      { clientIp: "192.0.2.1" },
    );
    await expectStatus(answered, 302);
    expect(getDb().select().from(schema.attachments).where(eq(schema.attachments.name, "Ответ.pdf")).all()).toHaveLength(1);
    const listed = await (await library(w, "")).json();
    expect(listed.found.items.map((f: any) => f.name).sort()).toEqual(["Доска после урока.jpg", "Дроби — рабочий лист.pdf"]);
  });
});

describe("knowledge-base entries with files", () => {
  it("a moderator writes an entry with a file and its description; the entry page, the KB filter and the tag show it", async () => {
    const w = await courseWorld();
    const q = ask(w.network, w.asker);
    const accepted = answer(q.id, w.answerer, "Разрежьте бумажные полоски на равные части, и доли видно руками.");
    acceptAnswer({ threadId: q.id, postId: accepted, actorId: w.asker.id, comment: "Полоски сработали!" });
    const fields = {
      title: "Как объяснить сравнение дробей",
      summary: "Бумажные полоски одинаковой длины, разрезанные на равные части: доли видно руками.",
      sources: `/t/${q.param}`,
      tags: "дроби, 5 класс",
    };
    const uploaded = await run(
      newEntryAction,
      multipart(`/n/${w.slug}/kb/new`, { ...fields, intent: "upload" }, [pdfFile("Полоски.pdf")], w.moderator.cookie),
      { slug: w.slug },
    );
    expect(uploaded.status).toBe(200);
    const [file] = (await uploaded.json()).files.attachments;
    const created = await run(
      newEntryAction,
      multipart(
        `/n/${w.slug}/kb/new`,
        { ...fields, intent: "save", attachment: String(file.id), [`fileDescription-${file.id}`]: "Шаблон полосок для печати" },
        [],
        w.moderator.cookie,
      ),
      { slug: w.slug },
    );
    await expectStatus(created, 302);
    const entryId = Number(/\/kb\/(\d+)/.exec(created.headers.get("Location")!)![1]);

    const page = await (await run(entryLoader, get(`/n/${w.slug}/kb/${entryId}`), { slug: w.slug, id: String(entryId) })).json();
    expect(page.entry.files.map((f: any) => f.name)).toEqual(["Полоски.pdf"]);

    const byKb = await (await library(w, "?from=kb")).json();
    expect(byKb.found.items).toEqual([
      expect.objectContaining({
        id: file.id,
        description: "Шаблон полосок для печати",
        source: { kind: "kbEntry", entryId, entryTitle: fields.title, tags: ["5 класс", "дроби"] },
      }),
    ]);
    expect(byKb.facets.tags).toEqual([
      { name: "5 класс", count: 1 },
      { name: "дроби", count: 1 },
    ]);
    const byTag = await (await library(w, `?tag=${encodeURIComponent("дроби")}`)).json();
    expect(byTag.found.items.map((f: any) => f.id)).toEqual([file.id]);
    const tagAndCourse = await (await library(w, `?tag=${encodeURIComponent("дроби")}&from=${w.courseId}`)).json();
    expect(tagAndCourse.tagWithCourse).toBe(true);
    expect(tagAndCourse.found.total).toBe(0);
    expect((await (await library(w, `?q=${encodeURIComponent("ШАБЛОН")}`)).json()).found.items.map((f: any) => f.id)).toEqual([file.id]);
  });

  it("editing an entry keeps its files and changes a description in the same save", async () => {
    const w = await courseWorld();
    const q = ask(w.network, w.asker);
    const created = createEntry({
      title: "Как провести самостоятельную по дробям",
      summary: "Четыре варианта, по одной задаче на каждое действие с дробями.",
      sources: [q.id],
      tags: ["дроби"],
      networkId: w.network.id,
      authorId: w.moderator.id,
    });
    if (!created.ok) throw new Error(created.error);
    const params = { slug: w.slug, id: String(created.id) };
    const values = (
      await (await run(entryEditLoader, get(`/n/${w.slug}/kb/${created.id}/edit`, { cookie: w.moderator.cookie }), params)).json()
    ).values;
    const editPath = `/n/${w.slug}/kb/${created.id}/edit`;
    await expectStatus(
      await run(entryEditAction, multipart(editPath, { ...values, intent: "save" }, [pdfFile("Варианты.pdf")], w.moderator.cookie), params),
      302,
    );
    const [file] = getDb().select().from(schema.attachments).where(eq(schema.attachments.kbEntryId, created.id)).all();
    const editing = await (await run(entryEditLoader, get(editPath, { cookie: w.moderator.cookie }), params)).json();
    expect(editing.files.attachments.map((f: any) => f.id)).toEqual([file!.id]);
    await expectStatus(
      await run(
        entryEditAction,
        multipart(
          editPath,
          { ...values, intent: "save", attachment: String(file!.id), [`fileDescription-${file!.id}`]: "Четыре варианта" },
          [],
          w.moderator.cookie,
        ),
        params,
      ),
      302,
    );
    expect(getDb().select().from(schema.attachments).where(eq(schema.attachments.id, file!.id)).get()).toMatchObject({
      kbEntryId: created.id,
      description: "Четыре варианта",
    });
  });
});

describe("bad input", () => {
  it(
    "every naughty string and XSS payload as a file's description is saved or sent back with a message; never a 500",
    { timeout: 240_000 },
    async () => {
      const w = await courseWorld();
      const { pdf } = await attachToFirstModule(w);
      const sample = [...naughty.filter((_, i) => i % 3 === 0), ...xss.filter((_, i) => i % 3 === 0), "д".repeat(301)];
      const statuses = new Set<number>();
      for (const value of sample) {
        const response = await run(
          editAction,
          multipart(
            `${w.base}/edit`,
            firstModuleFields(w, { attachment: String(pdf.id), [`fileDescription-${pdf.id}`]: value }),
            [],
            w.moderator.cookie,
          ),
          w.params,
        );
        statuses.add(response.status);
        if (response.status === 400) {
          const back = await response.json();
          const said = words(back.files.descriptionErrors[pdf.id]);
          expect(said.length).toBeGreaterThan(0);
          expect(said.every((text) => !text.includes("{{") && !text.startsWith("errors."))).toBe(true);
          expect(back.files.descriptions[pdf.id]).toBe(value);
        } else {
          expect(response.status).toBe(302);
          const saved = getDb().select().from(schema.attachments).where(eq(schema.attachments.id, pdf.id)).get()!;
          expect(saved.description).toBe(value.normalize("NFC").trim());
          expect(saved.moduleId).toBe(w.modules[0]!.id);
        }
      }
      expect(statuses).toEqual(new Set([302, 400]));
    },
  );

  it(
    "every naughty string and XSS payload in the search box gives a page, with results or a message; never a 500",
    { timeout: 120_000 },
    async () => {
      const w = await courseWorld();
      await attachToFirstModule(w);
      const sample = [...naughty, ...xss, "д".repeat(1_000), "%", "_", "' or 1=1 --"];
      for (const value of sample) {
        const response = await library(
          w,
          `?q=${encodeURIComponent(value)}&from=${encodeURIComponent(value)}&tag=${encodeURIComponent(value)}&page=${encodeURIComponent(value)}`,
        );
        expect(response.status).toBe(200);
        const data = await response.json();
        if (data.query.errors.length) {
          expect(data.found).toBeNull();
          expect(words(data.query.errors).every((text) => !text.includes("{{"))).toBe(true);
        } else expect(data.found.items).toBeInstanceOf(Array);
      }
      const tooLong = await (await library(w, `?q=${"д".repeat(1_000)}`)).json();
      expect(words(tooLong.query.errors)).toEqual(["Не длиннее 200 символов."]);
    },
  );
});
