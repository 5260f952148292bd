/**
 * The forum as the fault tests use it: established accounts written into the server's SQLite
 * file before it starts (with the project's own schema and password hashing), then signing in,
 * asking, answering and searching over HTTP as a browser without JavaScript would.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { migrateDatabase, openDatabase, schema } from "../../db/index";
import { hashPassword } from "~/auth/password.server";

export const NETWORK_SLUG = "fault";
const PASSWORD = "надёжная фраза для проверки сбоев";
/** Older than the new-account posting limits (app/posts/limits.server.ts): a load is not spam. */
const ACCOUNT_AGE_MS = 3 * 24 * 3600_000;
/** A request the server never answers counts as not acknowledged; this only stops a hung socket. */
const REQUEST_LIMIT_MS = 60_000;

export type Account = { email: string; password: string };

/**
 * Migrates the file and adds a public network with `count` teachers in it: its moderators, but for
 * the last `plain` ones, to whom the posting rate limits apply as to any teacher.
 */
export async function seedForum(databasePath: string, count: number, { plain = 0 } = {}): Promise<Account[]> {
  const { sqlite, db } = openDatabase(databasePath);
  try {
    migrateDatabase(db);
    const network = db
      .insert(schema.networks)
      .values({ slug: NETWORK_SLUG, name: "Сеть проверки сбоев", region: "Томская область", timeZone: "Asia/Tomsk" })
      .returning()
      .get();
    const passwordHash = await hashPassword(PASSWORD);
    const createdAt = new Date(Date.now() - ACCOUNT_AGE_MS);
    const accounts: Account[] = [];
    for (let i = 0; i < count; i += 1) {
      const email = `fault-${i}@example.org`;
      const user = db
        .insert(schema.users)
        .values({ email, displayName: `Учитель ${i}`, passwordHash, homeNetworkId: network.id, createdAt })
        .returning()
        .get();
      // The network's moderators post without the rate limits (postWithoutRateLimit): a load is
      // hundreds of posts a second from a few accounts, which the limits exist to refuse.
      db.insert(schema.memberships)
        .values({ userId: user.id, networkId: network.id, joinedAt: createdAt, isModerator: i < count - plain })
        .run();
      accounts.push({ email, password: PASSWORD });
    }
    return accounts;
  } finally {
    sqlite.close();
  }
}

export function post(baseUrl: string, path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: baseUrl,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
    signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
}

export async function signIn(baseUrl: string, account: Account): Promise<string> {
  const response = await post(baseUrl, "/login", { email: account.email, password: account.password, redirectTo: "/" });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("kollegi_session="));
  if (response.status !== 302 || !cookie) throw new Error(`Sign-in of ${account.email} answered ${response.status}`);
  return cookie.split(";")[0]!;
}

/** A post the server acknowledged (302 to where it now lives); `token` is a word only it contains. */
export type Acknowledged = { kind: "question" | "answer"; token: string; threadId: number; threadPath: string; postId: number | null };

