import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { ensureIndex } from "../../search/reindex";
import { drain } from "../../search/worker";
import { searchThreads, similarThreads, type SearchQuery, type Viewer } from "~/search/queries.server";
import { createAnswer } from "~/posts/posts.server";
import { acceptAnswer } from "~/threads/accept.server";
import { createThread } from "~/threads/threads.server";
import { makeNetwork, makeUser } from "./helpers";

/** Past the new-account limits: the tests post a lot as few people (and past the rate limit, tested elsewhere). */
const later = () => new Date(Date.now() + 3 * 24 * 3600_000);

type Member = Awaited<ReturnType<typeof makeUser>>;

function ask(network: { id: number }, author: Member, title: string, body = `${title}. Подробности вопроса для коллег.`, tags = ["общее"]) {
  const result = createThread(
    { kind: "question", title, body, tags, networkId: network.id, authorId: author.id, exemptFromRateLimit: true },
    later(),
  );
  if (!result.ok) throw new Error(result.error);
  return result.thread.id;
}

const query = (q: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  q,
  network: null,
  tag: null,
  status: "any",
  author: null,
  course: null,
  sort: "relevance",
  page: 1,
  ...extra,
});

async function find(q: string, viewer: Viewer = null, extra: Partial<SearchQuery> = {}) {
  const result = await searchThreads(query(q, extra), viewer);
  if (!result.ok) throw new Error("search is down");
  return result;
}

const ids = async (q: string, viewer: Viewer = null, extra: Partial<SearchQuery> = {}) =>
  (await find(q, viewer, extra)).hits.map((h) => h.id);

let network: ReturnType<typeof makeNetwork>;
let teacher: Member;
const morphology: Record<string, number> = {};

beforeAll(async () => {
  await ensureIndex();
  network = makeNetwork();
  teacher = await makeUser({ networkId: network.id });
  morphology.lesson = ask(network, teacher, "Как провести открытый урок в пятом классе");
  morphology.teachers = ask(network, teacher, "Методическое объединение учителей начальных классов");
  morphology.remote = ask(network, teacher, "Дистанционный формат родительского собрания");
  morphology.physics = ask(network, teacher, "Лабораторные работы по физике без оборудования");
  morphology.yo = ask(network, teacher, "Ёлочные игрушки на уроке технологии");
  morphology.hand = ask(network, teacher, "Почерк: как поставить руку первокласснику");
  await drain();
});

describe("Russian morphology", () => {
  it.each([
    ["урок", "lesson"],
    ["урока", "lesson"],
    ["уроками", "lesson"],
    ["урокам", "lesson"],
    ["учитель", "teachers"],
    ["учителя", "teachers"],
    ["учителей", "teachers"],
    ["дистанционный", "remote"],
    ["дистанционного", "remote"],
    ["дистанционное", "remote"],
    ["физика", "physics"],
    ["физики", "physics"],
    ["физике", "physics"],
  ])("«%s» finds the thread about %s", async (word, key) => {
    expect(await ids(word, null, { network: network.slug })).toContain(morphology[key]);
  });

  it.each([
    ["рука", "lesson"],
    ["физкультура", "physics"],
    ["ученик", "teachers"],
  ])("«%s» does not find the thread about %s", async (word, key) => {
    expect(await ids(word, null, { network: network.slug })).not.toContain(morphology[key]);
  });

  it("ranks the exact form above a stem-only match", async () => {
    const exact = ask(network, teacher, "Уроками музыки увлечь подростков");
    const other = ask(network, teacher, "Урок музыки в старших классах");
    await drain();
    const found = await ids("уроками музыки", null, { network: network.slug });
    expect(found.indexOf(exact)).toBeLessThan(found.indexOf(other));
    expect(found).toContain(other);
  });

  it("treats ё and е alike", async () => {
    expect(await ids("елочные игрушки", null, { network: network.slug })).toContain(morphology.yo);
    expect(await ids("ёлочные", null, { network: network.slug })).toContain(morphology.yo);
  });

  it("tolerates a typo", async () => {
    expect(await ids("лаболаторные", null, { network: network.slug })).toContain(morphology.physics);
  });
});

