/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { action as ask } from "~/routes/n.$slug_.ask";
import { loader as networkLoader } from "~/routes/n.$slug";
import { action as threadAction, loader as threadLoader } from "~/routes/t.$thread/route";
import { action as editAction } from "~/routes/p.$id_.edit";
import { loader as historyLoader } from "~/routes/p.$id_.history";
import { loader as postLink } from "~/routes/p.$id";
import { loader as profileLoader } from "~/routes/u.$id";
import { remindToAccept } from "~/threads/accept.server";
import { ANSWERS_PER_PAGE } from "~/threads/threads.server";
import { form, get, makeNetwork, makeUser, run, words } from "./helpers";

type Network = ReturnType<typeof makeNetwork>;
type Member = Awaited<ReturnType<typeof makeUser>>;

const QUESTION = {
  kind: "question",
  title: "Как объяснить восьмиклассникам закон Ома?",
  body: "Ученики путают силу тока и напряжение. Формула $I = U / R$ их не убеждает. Что помогло вам?",
  tags: "Физика, 8 класс, физика",
};

async function askQuestion(network: Network, asker: Member, fields: Partial<typeof QUESTION> = {}) {
  const response = await run(ask, form(`/n/${network.slug}/ask`, { ...QUESTION, ...fields }, { cookie: asker.cookie }), {
    slug: network.slug,
  });
  expect(response.status, await response.clone().text()).toBe(302);
  const location = response.headers.get("Location")!;
  const id = Number(/^\/t\/(\d+)-/.exec(location)![1]);
  return { id, location, param: location.slice(3) };
}

async function answer(threadParam: string, author: Member, body = "Аналогия с водопроводом: напряжение — это давление, ток — поток воды.") {
  return run(threadAction, form(`/t/${threadParam}`, { intent: "answer", body }, { cookie: author.cookie }), { thread: threadParam });
}

function postsOf(threadId: number) {
  return getDb().select().from(schema.posts).where(eq(schema.posts.threadId, threadId)).all();
}

async function page(param: string, cookie?: string, search = "") {
  const response = await run(threadLoader, get(`/t/${param}${search}`, { cookie }), { thread: param });
  return { response, data: response.status === 200 ? ((await response.json()) as Record<string, any>) : null };
}

async function setup() {
  const network = makeNetwork();
  const asker = await makeUser({ networkId: network.id });
  const colleague = await makeUser({ networkId: network.id });
  const moderator = await makeUser({ networkId: network.id, moderator: true });
  const outsider = await makeUser();
  return { network, asker, colleague, moderator, outsider };
}

