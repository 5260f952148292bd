/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { ensureIndex } from "../../search/reindex";
import { drain } from "../../search/worker";
import { createEntry } from "~/kb/kb.server";
import { decide } from "~/moderation/flags.server";
import { action as editAction, loader as editLoader } from "~/routes/n.$slug_.kb.$id_.edit";
import { action as entryAction, loader as entryLoader } from "~/routes/n.$slug_.kb.$id";
import { loader as listLoader } from "~/routes/n.$slug_.kb._index";
import { action as newAction, loader as newLoader } from "~/routes/n.$slug_.kb.new";
import { searchThreads, similarThreads } from "~/search/queries.server";
import { acceptAnswer } from "~/threads/accept.server";
import { form, get, run } from "./helpers";
import { answer, ask, community, expectStatus, logOf } from "./moderation-fixtures";

beforeAll(async () => {
  await ensureIndex();
});

type Community = Awaited<ReturnType<typeof community>>;

function solvedThread(c: Community, title?: string) {
  const q = ask(c.network, c.asker, title);
  const accepted = answer(q.id, c.answerer, "Разрежьте бумажные полоски на равные части: дети сами увидят, что 1/2 больше 1/3.");
  acceptAnswer({ threadId: q.id, postId: accepted, actorId: c.asker.id, comment: "Полоски сработали с первого раза!" });
  return q;
}

const entryFields = (sources: string, extra: Record<string, string> = {}) => ({
  title: "Как объяснить пятиклассникам сравнение дробей",
  summary: "Бумажные полоски одинаковой длины, разрезанные на равные части: доли видно руками.",
  sources,
  tags: "дроби, 5 класс",
  ...extra,
});

function entryOf(id: number) {
  return getDb().select().from(schema.kbEntries).where(eq(schema.kbEntries.id, id)).get()!;
}

