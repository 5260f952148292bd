/**
 * `npm run import` against the worker's real SQLite file, with the real
 * Mathematics Educators Stack Exchange data (397 threads, 1,507 answers, 189 accepted).
 */
import fs from "node:fs";
import path from "node:path";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb, schema } from "../../db/index";
import { verifyPassword } from "~/auth/password.server";
import { importJsonl, UnknownNetworkError, type ImportResult } from "~/import/import.server";
import { makeNetwork } from "./helpers";

const { threads, posts, users, memberships, tags, threadTags, searchOutbox } = schema;

const DATA = path.resolve(__dirname, "../fixtures/matheducators-2014.jsonl");
const LICENCE = "CC BY-SA 3.0";
const lines = fs.readFileSync(DATA, "utf8").split("\n").filter(Boolean);

type SourceThread = {
  source_id: string;
  title: string;
  created_at: string;
  tags: string[];
  answers: { body: string; score: number; accepted: boolean; created_at: string }[];
};

let network: ReturnType<typeof makeNetwork>;
let first: ImportResult;

beforeAll(() => {
  network = makeNetwork();
  first = importJsonl(network.slug, DATA, { licence: LICENCE });
}, 120_000);

const threadIds = () =>
  getDb()
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.networkId, network.id))
    .all()
    .map((t) => t.id);

test("the Mathematics Educators file imports 397 threads with 1,507 answers, 189 of them accepted", () => {
  expect(first).toEqual({ imported: 397, answers: 1507, skipped: 0, errors: [] });
  const db = getDb();
  const ids = threadIds();
  expect(ids).toHaveLength(397);
  const postCount = (opening: boolean) =>
    db
      .select({ n: count() })
      .from(posts)
      .where(and(inArray(posts.threadId, ids), eq(posts.isOpening, opening)))
      .get()!.n;
  expect(postCount(true)).toBe(397);
  expect(postCount(false)).toBe(1507);
  const accepted = db.select({ id: threads.acceptedPostId }).from(threads).where(inArray(threads.id, ids)).all();
  expect(accepted.filter((t) => t.id !== null)).toHaveLength(189);
  const answerCounts = db.select({ n: threads.answerCount }).from(threads).where(inArray(threads.id, ids)).all();
  expect(answerCounts.reduce((sum, t) => sum + t.n, 0)).toBe(1507);
});

test("every imported thread is queued once for search", () => {
  const queued = getDb()
    .select({ id: searchOutbox.entityId })
    .from(searchOutbox)
    .where(and(eq(searchOutbox.entity, "thread"), inArray(searchOutbox.entityId, threadIds())))
    .all();
  expect(queued).toHaveLength(397);
});

test("the source's 148 tags become the network's tags, lower-cased, at most 5 per thread", () => {
  const db = getDb();
  const names = db.select({ name: tags.name }).from(tags).where(eq(tags.networkId, network.id)).all();
  expect(names).toHaveLength(148);
  expect(names.every(({ name }) => name === name.toLowerCase())).toBe(true);
  const links = db.select({ threadId: threadTags.threadId }).from(threadTags).where(inArray(threadTags.threadId, threadIds())).all();
  expect(links).toHaveLength(1016);
  const perThread = new Map<number, number>();
  for (const { threadId } of links) perThread.set(threadId, (perThread.get(threadId) ?? 0) + 1);
  expect(Math.max(...perThread.values())).toBeLessThanOrEqual(5);
});

test("the site is one imported account that can never sign in, a member of the network", async () => {
  const db = getDb();
  const authors = new Set(
    db
      .select({ authorId: threads.authorId })
      .from(threads)
      .where(eq(threads.networkId, network.id))
      .all()
      .map((t) => t.authorId),
  );
  expect(authors.size).toBe(1);
  const account = db
    .select()
    .from(users)
    .where(eq(users.id, [...authors][0]!))
    .get()!;
  expect(account).toMatchObject({
    email: "imported+matheducators.stackexchange.com@kollegi.invalid",
    displayName: "Mathematics Educators Stack Exchange",
    isImported: true,
  });
  expect(await verifyPassword(account.passwordHash, "")).toBe(false);
  expect(await verifyPassword(account.passwordHash, account.passwordHash)).toBe(false);
  const member = db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, account.id), eq(memberships.networkId, network.id)))
    .get();
  expect(member).toBeDefined();
});

