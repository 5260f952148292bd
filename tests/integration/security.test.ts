/**
 * Regression tests for what an attack on a running copy found (issue 11): each one failed
 * before its fix.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, migrateDatabase, openDatabase, schema } from "../../db/index";
import { demoAccountsFile, seedDemo, writeDemoAccounts } from "~/demo/accounts.server";
import { sessionTokenHash } from "~/auth/auth.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createAnswer } from "~/posts/posts.server";
import { loader as rootLoader } from "~/root";
import { action as loginAction, headers as loginHeaders } from "~/routes/login";
import { loader as postLink } from "~/routes/p.$id";
import { action as changePasswordAction } from "~/routes/settings.password";
import { action as threadAction } from "~/routes/t.$thread/route";
import { acceptAnswer } from "~/threads/accept.server";
import { createThread } from "~/threads/threads.server";
import { envSchema } from "~/env.server";
import { action as register, loader as registerLoader } from "~/routes/register";
import { form, get, makeNetwork, makeUser, run, uniqueEmail } from "./helpers";

const GOOD_PASSWORD = "тёплый ветер над школой";

function signUp(homeNetwork: string, overrides: Record<string, string> = {}) {
  return form("/register", {
    email: uniqueEmail(),
    password: GOOD_PASSWORD,
    displayName: "Незнакомец",
    homeNetwork,
    school: "",
    subjects: "",
    ...overrides,
  });
}

describe("members-only networks at sign-up", () => {
  it("are not offered as a home network", async () => {
    const closed = makeNetwork("members");
    const open = makeNetwork("public");
    const response = await run(registerLoader, get("/register"));
    const { networks } = (await response.json()) as { networks: { value: string }[] };
    const offered = networks.map((n) => n.value);
    expect(offered).toContain(open.slug);
    expect(offered).not.toContain(closed.slug);
  });

  it("refuse a crafted sign-up: no account, no membership, a message next to the field", async () => {
    const closed = makeNetwork("members");
    const request = signUp(closed.slug);
    const email = new URLSearchParams(await request.clone().text()).get("email")!;
    const response = await run(register, request);
    expect(response.status).toBe(400);
    const reply = (await response.json()) as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error.homeNetwork).toEqual(["errors.networkByInvitation"]);
    expect(reply.initialValue.displayName).toBe("Незнакомец");
    expect(getDb().select().from(schema.users).where(eq(schema.users.email, email)).get()).toBeUndefined();
    expect(getDb().select().from(schema.memberships).where(eq(schema.memberships.networkId, closed.id)).all()).toEqual([]);
  });
});

describe("demo data", () => {
  it("is not made by a production start that did not ask for it", () => {
    expect(envSchema.parse({}).SEED_DEMO).toBe("false");
  });

  it("gets passwords made for this database alone, written to a file only its owner reads", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kollegi-demo-"));
    const { sqlite, db } = openDatabase(path.join(dir, "kollegi.db"));
    migrateDatabase(db);
    const accounts = await seedDemo(db, hashPassword);
    const admin = accounts.find((a) => a.email === "admin@kollegi.test")!;
    expect(admin.role).toBe("admin");
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
    for (const account of accounts) {
      const { passwordHash } = db.select().from(schema.users).where(eq(schema.users.email, account.email)).get()!;
      expect(await verifyPassword(passwordHash, account.password)).toBe(true);
      // The passwords the README once printed open nothing.
      for (const published of ["kollegi-admin-demo", "kollegi-moderator-demo", "kollegi-mentor-demo", "kollegi-teacher-demo"]) {
        expect(await verifyPassword(passwordHash, published)).toBe(false);
      }
    }
    const file = demoAccountsFile(path.join(dir, "kollegi.db"));
    writeDemoAccounts(file, accounts);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toContain(`${admin.password}  admin`);
    expect(await seedDemo(db, hashPassword)).toEqual([]);
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

const LONG_AGO = new Date(Date.now() - 400 * 24 * 60 * 60_000);

/** A member of some years' standing: the new-account limits are behind them. */
async function established(networkId: number, options: { moderator?: boolean } = {}) {
  const user = await makeUser({ networkId, ...options });
  getDb().update(schema.users).set({ createdAt: LONG_AGO }).where(eq(schema.users.id, user.id)).run();
  return user;
}