describe("curating entries", () => {
  it("a moderator starts an entry from a solved thread and publishes it", async () => {
    const c = await community();
    const q = solvedThread(c);
    const draft = await (
      await run(newLoader, get(`/n/${c.network.slug}/kb/new?thread=${q.id}`, { cookie: c.moderator.cookie }), { slug: c.network.slug })
    ).json();
    expect(draft.draft).toMatchObject({ title: q.title, sources: `/t/${q.param}`, tags: "5 класс, математика" });
    expect(draft.draft.summary).toContain("бумажные полоски");

    const response = await run(
      newAction,
      form(`/n/${c.network.slug}/kb/new`, entryFields(`https://kollegi.test/t/${q.param}?page=1`), { cookie: c.moderator.cookie }),
      {
        slug: c.network.slug,
      },
    );
    await expectStatus(response, 302);
    const id = Number(/\/kb\/(\d+)$/.exec(response.headers.get("Location")!)![1]);
    expect(entryOf(id)).toMatchObject({ networkId: c.network.id, authorId: c.moderator.id, needsReview: false });
    expect(logOf("kb_entry", id)[0]).toMatchObject({ action: "kb.create" });
    const outbox = getDb().select().from(schema.searchOutbox).where(eq(schema.searchOutbox.entity, "kb_entry")).all();
    expect(outbox.some((r) => r.entityId === id)).toBe(true);

    const page = await (await run(entryLoader, get(`/n/${c.network.slug}/kb/${id}`), { slug: c.network.slug, id: String(id) })).json();
    expect(page.entry).toMatchObject({
      title: "Как объяснить пятиклассникам сравнение дробей",
      tags: ["5 класс", "дроби"],
      helpful: 0,
      notHelpful: 0,
    });
    expect(page.entry.sources).toEqual([{ url: `/t/${q.param}`, title: q.title, solved: true, removed: false }]);
  });

  it("refuses bad sources and fields beside them, keeping the input", async () => {
    const c = await community();
    const foreign = await community();
    const elsewhere = ask(foreign.network, foreign.asker);
    const post = (fields: Record<string, string>) =>
      run(newAction, form(`/n/${c.network.slug}/kb/new`, fields, { cookie: c.moderator.cookie }), { slug: c.network.slug });
    const other = await post(entryFields(`/t/${elsewhere.param}`));
    await expectStatus(other, 400);
    const result = (await other.json()).result;
    expect(result.error.sources).toEqual(["kb.errors.sourceElsewhere"]);
    expect(result.initialValue.summary).toContain("Бумажные полоски");
    const garbled = (await (await post(entryFields("вот эта тема"))).json()).result.error;
    expect(garbled.sources).toEqual(["kb.errors.sourcesFormat"]);
    const empty = (await (await post({ title: "", summary: "", sources: "", tags: "" })).json()).result.error;
    expect(Object.keys(empty).sort()).toEqual(["sources", "summary", "tags", "title"]);
    const missing = (await (await post(entryFields("/t/999999999"))).json()).result.error;
    expect(missing.sources).toEqual(["kb.errors.sourceNotFound"]);
  });

  it("members and moderators of other networks may read but not curate", async () => {
    const c = await community();
    const q = solvedThread(c);
    const elsewhere = await community();
    for (const who of [c.members[0]!, c.mentor, elsewhere.moderator]) {
      await expectStatus(
        await run(newAction, form(`/n/${c.network.slug}/kb/new`, entryFields(String(q.id)), { cookie: who.cookie }), {
          slug: c.network.slug,
        }),
        403,
      );
    }
    expect(getDb().select().from(schema.kbEntries).where(eq(schema.kbEntries.networkId, c.network.id)).all()).toHaveLength(0);
  });

  it("groups entries by tag", async () => {
    const c = await community();
    const q = solvedThread(c);
    for (const [title, tags] of [
      ["Сравнение дробей на бумажных полосках", ["дроби"]],
      ["Сложение дробей с разными знаменателями", ["дроби", "5 класс"]],
      ["Проверка тетрадей за пятнадцать минут", ["проверка"]],
    ] as const) {
      const r = createEntry({
        networkId: c.network.id,
        authorId: c.moderator.id,
        title,
        summary: `${title}: краткое решение для коллег.`,
        sources: [q.id],
        tags: [...tags],
      });
      expect(r.ok).toBe(true);
    }
    const data = await (await run(listLoader, get(`/n/${c.network.slug}/kb`), { slug: c.network.slug })).json();
    expect(data.total).toBe(3);
    expect(data.groups.map((g: any) => [g.tag, g.entries.length])).toEqual([
      ["дроби", 2],
      ["5 класс", 1],
      ["проверка", 1],
    ]);
  });

  it("members-only knowledge bases stay private", async () => {
    const c = await community("members");
    const q = solvedThread(c);
    const r = createEntry({
      networkId: c.network.id,
      authorId: c.moderator.id,
      title: "Закрытая запись о внутренних правилах",
      summary: "Только для участников сети.",
      sources: [q.id],
      tags: ["правила"],
    });
    if (!r.ok) throw new Error(r.error);
    await expectStatus(await run(listLoader, get(`/n/${c.network.slug}/kb`, { cookie: c.outsider.cookie }), { slug: c.network.slug }), 403);
    await expectStatus(await run(entryLoader, get(`/n/${c.network.slug}/kb/${r.id}`), { slug: c.network.slug, id: String(r.id) }), 403);
    await expectStatus(
      await run(entryLoader, get(`/n/${c.network.slug}/kb/${r.id}`, { cookie: c.members[0]!.cookie }), {
        slug: c.network.slug,
        id: String(r.id),
      }),
      200,
    );
  });
});

