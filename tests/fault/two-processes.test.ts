/**
 * Two server processes on one SQLite file (issue 11, finding 7; the way one worker per core will
 * run): writes sent to both at once give no 500s and no duplicates, and every check that decides a
 * write (the same text twice, the rate limit, accepting once) holds across the processes.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "../bench/server";
import { ask, inspect, integrityCheck, missingFrom, post, seedForum, signIn, startLoad, type Account, type Acknowledged } from "./forum";
import { logTail, root, scenarioDir, startKollegi, stopLeftovers, type FaultServer } from "./server";

const MODERATORS = 4;
const PLAIN = 1;
const POSTS = 400;

let dir: string;
let accounts: Account[];
let first: FaultServer;
let second: RunningServer & { logFile: string };

beforeAll(async () => {
  dir = scenarioDir("two-processes");
  accounts = await seedForum(path.join(dir, "kollegi.db"), MODERATORS + PLAIN, { plain: PLAIN });
  first = await startKollegi(dir);
  // The second process on the same database; it gets no search of its own (the first one's
  // Meilisearch owns the data folder), which the writes here do not need.
  const logFile = path.join(dir, "second.log");
  second = { ...(await startServer({ cwd: root, databasePath: first.databasePath, logFile })), logFile };
});

afterAll(async () => {
  await second?.stop();
  await first?.stop();
  stopLeftovers(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What a server wrote about database trouble: a busy or locked database must never reach the log. */
const databaseErrors = (logFile: string) =>
  fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => /SQLITE_|database is locked/i.test(line));

it("takes a posting load through both processes at once with no 500s and every acknowledged post stored", async () => {
  const [a, b] = [first.baseUrl, second.baseUrl];
  const cookies = await Promise.all(accounts.slice(0, MODERATORS).map((account) => signIn(a, account)));
  const loads = [startLoad(a, cookies.slice(0, 2), POSTS / 2), startLoad(b, cookies.slice(2), POSTS / 2)];
  await Promise.all(loads.map((load) => load.done));
  const acknowledged = loads.flatMap((load) => load.acknowledged);
  const refused = loads.map((load) => load.refused);
  console.info(`two processes: ${acknowledged.length} posts acknowledged, refused ${JSON.stringify(refused)}`);

  expect(refused).toEqual([{}, {}]);
  expect(acknowledged).toHaveLength(POSTS);
  expect(missingFrom(first.databasePath, acknowledged)).toEqual([]);
  expect(integrityCheck(first.databasePath)).toBe("ok");
  expect(databaseErrors(first.logFile)).toEqual([]);
  expect(databaseErrors(second.logFile)).toEqual([]);
});

async function aQuestion(baseUrl: string, cookie: string): Promise<Acknowledged> {
  const asked = await ask(baseUrl, cookie);
  if (!asked.ok) throw new Error(`asking answered ${asked.status}`);
  return asked.post;
}

it("stores twenty identical answers sent to both processes at once once", async () => {
  const cookieA = await signIn(first.baseUrl, accounts[0]!);
  const cookieB = await signIn(second.baseUrl, accounts[0]!);
  const thread = await aQuestion(first.baseUrl, cookieA);
  const body = "Одинаковый ответ, отправленный двадцать раз подряд из двух вкладок.";
  const statuses = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const response = await post(
        i % 2 ? second.baseUrl : first.baseUrl,
        thread.threadPath,
        { intent: "answer", body },
        i % 2 ? cookieB : cookieA,
      );
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const rows = inspect(first.databasePath, (sqlite) =>
    sqlite.prepare("SELECT count(*) AS n FROM posts WHERE thread_id = ? AND body_source = ?").get(thread.threadId, body),
  ) as { n: number };
  expect(rows.n).toBe(1);
  expect(statuses.filter((s) => s === 302)).toHaveLength(1);
  // The others are told it is a duplicate, next to the field: a 400 page, never a 500.
  expect(statuses.filter((s) => s === 400)).toHaveLength(19);
});

it("holds a teacher to the posting rate limit across both processes", async () => {
  const plain = accounts[MODERATORS]!;
  const moderatorCookie = await signIn(first.baseUrl, accounts[0]!);
  const thread = await aQuestion(first.baseUrl, moderatorCookie);
  const cookies = [await signIn(first.baseUrl, plain), await signIn(second.baseUrl, plain)];
  const statuses = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const response = await post(
        i % 2 ? second.baseUrl : first.baseUrl,
        thread.threadPath,
        { intent: "answer", body: `Совет номер ${i + 1} из двадцати.` },
        cookies[i % 2],
      );
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const stored = inspect(first.databasePath, (sqlite) =>
    sqlite
      .prepare("SELECT count(*) AS n FROM posts p JOIN users u ON u.id = p.author_id WHERE p.thread_id = ? AND u.email = ?")
      .get(thread.threadId, plain.email),
  ) as { n: number };
  expect(stored.n).toBe(10);
  expect(statuses.filter((s) => s === 302)).toHaveLength(10);
  expect(statuses.filter((s) => s === 400)).toHaveLength(10);
});

it("accepts an answer pressed five times on both processes once, and tells its author once", async () => {
  const [asker, helper] = accounts;
  const askerA = await signIn(first.baseUrl, asker!);
  const askerB = await signIn(second.baseUrl, asker!);
  const thread = await aQuestion(first.baseUrl, askerA);
  const answered = await post(
    first.baseUrl,
    thread.threadPath,
    { intent: "answer", body: "Проверяйте по одному критерию за раз." },
    await signIn(first.baseUrl, helper!),
  );
  const postId = /#post-(\d+)$/.exec(answered.headers.get("location") ?? "")?.[1];
  expect(postId).toBeDefined();
  const statuses = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const response = await post(
        i % 2 ? second.baseUrl : first.baseUrl,
        thread.threadPath,
        { intent: "accept", postId: postId!, comment: "Помогло: проверила всё за вечер." },
        i % 2 ? askerB : askerA,
      );
      await response.arrayBuffer();
      return response.status;
    }),
  );
  expect(statuses.every((s) => s === 302)).toBe(true);
  const told = inspect(first.databasePath, (sqlite) =>
    sqlite.prepare("SELECT count(*) AS n FROM notifications WHERE kind = 'accepted' AND post_id = ?").get(Number(postId)),
  ) as { n: number };
  expect(told.n).toBe(1);
  expect(databaseErrors(first.logFile), logTail(first)).toEqual([]);
  expect(databaseErrors(second.logFile)).toEqual([]);
});