describe("asking", () => {
  it("creates the thread, its question post, tags without duplicates, and an outbox row in one go", async () => {
    const { network, asker } = await setup();
    const { id, location } = await askQuestion(network, asker);
    expect(location).toBe(`/t/${id}-kak-obyasnit-vosmiklassnikam-zakon-oma`);
    const thread = getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!;
    expect(thread).toMatchObject({ kind: "question", networkId: network.id, authorId: asker.id, answerCount: 0 });
    const [opening] = postsOf(id);
    expect(opening).toMatchObject({ isOpening: true });
    expect(opening!.bodyHtml).toContain("<math");
    const tagNames = getDb()
      .select({ name: schema.tags.name })
      .from(schema.threadTags)
      .innerJoin(schema.tags, eq(schema.tags.id, schema.threadTags.tagId))
      .where(eq(schema.threadTags.threadId, id))
      .all()
      .map((t) => t.name)
      .sort();
    expect(tagNames).toEqual(["8 класс", "физика"]);
    const outbox = getDb()
      .select()
      .from(schema.searchOutbox)
      .where(and(eq(schema.searchOutbox.entity, "thread"), eq(schema.searchOutbox.entityId, id)))
      .all();
    expect(outbox.length).toBe(1);
  });

  it("refuses bad input field by field and keeps what was typed", async () => {
    const { network, asker } = await setup();
    const response = await run(
      ask,
      form(
        `/n/${network.slug}/ask`,
        { kind: "question", title: "Ом?", body: "коротко", tags: "a, b, c, d, e, f" },
        { cookie: asker.cookie },
      ),
      { slug: network.slug },
    );
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(words(result.error.title)).toEqual(["Не короче 10 символов."]);
    expect(words(result.error.body)).toEqual(["Не короче 20 символов."]);
    expect(words(result.error.tags)).toEqual(["Не больше 5 меток."]);
    expect(result.initialValue.body).toBe("коротко");
  });

  it("is for members only", async () => {
    const { network, outsider } = await setup();
    const response = await run(ask, form(`/n/${network.slug}/ask`, QUESTION, { cookie: outsider.cookie }), { slug: network.slug });
    expect(response.status).toBe(403);
  });

  it("refuses the same body twice within five minutes", async () => {
    const { network, asker } = await setup();
    await askQuestion(network, asker);
    const again = await run(
      ask,
      form(`/n/${network.slug}/ask`, { ...QUESTION, title: "Тот же вопрос ещё раз, другими словами" }, { cookie: asker.cookie }),
      { slug: network.slug },
    );
    expect(again.status).toBe(400);
    expect(((await again.json()) as { result: { error: Record<string, string[]> } }).result.error.body).toEqual(["errors.duplicatePost"]);
  });

  it("limits a brand-new account to three threads on its first day", async () => {
    const network = makeNetwork();
    const newcomer = await makeUser({ networkId: network.id });
    for (let i = 1; i <= 3; i += 1) await askQuestion(network, newcomer, { body: `${QUESTION.body} Вариант ${i}.` });
    const fourth = await run(
      ask,
      form(`/n/${network.slug}/ask`, { ...QUESTION, body: `${QUESTION.body} Вариант 4.` }, { cookie: newcomer.cookie }),
      { slug: network.slug },
    );
    expect(fourth.status).toBe(400);
    expect(words(((await fourth.json()) as { result: { error: Record<string, string[]> } }).result.error.body)).toEqual([
      "В первый день можно начать не больше 3 тем. Это защита от спама — завтра ограничение снимется.",
    ]);
  });

  it("shows a preview without saving", async () => {
    const { network, asker } = await setup();
    const before = getDb().select().from(schema.threads).all().length;
    const response = await run(ask, form(`/n/${network.slug}/ask`, { ...QUESTION, intent: "preview" }, { cookie: asker.cookie }), {
      slug: network.slug,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { preview: string }).preview).toContain("<math");
    expect(getDb().select().from(schema.threads).all().length).toBe(before);
  });
});