describe("was this helpful", () => {
  it("counts one answer per reader, changeable; guests are asked to sign in", async () => {
    const c = await community();
    const q = solvedThread(c);
    const r = createEntry({
      networkId: c.network.id,
      authorId: c.moderator.id,
      title: "Полезная запись про дроби",
      summary: "Полоски бумаги для дробей.",
      sources: [q.id],
      tags: ["дроби"],
    });
    if (!r.ok) throw new Error(r.error);
    const params = { slug: c.network.slug, id: String(r.id) };
    const rate = (cookie: string, helpful: string) =>
      run(entryAction, form(`/n/${c.network.slug}/kb/${r.id}`, { helpful }, { cookie }), params);
    await expectStatus(await rate(c.members[0]!.cookie, "yes"), 302);
    await expectStatus(await rate(c.members[1]!.cookie, "yes"), 302);
    await expectStatus(await rate(c.outsider.cookie, "no"), 302);
    await expectStatus(await rate(c.members[1]!.cookie, "no"), 302);
    await expectStatus(await rate(c.members[0]!.cookie, "maybe"), 400);
    const page = await (await run(entryLoader, get(`/n/${c.network.slug}/kb/${r.id}`, { cookie: c.members[1]!.cookie }), params)).json();
    expect(page.entry).toMatchObject({ helpful: 1, notHelpful: 2, myFeedback: false });
    const guest = await (await run(entryLoader, get(`/n/${c.network.slug}/kb/${r.id}`), params)).json();
    expect(guest).toMatchObject({ canRate: false, signedIn: false });
    expect((await run(entryAction, form(`/n/${c.network.slug}/kb/${r.id}`, { helpful: "yes" }), params)).headers.get("Location")).toMatch(
      /^\/login/,
    );
  });
});

describe("needs review", () => {
  it("is set when a source thread changes and cleared by a moderator's review or edit", async () => {
    const c = await community();
    const q = solvedThread(c);
    const r = createEntry({
      networkId: c.network.id,
      authorId: c.moderator.id,
      title: "Запись, которую надо перепроверять",
      summary: "Краткое решение из темы.",
      sources: [q.id],
      tags: ["дроби"],
    });
    if (!r.ok) throw new Error(r.error);
    expect(entryOf(r.id).needsReview).toBe(false);
    const late = answer(q.id, c.members[0]!);
    expect(entryOf(r.id).needsReview).toBe(true);
    const params = { slug: c.network.slug, id: String(r.id) };
    await expectStatus(
      await run(editAction, form(`/n/${c.network.slug}/kb/${r.id}/edit`, { intent: "reviewed" }, { cookie: c.moderator.cookie }), params),
      302,
    );
    expect(entryOf(r.id).needsReview).toBe(false);
    expect(logOf("kb_entry", r.id)[0]!.action).toBe("kb.review");

    decide({ postId: late, moderatorId: c.moderator.id, decision: "hide", reason: "Не по теме записи" });
    expect(entryOf(r.id).needsReview).toBe(true);
    const form1 = await (await run(editLoader, get(`/n/${c.network.slug}/kb/${r.id}/edit`, { cookie: c.moderator.cookie }), params)).json();
    const saved = await run(
      editAction,
      form(
        `/n/${c.network.slug}/kb/${r.id}/edit`,
        { ...form1.values, summary: "Краткое решение из темы, дополненное.", reason: "Учтён новый ответ" },
        { cookie: c.moderator.cookie },
      ),
      params,
    );
    await expectStatus(saved, 302);
    expect(entryOf(r.id)).toMatchObject({ needsReview: false, summarySource: "Краткое решение из темы, дополненное." });
    expect(logOf("kb_entry", r.id)[0]).toMatchObject({ action: "kb.update", reason: "Учтён новый ответ" });
  });

  it("deleting an entry needs a reason and takes it out of search", async () => {
    const c = await community();
    const q = solvedThread(c);
    const stamp = Date.now().toString(36);
    const r = createEntry({
      networkId: c.network.id,
      authorId: c.moderator.id,
      title: `Запись на удаление ${stamp}`,
      summary: "Будет удалена.",
      sources: [q.id],
      tags: ["дроби"],
    });
    if (!r.ok) throw new Error(r.error);
    await drain();
    const params = { slug: c.network.slug, id: String(r.id) };
    await expectStatus(
      await run(
        editAction,
        form(`/n/${c.network.slug}/kb/${r.id}/edit`, { intent: "delete", reason: "" }, { cookie: c.moderator.cookie }),
        params,
      ),
      400,
    );
    await expectStatus(
      await run(
        editAction,
        form(
          `/n/${c.network.slug}/kb/${r.id}/edit`,
          { intent: "delete", reason: "Устарело после реформы" },
          { cookie: c.moderator.cookie },
        ),
        params,
      ),
      302,
    );
    expect(getDb().select().from(schema.kbEntries).where(eq(schema.kbEntries.id, r.id)).get()).toBeUndefined();
    expect(logOf("kb_entry", r.id)[0]).toMatchObject({ action: "kb.delete", details: { title: `Запись на удаление ${stamp}` } });
    await drain();
    const found = await searchThreads(
      { q: `удаление ${stamp}`, network: null, tag: null, status: "any", author: null, course: null, sort: "relevance", page: 1 },
      null,
    );
    expect(found.ok && found.kb).toEqual([]);
  });
});