test("an imported thread keeps its source link, licence, dates, accepted answer and the answers' dates and scores", () => {
  const source = lines.map((line) => JSON.parse(line) as SourceThread).find((t) => t.source_id.endsWith("/q/13"))!;
  const db = getDb();
  const thread = db.select().from(threads).where(eq(threads.sourceUrl, source.source_id)).get()!;
  expect(thread).toMatchObject({
    title: "Counterexamples in first year calculus",
    slug: "counterexamples-in-first-year-calculus",
    kind: "question",
    sourceLicence: LICENCE,
    createdAt: new Date(source.created_at),
    answerCount: 3,
    score: 0,
    acceptedComment: "Принятый ответ на Mathematics Educators Stack Exchange",
    acceptedById: thread.authorId,
  });
  const threadPosts = db.select().from(posts).where(eq(posts.threadId, thread.id)).orderBy(asc(posts.id)).all();
  const [question, ...answers] = threadPosts;
  expect(question).toMatchObject({ isOpening: true, createdAt: new Date(source.created_at) });
  expect(answers.map((a) => [a.createdAt.toISOString(), a.score])).toEqual(source.answers.map((a) => [a.created_at, a.score]));
  const acceptedIndex = source.answers.findIndex((a) => a.accepted);
  expect(thread.acceptedPostId).toBe(answers[acceptedIndex]!.id);
  expect(thread.acceptedAt).toEqual(new Date(source.answers[acceptedIndex]!.created_at));
  const lastAnswer = source.answers[source.answers.length - 1]!;
  expect(thread.lastActivityAt).toEqual(new Date(lastAnswer.created_at));
});

test("Stack Exchange HTML becomes Markdown whose formulas render as MathML", () => {
  const thread = getDb()
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.sourceUrl, "https://matheducators.stackexchange.com/q/13"))
    .get()!;
  const answers = getDb().select().from(posts).where(eq(posts.threadId, thread.id)).all();
  const withMath = answers.find((p) => p.bodySource.includes("$"))!;
  expect(withMath.bodySource).not.toMatch(/<p>|\\_/);
  expect(withMath.bodyHtml).toContain("<math>");
});

test("site-relative Stack Exchange links become absolute", () => {
  const linked = getDb()
    .select({ source: posts.bodySource })
    .from(posts)
    .where(inArray(posts.threadId, threadIds()))
    .all()
    .filter((p) => p.source.includes("matheducators.stackexchange.com/"));
  expect(linked.length).toBeGreaterThan(0);
  expect(linked.some((p) => /\]\(\/(?!\/)/.test(p.source))).toBe(false);
});

test("importing the same file again adds nothing", () => {
  const again = importJsonl(network.slug, DATA, { licence: LICENCE });
  expect(again).toEqual({ imported: 0, answers: 0, skipped: 397, errors: [] });
  expect(threadIds()).toHaveLength(397);
});

test("malformed lines are reported by number and skipped; the lines around them are imported", () => {
  const copy = (index: number) => {
    const thread = JSON.parse(lines[index]!) as SourceThread;
    return JSON.stringify({ ...thread, source_id: `https://copies.example/q/${process.pid}-${index}` });
  };
  const { title: _title, ...untitled } = JSON.parse(copy(3)) as SourceThread;
  const file = [
    copy(0),
    copy(1),
    '{"source_id": "https://copies.example/q/broken", "title": ',
    copy(2),
    JSON.stringify(untitled),
    "",
    copy(4),
  ];
  const result = importJsonl(network.slug, file);
  expect(result.imported).toBe(4);
  expect(result.errors.map((e) => e.line)).toEqual([3, 5]);
  expect(result.errors[0]!.message).toMatch(/^not JSON/);
  expect(result.errors[1]!.message).toMatch(/^title: /);
  const copied = getDb()
    .select({ licence: threads.sourceLicence })
    .from(threads)
    .where(eq(threads.sourceUrl, `https://copies.example/q/${process.pid}-4`))
    .get();
  expect(copied).toEqual({ licence: "CC BY-SA" });
});

test("a thread with two accepted answers or a bad date is refused whole", () => {
  const thread = JSON.parse(lines[4]!) as SourceThread;
  const twoAccepted = {
    ...thread,
    source_id: `https://copies.example/q/${process.pid}-two`,
    answers: thread.answers.map((a) => ({ ...a, accepted: true })),
  };
  const badDate = { ...thread, source_id: `https://copies.example/q/${process.pid}-date`, created_at: "13.03.2014" };
  const result = importJsonl(network.slug, [JSON.stringify(twoAccepted), JSON.stringify(badDate)]);
  expect(result.imported).toBe(0);
  expect(result.errors).toEqual([
    { line: 1, message: "answers: more than one answer is accepted" },
    { line: 2, message: "created_at: must be an ISO 8601 time" },
  ]);
  const written = getDb()
    .select({ id: threads.id })
    .from(threads)
    .where(inArray(threads.sourceUrl, [twoAccepted.source_id, badDate.source_id]))
    .all();
  expect(written).toEqual([]);
});

test("an unknown network is a clear error", () => {
  expect(() => importJsonl("no-such-network", DATA)).toThrow(UnknownNetworkError);
  expect(() => importJsonl("no-such-network", DATA)).toThrow('No network with the slug "no-such-network"');
});