describe("reading a thread", () => {
  it("redirects a wrong or missing slug to the right address", async () => {
    const { network, asker } = await setup();
    const { id, location } = await askQuestion(network, asker);
    for (const param of [`${id}`, `${id}-wrong-slug`]) {
      const { response } = await page(param);
      expect(response.status).toBe(301);
      expect(response.headers.get("Location")).toBe(location);
    }
    expect((await page("999999999-nothing")).response.status).toBe(404);
    expect((await page("not-a-thread")).response.status).toBe(404);
  });

  it("hides threads of members-only networks from others", async () => {
    const network = makeNetwork("members");
    const asker = await makeUser({ networkId: network.id });
    const { param } = await askQuestion(network, asker);
    expect((await page(param)).response.status).toBe(403);
    expect((await page(param, asker.cookie)).response.status).toBe(200);
  });

  it("paginates answers and a link to one post lands on its page", async () => {
    const { network, asker } = await setup();
    const { id, param } = await askQuestion(network, asker);
    const writers = await Promise.all(Array.from({ length: 5 }, () => makeUser({ networkId: network.id })));
    const total = ANSWERS_PER_PAGE + 3;
    for (let i = 0; i < total; i += 1) {
      await answer(param, writers[i % writers.length]!, `Ответ номер ${i + 1}: попробуйте опыт с лампочкой и батарейкой.`);
    }
    const first = await page(param);
    expect(first.data!.answers.length).toBe(ANSWERS_PER_PAGE);
    expect(first.data!.pageCount).toBe(2);
    const last = postsOf(id).at(-1)!;
    const link = await run(postLink, get(`/p/${last.id}`), { id: String(last.id) });
    expect(link.headers.get("Location")).toBe(`/t/${id}?post=${last.id}`);
    const { response } = await page(param, undefined, `?post=${last.id}`);
    expect(response.headers.get("Location")).toBe(`/t/${param}?page=2#post-${last.id}`);
    const second = await page(param, undefined, "?page=2");
    expect(second.data!.answers.map((a: { id: number }) => a.id)).toContain(last.id);
  });

  it("carries a QAPage description for search engines", async () => {
    const { network, asker } = await setup();
    const { param } = await askQuestion(network, asker);
    const { data } = await page(param);
    expect(data!.jsonLd["@type"]).toBe("QAPage");
    expect(data!.jsonLd.mainEntity.name).toBe(QUESTION.title);
    expect(data!.canonical).toMatch(new RegExp(`/t/${param}$`));
  });
});

describe("answering and voting", () => {
  it("an answer counts, moves the thread up and tells the asker", async () => {
    const { network, asker, colleague } = await setup();
    const { id, param } = await askQuestion(network, asker);
    const response = await answer(param, colleague);
    expect(response.status).toBe(302);
    const thread = getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!;
    expect(thread.answerCount).toBe(1);
    const notes = getDb().select().from(schema.notifications).where(eq(schema.notifications.userId, asker.id)).all();
    expect(notes.map((n) => n.kind)).toContain("answer");
  });

  it("outsiders cannot answer", async () => {
    const { network, asker, outsider } = await setup();
    const { param } = await askQuestion(network, asker);
    expect((await answer(param, outsider)).status).toBe(403);
  });

  it("one vote per user per post, changeable, never on one's own post", async () => {
    const { network, asker, colleague, moderator } = await setup();
    const { id, param } = await askQuestion(network, asker);
    await answer(param, colleague);
    const answerPost = postsOf(id).find((p) => !p.isOpening)!;
    const voteOn = (who: Member, postId: number, value: string) =>
      run(threadAction, form(`/t/${param}`, { intent: "vote", postId: String(postId), value }, { cookie: who.cookie }), { thread: param });
    expect((await voteOn(asker, answerPost.id, "1")).status).toBe(302);
    expect((await voteOn(asker, answerPost.id, "1")).status).toBe(302);
    expect((await voteOn(moderator, answerPost.id, "-1")).status).toBe(302);
    expect(postsOf(id).find((p) => p.id === answerPost.id)!.score).toBe(0);
    await voteOn(moderator, answerPost.id, "1");
    expect(postsOf(id).find((p) => p.id === answerPost.id)!.score).toBe(2);
    await voteOn(moderator, answerPost.id, "0");
    expect(postsOf(id).find((p) => p.id === answerPost.id)!.score).toBe(1);
    expect((await voteOn(colleague, answerPost.id, "1")).status).toBe(403);
    const opening = postsOf(id).find((p) => p.isOpening)!;
    await voteOn(colleague, opening.id, "-1");
    expect(getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!.score).toBe(-1);
  });
});