describe("filters, highlights and snippets", () => {
  it("filters by network, tag, status, author and sorts by newest", async () => {
    const other = makeNetwork();
    const colleague = await makeUser({ networkId: other.id });
    const mine = ask(network, teacher, "Проверка сочинений по литературе", undefined, ["литература", "проверка"]);
    const theirs = ask(other, colleague, "Проверка сочинений в старших классах", undefined, ["литература"]);
    const answerer = await makeUser({ networkId: other.id });
    const answer = createAnswer(
      { threadId: theirs, authorId: answerer.id, body: "Используйте критерии ФИПИ и чек-лист для учеников." },
      later(),
    );
    if (!answer.ok) throw new Error(answer.error);
    acceptAnswer({ threadId: theirs, postId: answer.postId, actorId: colleague.id, comment: "Чек-лист очень помог!" });
    await drain();
    expect(await ids("сочинений", null, { network: other.slug })).toEqual([theirs]);
    expect(await ids("сочинений", null, { tag: "проверка" })).toEqual([mine]);
    expect(await ids("сочинений", null, { status: "solved" })).toEqual([theirs]);
    expect(await ids("сочинений", null, { status: "unsolved" })).toContain(mine);
    expect(await ids("сочинений", null, { status: "unsolved" })).not.toContain(theirs);
    expect(await ids("сочинений", null, { author: colleague.displayName, network: other.slug })).toEqual([theirs]);
    const newest = await ids("проверка сочинений", null, { sort: "newest" });
    expect(newest.indexOf(theirs)).toBeLessThan(newest.indexOf(mine));
  });

  it("highlights matches and escapes everything else", async () => {
    const xss = ask(network, teacher, "<img src=x onerror=alert(1)> оценивание диктантов");
    await drain();
    const { hits } = await find("диктантов", null, { network: network.slug });
    const hit = hits.find((h) => h.id === xss)!;
    expect(hit.titleHtml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(hit.titleHtml).toContain("<mark>диктантов</mark>");
    expect(hit.titleHtml).not.toContain("<img");
  });

  it("takes the snippet from the accepted answer when the question matches only through it", async () => {
    const thread = ask(network, teacher, "Что делать с шумным классом на последнем уроке");
    const helper = await makeUser({ networkId: network.id });
    const answer = createAnswer(
      { threadId: thread, authorId: helper.id, body: "Помогает метроном: когда класс шумит, включаю его, и дети сами затихают." },
      later(),
    );
    if (!answer.ok) throw new Error(answer.error);
    acceptAnswer({ threadId: thread, postId: answer.postId, actorId: teacher.id, comment: "Метроном сработал с первого раза." });
    await drain();
    const hit = (await find("метроном", null, { network: network.slug })).hits.find((h) => h.id === thread)!;
    expect(hit.snippetFromAccepted).toBe(true);
    expect(hit.snippetHtml).toContain("<mark>метроном</mark>");
  });

  it("counts and paginates", async () => {
    const many = makeNetwork();
    const writer = await makeUser({ networkId: many.id });
    for (let i = 0; i < 23; i += 1) ask(many, writer, `Олимпиадная задача номер ${i + 1} по геометрии`);
    await drain();
    const first = await find("олимпиадная геометрия", null, { network: many.slug });
    expect(first.total).toBe(23);
    expect(first.pageCount).toBe(2);
    const second = await find("олимпиадная геометрия", null, { network: many.slug, page: 2 });
    expect(second.hits).toHaveLength(3);
  });
});

describe("privacy", () => {
  it("members-only networks are found by their members only", async () => {
    const closed = makeNetwork("members");
    const member = await makeUser({ networkId: closed.id });
    const thread = ask(closed, member, "Закрытое обсуждение аттестации педагогов");
    await drain();
    const outsider = await makeUser();
    expect(await ids("аттестации")).not.toContain(thread);
    expect(await ids("аттестации", { id: outsider.id, isAdmin: false })).not.toContain(thread);
    expect(await ids("аттестации", { id: member.id, isAdmin: false })).toContain(thread);
    // Whether the viewer is an admin is read from the account, as can() reads it, not from the caller.
    const admin = await makeUser({ isAdmin: true });
    expect(await ids("аттестации", { id: outsider.id, isAdmin: true })).not.toContain(thread);
    expect(await ids("аттестации", { id: admin.id, isAdmin: true })).toContain(thread);
  });

  it("a deleted thread and a hidden answer vanish from search", async () => {
    const thread = ask(network, teacher, "Список литературы на лето для шестиклассников");
    const helper = await makeUser({ networkId: network.id });
    const answer = createAnswer(
      { threadId: thread, authorId: helper.id, body: "Спамерская ссылка на казино-вулкан, не читайте." },
      later(),
    );
    if (!answer.ok) throw new Error(answer.error);
    await drain();
    expect(await ids("казино-вулкан")).toContain(thread);
    getDb().transaction((tx) => {
      tx.update(schema.posts).set({ hiddenAt: new Date() }).where(eq(schema.posts.id, answer.postId)).run();
      tx.insert(schema.searchOutbox).values({ entity: "thread", entityId: thread }).run();
    });
    await drain();
    expect(await ids("казино-вулкан")).not.toContain(thread);
    expect(await ids("шестиклассников")).toContain(thread);
    getDb().transaction((tx) => {
      tx.update(schema.threads).set({ deletedAt: new Date() }).where(eq(schema.threads.id, thread)).run();
      tx.insert(schema.searchOutbox).values({ entity: "thread", entityId: thread }).run();
    });
    await drain();
    expect(await ids("шестиклассников")).not.toContain(thread);
  });

  it("SQLite has the last word when the index is behind", async () => {
    const thread = ask(network, teacher, "Устаревший индекс про каллиграфию");
    await drain();
    // Deleted without an outbox row: only the check against SQLite can hide it.
    getDb().update(schema.threads).set({ deletedAt: new Date() }).where(eq(schema.threads.id, thread)).run();
    expect(await ids("каллиграфию")).not.toContain(thread);
  });
});

describe("similar threads while asking", () => {
  it("offers up to five, solved ones first", async () => {
    const place = makeNetwork();
    const writer = await makeUser({ networkId: place.id });
    const unsolved = ask(place, writer, "Как мотивировать учеников читать книги");
    const solved = ask(place, writer, "Как мотивировать подростков читать");
    const helper = await makeUser({ networkId: place.id });
    const answer = createAnswer(
      { threadId: solved, authorId: helper.id, body: "Читательский клуб и свобода выбора книг работают лучше списков." },
      later(),
    );
    if (!answer.ok) throw new Error(answer.error);
    acceptAnswer({ threadId: solved, postId: answer.postId, actorId: writer.id, comment: "Клуб запустили, читают!" });
    for (let i = 0; i < 6; i += 1) ask(place, writer, `Мотивировать учеников читать: вариант ${i}`);
    await drain();
    const similar = await similarThreads("как мотивировать учеников к чтению", place.id, { id: writer.id, isAdmin: false });
    expect(similar.length).toBeLessThanOrEqual(5);
    expect(similar[0]!.id).toBe(solved);
    expect(similar.map((s) => s.id)).toContain(unsolved);
  });
});