describe("knowledge-base ranking", () => {
  it("an entry comes first in search and in the similar-threads box", async () => {
    const c = await community();
    const stamp = `${process.pid}${Date.now().toString(36)}`;
    const q = solvedThread(c, `Как научить первоклассника читать по слогам ${stamp}`);
    for (let i = 0; i < 4; i += 1) ask(c.network, c.members[i % 3]!, `Чтение по слогам в первом классе: вопрос ${i} ${stamp}`);
    const r = createEntry({
      networkId: c.network.id,
      authorId: c.moderator.id,
      title: `Чтение по слогам: что работает в первом классе ${stamp}`,
      summary: "Слоговые таблицы, пение слогов и короткие тексты каждый день.",
      sources: [q.id],
      tags: ["чтение"],
    });
    if (!r.ok) throw new Error(r.error);
    await drain();
    const result = await searchThreads(
      { q: `чтение по слогам ${stamp}`, network: null, tag: null, status: "any", author: null, course: null, sort: "relevance", page: 1 },
      null,
    );
    if (!result.ok) throw new Error("search is down");
    expect(result.kb.map((k) => k.id)).toEqual([r.id]);
    expect(result.kb[0]).toMatchObject({ url: `/n/${c.network.slug}/kb/${r.id}` });
    expect(result.kb[0]!.titleHtml).toContain("<mark>");
    expect(result.hits.length).toBeGreaterThan(1);
    // Found through a source thread's words too, and first in the box while asking.
    const similar = await similarThreads(`Как читать по слогам в первом классе ${stamp}`, c.network.id, null);
    expect(similar[0]).toMatchObject({ kb: true, url: `/n/${c.network.slug}/kb/${r.id}` });
    expect(similar.slice(1).every((s) => !s.kb)).toBe(true);
    // Not on a later page, nor for "unsolved only".
    const unsolved = await searchThreads(
      {
        q: `чтение по слогам ${stamp}`,
        network: null,
        tag: null,
        status: "unsolved",
        author: null,
        course: null,
        sort: "relevance",
        page: 1,
      },
      null,
    );
    expect(unsolved.ok && unsolved.kb).toEqual([]);
  });

  it("a members-only entry is found by members only", async () => {
    const c = await community("members");
    const q = solvedThread(c);
    const stamp = `${process.pid}${Date.now().toString(36)}`;
    const r = createEntry({
      networkId: c.network.id,
      authorId: c.moderator.id,
      title: `Аттестация педагогов: порядок ${stamp}`,
      summary: "Только для участников.",
      sources: [q.id],
      tags: ["аттестация"],
    });
    if (!r.ok) throw new Error(r.error);
    await drain();
    const as = async (viewer: { id: number; isAdmin: boolean } | null) => {
      const result = await searchThreads(
        { q: `аттестация ${stamp}`, network: null, tag: null, status: "any", author: null, course: null, sort: "relevance", page: 1 },
        viewer,
      );
      return result.ok ? result.kb.map((k) => k.id) : [];
    };
    expect(await as(null)).toEqual([]);
    expect(await as({ id: c.outsider.id, isAdmin: false })).toEqual([]);
    expect(await as({ id: c.members[0]!.id, isAdmin: false })).toEqual([r.id]);
  });
});