describe("accepting an answer", () => {
  async function answered() {
    const people = await setup();
    const { id, param } = await askQuestion(people.network, people.asker);
    await answer(param, people.colleague);
    await answer(param, people.moderator, "Попросите учеников собрать цепь из батарейки и двух лампочек, и сравнить.");
    const [first, second] = postsOf(id).filter((p) => !p.isOpening);
    return { ...people, id, param, first: first!, second: second! };
  }
  const accept = (param: string, who: Member, postId: number, comment = "Аналогия с водой сработала в 8 «Б»!") =>
    run(threadAction, form(`/t/${param}`, { intent: "accept", postId: String(postId), comment }, { cookie: who.cookie }), {
      thread: param,
    });

  it("the asker accepts with a comment; the thread is solved and the answerer told", async () => {
    const { asker, colleague, id, param, first } = await answered();
    expect((await accept(param, asker, first.id)).status).toBe(302);
    const thread = getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!;
    expect(thread).toMatchObject({
      acceptedPostId: first.id,
      acceptedById: asker.id,
      acceptedComment: "Аналогия с водой сработала в 8 «Б»!",
    });
    const notes = getDb().select().from(schema.notifications).where(eq(schema.notifications.userId, colleague.id)).all();
    expect(notes.map((n) => n.kind)).toContain("accepted");
    const { data } = await page(param);
    expect(data!.accepted.id).toBe(first.id);
    expect(data!.answers.map((a: { id: number }) => a.id)).not.toContain(first.id);
  });

  it("needs a comment of 10 to 500 characters", async () => {
    const { asker, param, first } = await answered();
    const response = await accept(param, asker, first.id, "спасибо");
    expect(response.status).toBe(400);
    expect(words(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error.comment)).toEqual([
      "Не короче 10 символов.",
    ]);
  });

  it("a moderator may accept; a colleague and an outsider may not", async () => {
    const { moderator, colleague, outsider, param, first, second } = await answered();
    expect((await accept(param, colleague, first.id)).status).toBe(403);
    expect((await accept(param, outsider, first.id)).status).toBe(403);
    expect((await accept(param, moderator, second.id)).status).toBe(302);
  });

  it("the assigned mentor may accept", async () => {
    const { network, id, param, first } = await answered();
    const mentor = await makeUser({ networkId: network.id, mentor: true });
    expect((await accept(param, mentor, first.id)).status).toBe(403);
    // The network had no mentor when the question was asked, so it waits in the moderators' queue: give it to this one.
    getDb()
      .update(schema.mentorAssignments)
      .set({ mentorId: mentor.id })
      .where(and(eq(schema.mentorAssignments.threadId, id), eq(schema.mentorAssignments.status, "open")))
      .run();
    expect((await accept(param, mentor, first.id)).status).toBe(302);
  });

  it("accepting another answer replaces the first; un-accepting clears it", async () => {
    const { asker, id, param, first, second } = await answered();
    await accept(param, asker, first.id);
    await accept(param, asker, second.id);
    expect(getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!.acceptedPostId).toBe(second.id);
    await run(threadAction, form(`/t/${param}`, { intent: "unaccept" }, { cookie: asker.cookie }), { thread: param });
    expect(getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!.acceptedPostId).toBeNull();
  });

  it("the question itself cannot be accepted", async () => {
    const { asker, id, param } = await answered();
    const opening = postsOf(id).find((p) => p.isOpening)!;
    expect((await accept(param, asker, opening.id)).status).toBe(400);
  });

  it("'I have this question too' counts, and those members hear about the accepted answer", async () => {
    const { network, asker, colleague, id, param, second } = await answered();
    const sameQuestion = await makeUser({ networkId: network.id });
    const meToo = (who: Member, intent = "metoo") =>
      run(threadAction, form(`/t/${param}`, { intent }, { cookie: who.cookie }), { thread: param });
    expect((await meToo(sameQuestion)).status).toBe(302);
    expect((await meToo(asker)).status).toBe(403);
    expect(getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!.meTooCount).toBe(1);
    await accept(param, asker, second.id);
    const notes = getDb().select().from(schema.notifications).where(eq(schema.notifications.userId, sameQuestion.id)).all();
    expect(notes.map((n) => n.kind)).toContain("solved");
    await meToo(sameQuestion, "metoo-undo");
    expect(getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!.meTooCount).toBe(0);
    expect(colleague.id).toBeGreaterThan(0);
  });

  it("reminds the asker two days after the first answer, once, even when run twice", async () => {
    const { asker, id } = await answered();
    const firstAnswer = postsOf(id).filter((p) => !p.isOpening)[0]!.createdAt;
    const reminders = () =>
      getDb()
        .select()
        .from(schema.notifications)
        .where(and(eq(schema.notifications.threadId, id), eq(schema.notifications.kind, "accept_reminder")))
        .all();
    remindToAccept(new Date(firstAnswer.getTime() + 47 * 3600_000));
    expect(reminders()).toHaveLength(0);
    const later = new Date(firstAnswer.getTime() + 49 * 3600_000);
    remindToAccept(later);
    remindToAccept(later);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.userId).toBe(asker.id);
  });
});