/** Ten random letters: far from every other token by typo distance, so a search finds exactly its post. */
export function newToken(): string {
  return Array.from(crypto.randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join("");
}

type Outcome = { ok: true; post: Acknowledged } | { ok: false; status: number | "no answer" };

export async function ask(baseUrl: string, cookie: string, token = newToken()): Promise<Outcome> {
  const fields = {
    kind: "question",
    title: `Вопрос о проверке сбоев ${token}`,
    body: `Как вы готовитесь к сбоям на уроке? Метка ${token}.`,
    tags: "сбои",
    confirmed: "1",
    intent: "publish",
  };
  try {
    const response = await post(baseUrl, `/n/${NETWORK_SLUG}/ask`, fields, cookie);
    await response.arrayBuffer();
    const match = /^\/t\/(\d+)-[^?#]*/.exec(response.headers.get("location") ?? "");
    if (response.status !== 302 || !match) return { ok: false, status: response.status };
    return { ok: true, post: { kind: "question", token, threadId: Number(match[1]), threadPath: match[0], postId: null } };
  } catch {
    return { ok: false, status: "no answer" };
  }
}

export async function answer(baseUrl: string, cookie: string, thread: Acknowledged, token = newToken()): Promise<Outcome> {
  try {
    const response = await post(
      baseUrl,
      thread.threadPath,
      { intent: "answer", body: `Отвечаю по опыту своей школы, метка ${token}.` },
      cookie,
    );
    await response.arrayBuffer();
    const postId = /#post-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1];
    if (response.status !== 302 || !postId) return { ok: false, status: response.status };
    return { ok: true, post: { kind: "answer", token, threadId: thread.threadId, threadPath: thread.threadPath, postId: Number(postId) } };
  } catch {
    return { ok: false, status: "no answer" };
  }
}

/** Whether /search, as a reader meets it, lists the post's thread for the post's own token. */
export async function findable(baseUrl: string, post: Acknowledged): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/search?q=${post.token}`, { signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
    const html = await response.text();
    return html
      .split('class="thread-row"')
      .slice(1)
      .some((row) => row.includes(`href="${post.threadPath}"`));
  } catch {
    return false;
  }
}

/** The acknowledged posts that /search does not find yet. */
export async function notFindable(baseUrl: string, posts: Acknowledged[]): Promise<Acknowledged[]> {
  const missing: Acknowledged[] = [];
  for (const post of posts) if (!(await findable(baseUrl, post))) missing.push(post);
  return missing;
}

export type Load = {
  acknowledged: Acknowledged[];
  /** Answers other than a 302, by status ("no answer" when the connection failed). */
  refused: Record<string, number>;
  /** Resolves once every client has stopped. */
  stop: () => Promise<void>;
  done: Promise<void>;
};

/**
 * Teachers posting as fast as the server answers: each client asks a question now and then
 * and otherwise answers one of the questions asked so far. Runs until `posts` were attempted
 * or `stop()` is called.
 */
export function startLoad(baseUrl: string, cookies: string[], posts: number): Load {
  const acknowledged: Acknowledged[] = [];
  const questions: Acknowledged[] = [];
  const refused: Record<string, number> = {};
  let attempted = 0;
  let stopped = false;
  const client = async (cookie: string, n: number) => {
    for (let i = 0; !stopped && attempted < posts; i += 1) {
      attempted += 1;
      const thread = questions[(n * 7 + i * 13) % Math.max(1, questions.length)];
      const outcome = !thread || i % 5 === 0 ? await ask(baseUrl, cookie) : await answer(baseUrl, cookie, thread);
      if (outcome.ok) {
        acknowledged.push(outcome.post);
        if (outcome.post.kind === "question") questions.push(outcome.post);
      } else {
        refused[outcome.status] = (refused[outcome.status] ?? 0) + 1;
        // A dead server refuses at once: do not spin.
        if (outcome.status === "no answer") await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const done = Promise.all(cookies.map((cookie, n) => client(cookie, n))).then(() => undefined);
  return {
    acknowledged,
    refused,
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

/** Opens the server's database file beside it (WAL lets a reader in while it runs). */
export function inspect<T>(databasePath: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(databasePath, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

export function integrityCheck(databasePath: string): string {
  return inspect(databasePath, (sqlite) =>
    (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("\n"),
  );
}

export function pendingOutbox(databasePath: string): number {
  return inspect(
    databasePath,
    (sqlite) => (sqlite.prepare("SELECT count(*) AS n FROM search_outbox WHERE delivered_at IS NULL").get() as { n: number }).n,
  );
}

/** The acknowledged posts that are not in the database (questions by thread, answers by post id and text). */
export function missingFrom(databasePath: string, posts: Acknowledged[]): Acknowledged[] {
  return inspect(databasePath, (sqlite) => {
    const thread = sqlite.prepare(
      "SELECT 1 FROM threads t JOIN posts p ON p.thread_id = t.id AND p.is_opening = 1 WHERE t.id = ? AND t.title LIKE ?",
    );
    const answerRow = sqlite.prepare("SELECT 1 FROM posts WHERE id = ? AND thread_id = ? AND body_source LIKE ?");
    return posts.filter((p) =>
      p.kind === "question" ? !thread.get(p.threadId, `%${p.token}%`) : !answerRow.get(p.postId, p.threadId, `%${p.token}%`),
    );
  });
}