function question(network: { id: number }, authorId: number, title = "Как проверить тетради за вечер?") {
  const result = createThread({
    kind: "question",
    title,
    body: "Сорок тетрадей, один вечер. Как вы успеваете?",
    tags: ["проверка"],
    networkId: network.id,
    authorId,
  });
  if (!result.ok) throw new Error(result.error);
  return result.thread;
}

describe("password guessing", () => {
  const login = (email: string, password: string, ip: string) =>
    run(loginAction, form("/login", { email, password }), {}, { clientIp: ip });

  it("slows the guesser without locking out the teacher at another computer", async () => {
    const teacher = await makeUser();
    for (let i = 0; i < 5; i += 1) expect((await login(teacher.email, "угадываю пароль", "198.51.100.20")).status).toBe(400);
    const guesser = await login(teacher.email, teacher.password, "198.51.100.20");
    expect(guesser.status).toBe(429);
    expect(Number(guesser.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await login(teacher.email, teacher.password, "203.0.113.50")).status).toBe(302);
  });

  it("passes Retry-After on to a page rendered without JavaScript", () => {
    const actionHeaders = new Headers({ "Retry-After": "30" });
    const headers = new Headers(
      loginHeaders({ actionHeaders, loaderHeaders: new Headers(), parentHeaders: new Headers(), errorHeaders: undefined }),
    );
    expect(headers.get("Retry-After")).toBe("30");
  });

  it("throttles the current password of the password form like a login", async () => {
    const teacher = await makeUser();
    const change = (currentPassword: string) =>
      run(
        changePasswordAction,
        form("/settings/password", { currentPassword, newPassword: "тёплый ветер над школой" }, { cookie: teacher.cookie }),
        {},
        { clientIp: "198.51.100.30" },
      );
    for (let i = 0; i < 5; i += 1) expect((await change("угадываю пароль")).status).toBe(400);
    const blocked = await change(teacher.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const reply = (await blocked.json()) as { result: { error: Record<string, string[]> } };
    expect(reply.result.error.currentPassword?.[0]).toMatch(/^errors\.throttled\|/);
  });
});

describe("mass sign-up", () => {
  it("is slowed per address, and another address still signs up", async () => {
    const network = makeNetwork();
    const from = (ip: string) => run(register, signUp(network.slug), {}, { clientIp: ip });
    for (let i = 0; i < 20; i += 1) expect((await from("198.51.100.40")).status).toBe(302);
    const refused = await from("198.51.100.40");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { initialValue: Record<string, string> }).initialValue.displayName).toBe("Незнакомец");
    expect((await from("198.51.100.41")).status).toBe(302);
  });
});