describe("editing", () => {
  it("keeps the previous version, marks the post edited, and renames the thread", async () => {
    const { network, asker, moderator, colleague } = await setup();
    const { id, param } = await askQuestion(network, asker);
    const opening = postsOf(id).find((p) => p.isOpening)!;
    const newBody = `${QUESTION.body} Дополнение: класс слабый.`;
    const response = await run(
      editAction,
      form(`/p/${opening.id}/edit`, { title: "Закон Ома для слабого восьмого класса", body: newBody }, { cookie: asker.cookie }),
      { id: String(opening.id) },
    );
    expect(response.status).toBe(302);
    const thread = getDb().select().from(schema.threads).where(eq(schema.threads.id, id)).get()!;
    expect(thread.slug).toBe("zakon-oma-dlya-slabogo-vosmogo-klassa");
    expect(postsOf(id).find((p) => p.isOpening)!.editedAt).not.toBeNull();
    const old = await page(param);
    expect(old.response.status).toBe(301);
    const history = await run(historyLoader, get(`/p/${opening.id}/history`, { cookie: moderator.cookie }), { id: String(opening.id) });
    const revisions = ((await history.json()) as { revisions: Array<{ bodySource: string; title: string }> }).revisions;
    expect(revisions[0]).toMatchObject({ bodySource: QUESTION.body, title: QUESTION.title });
    const denied = await run(
      editAction,
      form(`/p/${opening.id}/edit`, { body: "Чужая правка длиной больше двадцати." }, { cookie: colleague.cookie }),
      { id: String(opening.id) },
    );
    expect(denied.status).toBe(403);
  });

  it("refuses a reason over 200 characters next to its field, in Russian, keeping what was typed", async () => {
    const { network, asker } = await setup();
    const { id } = await askQuestion(network, asker);
    const opening = postsOf(id).find((p) => p.isOpening)!;
    const reason = "Уточнила условие задачи и добавила пример. ".repeat(6);
    expect([...reason].length).toBeGreaterThan(200);
    const body = `${QUESTION.body} Дополнение: пример с лампочкой.`;
    const response = await run(
      editAction,
      form(`/p/${opening.id}/edit`, { title: QUESTION.title, body, reason }, { cookie: asker.cookie }),
      { id: String(opening.id) },
    );
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(words(result.error.reason)).toEqual(["Не длиннее 200 символов."]);
    expect(Object.keys(result.error)).toEqual(["reason"]);
    expect(result.initialValue.reason).toBe(reason);
    expect(result.initialValue.body).toBe(body);
    expect(postsOf(id).find((p) => p.isOpening)!.editedAt).toBeNull();
  });
});

describe("lists", () => {
  it("filter by unanswered, unsolved, solved, mine, my answers and tag, with counts", async () => {
    const { network, asker, colleague } = await setup();
    const a = await askQuestion(network, asker, {
      title: "Первый вопрос про дроби в пятом классе",
      body: "Как объяснить сложение дробей с разными знаменателями?",
      tags: "математика",
    });
    const b = await askQuestion(network, asker, { title: "Второй вопрос про закон Ома и цепи", tags: "физика" });
    await askQuestion(network, colleague, {
      kind: "discussion",
      title: "Обсуждение: домашние задания летом",
      body: "Задаёте ли вы домашние задания на лето, и зачем?",
      tags: "методика",
    });
    await answer(a.param, colleague, "Нарисуйте пиццу, разрезанную на разное число кусков.");
    expect((await answer(b.param, colleague)).status).toBe(302);
    const first = postsOf(a.id).find((p) => !p.isOpening)!;
    await run(
      threadAction,
      form(
        `/t/${a.param}`,
        { intent: "accept", postId: String(first.id), comment: "Объяснение через пиццу помогло." },
        { cookie: asker.cookie },
      ),
      { thread: a.param },
    );

    const list = async (search: string, who: Member | null = asker) => {
      const response = await run(networkLoader, get(`/n/${network.slug}${search}`, { cookie: who?.cookie }), { slug: network.slug });
      return (await response.json()) as {
        list: { rows: Array<{ id: number; title: string; solved: boolean }>; counts: Record<string, number>; total: number };
      };
    };
    const all = await list("");
    expect(all.list.counts).toEqual({ active: 3, unanswered: 1, unsolved: 1, solved: 1, mine: 2, answered: 0 });
    expect((await list("?view=solved")).list.rows.map((r) => r.id)).toEqual([a.id]);
    expect((await list("?view=unsolved")).list.rows.map((r) => r.id)).toEqual([b.id]);
    expect((await list("?view=answered", colleague)).list.rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect((await list("?tag=физика")).list.rows.map((r) => r.id)).toEqual([b.id]);
    expect((await list("?view=nonsense")).list.total).toBe(3);
    const guest = await list("", null);
    expect(Object.keys(guest.list.counts)).toEqual(["active", "unanswered", "unsolved", "solved"]);
  });

  it("paginate", async () => {
    const network = makeNetwork();
    const writers = await Promise.all(Array.from({ length: 11 }, () => makeUser({ networkId: network.id })));
    for (let i = 0; i < 32; i += 1) {
      await askQuestion(network, writers[i % writers.length]!, {
        title: `Вопрос номер ${i + 1} о проверке тетрадей`,
        body: `${QUESTION.body} №${i}`,
      });
    }
    const second = await run(networkLoader, get(`/n/${network.slug}?page=2`), { slug: network.slug });
    const data = (await second.json()) as { list: { rows: unknown[]; page: number; pageCount: number; total: number } };
    expect(data.list).toMatchObject({ page: 2, pageCount: 2, total: 32 });
    expect(data.list.rows).toHaveLength(2);
  });
});

describe("profiles", () => {
  it("count questions, answers and accepted answers, and the tags where one helped", async () => {
    const { network, asker, colleague } = await setup();
    const { id, param } = await askQuestion(network, asker);
    await answer(param, colleague);
    const post = postsOf(id).find((p) => !p.isOpening)!;
    await run(
      threadAction,
      form(
        `/t/${param}`,
        { intent: "accept", postId: String(post.id), comment: "Очень понятное объяснение, спасибо!" },
        { cookie: asker.cookie },
      ),
      { thread: param },
    );
    const response = await run(profileLoader, get(`/u/${colleague.id}`), { id: String(colleague.id) });
    const data = (await response.json()) as {
      asked: number;
      answered: number;
      accepted: number;
      helpedMost: Array<{ name: string; score: number }>;
    };
    expect(data).toMatchObject({ asked: 0, answered: 1, accepted: 1 });
    expect(data.helpedMost.map((t) => t.name).sort()).toEqual(["8 класс", "физика"]);
    expect((await run(profileLoader, get("/u/99999999"), { id: "99999999" })).status).toBe(404);
  });
});