describe("posting rate", () => {
  it("holds an established account to ten posts a minute", async () => {
    const network = makeNetwork();
    const asker = await established(network.id);
    const author = await established(network.id);
    const thread = question(network, asker.id);
    const now = new Date();
    for (let i = 0; i < 10; i += 1) {
      expect(createAnswer({ threadId: thread.id, authorId: author.id, body: `Ответ ${i}: начните с самых слабых работ.` }, now).ok).toBe(
        true,
      );
    }
    expect(createAnswer({ threadId: thread.id, authorId: author.id, body: "Одиннадцатый ответ за минуту." }, now)).toEqual({
      ok: false,
      field: "body",
      error: "errors.postingTooFast|10",
    });
    const aMinuteLater = new Date(now.getTime() + 61_000);
    expect(createAnswer({ threadId: thread.id, authorId: author.id, body: "Через минуту можно снова." }, aMinuteLater).ok).toBe(true);
  });

  it("counts through the answer form, and leaves the network's moderators free", async () => {
    const network = makeNetwork();
    const asker = await established(network.id);
    const author = await established(network.id);
    const moderator = await established(network.id, { moderator: true });
    const thread = question(network, asker.id);
    const param = `${thread.id}-${thread.slug}`;
    const answer = (who: { cookie: string }, body: string) =>
      run(threadAction, form(`/t/${param}`, { intent: "answer", body }, { cookie: who.cookie }), { thread: param });
    for (let i = 0; i < 10; i += 1) expect((await answer(author, `Совет номер ${i + 1}: проверяйте по критериям.`)).status).toBe(302);
    const refused = await answer(author, "Ещё один совет подряд.");
    expect(refused.status).toBe(400);
    const reply = (await refused.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(reply.result.error.body).toEqual(["errors.postingTooFast|10"]);
    expect(reply.result.initialValue.body).toBe("Ещё один совет подряд.");
    for (let i = 0; i < 12; i += 1) expect((await answer(moderator, `Модератор отвечает ${i + 1}.`)).status).toBe(302);
  });
});

describe("accepting an answer", () => {
  it("tells the answerer once, however many times it is pressed", async () => {
    const network = makeNetwork();
    const asker = await established(network.id);
    const helper = await established(network.id);
    const thread = question(network, asker.id);
    const answer = createAnswer({ threadId: thread.id, authorId: helper.id, body: "Проверяйте по одному критерию за раз." });
    if (!answer.ok) throw new Error(answer.error);
    for (let i = 0; i < 5; i += 1) {
      expect(acceptAnswer({ threadId: thread.id, postId: answer.postId, actorId: asker.id, comment: "Помогло: успела за вечер." })).toEqual(
        { ok: true },
      );
    }
    const told = getDb()
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, helper.id), eq(schema.notifications.kind, "accepted")))
      .all();
    expect(told).toHaveLength(1);
  });

  it("is refused on a removed thread, also to its asker", async () => {
    const network = makeNetwork();
    const asker = await established(network.id);
    const helper = await established(network.id);
    const thread = question(network, asker.id);
    const answer = createAnswer({ threadId: thread.id, authorId: helper.id, body: "Проверяйте по одному критерию за раз." });
    if (!answer.ok) throw new Error(answer.error);
    getDb().update(schema.threads).set({ deletedAt: new Date() }).where(eq(schema.threads.id, thread.id)).run();
    const param = `${thread.id}-${thread.slug}`;
    const response = await run(
      threadAction,
      form(
        `/t/${param}`,
        { intent: "accept", postId: String(answer.postId), comment: "Помогло, спасибо большое!" },
        { cookie: asker.cookie },
      ),
      { thread: param },
    );
    expect(response.status).toBe(403);
    expect(getDb().select().from(schema.threads).where(eq(schema.threads.id, thread.id)).get()!.acceptedPostId).toBeNull();
  });
});

describe("a short link to a members-only post", () => {
  it("says nothing to a stranger, not even which thread it is in", async () => {
    const closed = makeNetwork("members");
    const member = await established(closed.id);
    const thread = question(closed, member.id, "Как вести журнал в сельской школе?");
    const opening = getDb().select().from(schema.posts).where(eq(schema.posts.threadId, thread.id)).get()!;
    const stranger = await makeUser();
    for (const cookie of [undefined, stranger.cookie]) {
      const response = await run(postLink, get(`/p/${opening.id}`, { cookie }), { id: String(opening.id) });
      expect(response.status).toBe(403);
      expect(response.headers.get("Location")).toBeNull();
    }
    const allowed = await run(postLink, get(`/p/${opening.id}`, { cookie: member.cookie }), { id: String(opening.id) });
    expect(allowed.headers.get("Location")).toBe(`/t/${thread.id}?post=${opening.id}`);
  });
});

describe("sessions", () => {
  it("are kept as a hash of the token: the database opens no session", async () => {
    const teacher = await makeUser();
    const token = decodeURIComponent(teacher.cookie.split("=")[1]!);
    const rows = getDb().select().from(schema.sessions).where(eq(schema.sessions.userId, teacher.id)).all();
    expect(rows.map((r) => r.id)).toEqual([sessionTokenHash(token)]);
    expect(rows[0]!.id).not.toContain(token);
    const response = await run(rootLoader, get("/", { cookie: `kollegi_session=${rows[0]!.id}` }));
    expect(((await response.json()) as { user: unknown }).user).toBeNull();
  });
});
