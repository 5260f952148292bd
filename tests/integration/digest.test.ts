/**
 * The email digest end to end: what the forum's own functions wrote, the digest pass, a real SMTP
 * server on loopback (smtp-server) receiving the mail and mailparser reading it back. The clock is
 * the test's: runDigests takes `now`, and the network keeps Moscow time (UTC+3), so 07:00 there is
 * 04:00 UTC. 10 March 2031 is a Monday.
 */
import net, { type AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb, schema } from "../../db/index";
import { createAnnouncement } from "~/announcements/announcements.server";
import { runDigests } from "~/digest/digest.server";
import { smtpSender } from "~/digest/mailer.server";
import { instanceFor } from "~/i18n/i18next.server";
import { decide } from "~/moderation/flags.server";
import { createAnswer } from "~/posts/posts.server";
import { createThread } from "~/threads/threads.server";
import { form, get, makeNetwork, makeUser, run } from "./helpers";
import { mentorIn } from "./mentoring-fixtures";

const SITE = "https://kollegi.example";
const FROM = "Коллеги <digest@kollegi.example>";
const MOSCOW = "Europe/Moscow";
/** Wall-clock time in Moscow, as an instant. */
const msk = (isoLocal: string) => new Date(`${isoLocal}+03:00`);

const MONDAY_MORNING = msk("2031-03-10T07:30");
const MONDAY_NOON = msk("2031-03-10T12:00");
const TUESDAY_MORNING = msk("2031-03-11T07:30");

// ── A real SMTP server on loopback ───────────────────────────────────────

let inbox: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // A mailbox the server refuses for good, as a school's mail server does for a closed account.
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("closed-")) {
        callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    // The client's "sent" waits for this callback, so a message is in the inbox when send() resolves.
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** runDigests goes over every user of this worker's database: earlier tests' people are switched off. */
beforeEach(() => {
  inbox = [];
  getDb().run(sql`update users set digest = 'off'`);
});

const send = () => smtpSender(smtpUrl, FROM);
const digests = (now: Date) => runDigests(now, send(), SITE);

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value ?? []).map((a) => a.address);
const mailTo = (email: string) => inbox.filter((m) => to(m).includes(email));

/** Every link of the text part and every href of the HTML part. */
function linksOf(mail: ParsedMail): string[] {
  const text = [...(mail.text ?? "").matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  const html = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  return [...text, ...html];
}

// ── People and things, written by the forum's own functions ─────────────

type Person = Awaited<ReturnType<typeof makeUser>>;

function moscowNetwork() {
  const network = makeNetwork("members");
  getDb().update(schema.networks).set({ timeZone: MOSCOW }).where(eq(schema.networks.id, network.id)).run();
  return { ...network, timeZone: MOSCOW };
}

function setUp(person: { id: number }, values: Partial<typeof schema.users.$inferInsert>) {
  getDb().update(schema.users).set(values).where(eq(schema.users.id, person.id)).run();
}

function lastSentOf(person: { id: number }): Date | null {
  return getDb().select({ at: schema.users.digestLastSentAt }).from(schema.users).where(eq(schema.users.id, person.id)).get()!.at;
}

function digestOf(person: { id: number }) {
  return getDb().select({ digest: schema.users.digest }).from(schema.users).where(eq(schema.users.id, person.id)).get()!.digest;
}

let counter = 0;

function question(network: { id: number }, asker: Person, at: Date, title = "Как объяснить дроби пятиклассникам?") {
  counter += 1;
  const created = createThread(
    {
      kind: "question",
      title,
      body: `Подробности вопроса ${counter}: ученики путают числитель и знаменатель.`,
      tags: ["математика"],
      networkId: network.id,
      authorId: asker.id,
    },
    at,
  );
  if (!created.ok) throw new Error(created.error);
  return created.thread;
}

function answer(threadId: number, author: Person, body: string, at: Date) {
  const created = createAnswer({ threadId, authorId: author.id, body }, at);
  if (!created.ok) throw new Error(created.error);
  return created.postId;
}

function announce(network: { id: number }, author: Person, title: string, at: Date, ackRequired = true) {
  return createAnnouncement(
    {
      title,
      body: "Коллеги, подробности — в приложенном плане. Просьба ознакомиться.",
      ackRequired,
      networkId: network.id,
      courseId: null,
      authorId: author.id,
    },
    at,
  );
}

// ── The digest pass ──────────────────────────────────────────────────────

describe("the morning digest", () => {
  it("sends each due user one email: new announcements, answers to their questions (not hidden ones), new assignments; in their language, linking to the site", async () => {
    const network = moscowNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const asker = await makeUser({ networkId: network.id });
    const helper = await makeUser({ networkId: network.id });
    const rude = await makeUser({ networkId: network.id });
    const bystander = await makeUser({ networkId: network.id });
    const mentor = await mentorIn(network);
    setUp(helper, { displayName: "Ольга Петровна Ответова" });
    setUp(rude, { displayName: "Грубиян Грубиянов" });
    setUp(asker, { displayName: "Анна Спрашивающая", digest: "daily", digestLastSentAt: MONDAY_MORNING });
    setUp(mentor, { displayName: "Mentor Smith", locale: "en", digest: "daily", digestLastSentAt: MONDAY_MORNING });

    const thread = question(network, asker, msk("2031-03-10T10:00"), "Как объяснить дроби пятиклассникам?");
    const announcementId = announce(network, moderator, "Педсовет переносится на четверг", MONDAY_NOON);
    const helpful = answer(
      thread.id,
      helper,
      "Начните с пиццы: разрежьте её на восемь частей и спросите, сколько съели.",
      msk("2031-03-10T14:00"),
    );
    const hidden = answer(thread.id, rude, "Это каждый дурак знает, стыдно спрашивать.", msk("2031-03-10T15:00"));
    expect(
      decide(
        { postId: hidden, moderatorId: moderator.id, decision: "hide", reason: "Грубость по отношению к коллеге" },
        msk("2031-03-10T16:00"),
      ),
    ).toMatchObject({ ok: true });

    expect(await digests(TUESDAY_MORNING)).toEqual({ sent: 2, empty: 0, failed: 0 });
    expect(inbox.flatMap(to).sort()).toEqual([asker.email, mentor.email].sort());
    expect(mailTo(moderator.email)).toEqual([]);
    expect(mailTo(bystander.email)).toEqual([]);
    expect(lastSentOf(bystander)).toBeNull();

    const [ru] = mailTo(asker.email);
    expect(ru!.subject).toMatch(/^Коллеги: сводка за 11 мар\.? 2031/);
    expect(ru!.from?.text).toContain("digest@kollegi.example");
    expect(ru!.text).toContain("Здравствуйте, Анна Спрашивающая!");
    expect(ru!.text).toContain("Новые объявления");
    expect(ru!.text).toContain("Педсовет переносится на четверг");
    // Its publication time in the network's zone, and that it asks to be acknowledged.
    expect(ru!.text).toMatch(/10 мар\.? 2031 г\.?, 12:00 · Нужно подтвердить прочтение/);
    expect(ru!.text).toContain("Новые ответы на ваши вопросы");
    expect(ru!.text).toContain("Ольга Петровна Ответова в теме «Как объяснить дроби пятиклассникам?»");
    expect(ru!.text).toContain("Начните с пиццы: разрежьте её на восемь частей и спросите, сколько съели.");
    expect(ru!.text).not.toContain("Грубиян");
    expect(ru!.text).not.toContain("стыдно спрашивать");
    expect(ru!.text).not.toContain("Вопросы, которые ждут вашего ответа");
    expect(ru!.html).toContain(`<a href="${SITE}/a/${announcementId}">Педсовет переносится на четверг</a>`);
    expect(ru!.html).toContain(`href="${SITE}/t/${thread.id}-${thread.slug}?post=${helpful}"`);
    expect(ru!.html).not.toContain("стыдно спрашивать");
    const links = linksOf(ru!);
    expect(links).toContain(`${SITE}/settings/notifications`);
    for (const link of links) expect(link.startsWith(`${SITE}/`), link).toBe(true);

    const [en] = mailTo(mentor.email);
    expect(en!.subject).toBe("Kollegi: your digest for Mar 11, 2031");
    expect(en!.text).toContain("Hello, Mentor Smith!");
    expect(en!.text).toContain("New announcements");
    expect(en!.text).toContain("Questions waiting for your answer as a mentor");
    expect(en!.text).toContain("Как объяснить дроби пятиклассникам?");
    expect(en!.html).toContain(`<a href="${SITE}/t/${thread.id}-${thread.slug}">Как объяснить дроби пятиклассникам?</a>`);
    expect(en!.text).not.toContain("Новые объявления");
    for (const link of linksOf(en!)) expect(link.startsWith(`${SITE}/`), link).toBe(true);

    expect(lastSentOf(asker)).toEqual(TUESDAY_MORNING);
  });

  it("is sent once a period: a second pass sends nothing, and a morning with nothing new sends nothing but moves the clock", async () => {
    const network = moscowNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const teacher = await makeUser({ networkId: network.id });
    setUp(teacher, { digest: "daily", digestLastSentAt: MONDAY_MORNING });
    announce(network, moderator, "Методическое объединение в среду", MONDAY_NOON);

    expect(await digests(TUESDAY_MORNING)).toEqual({ sent: 1, empty: 0, failed: 0 });
    expect(await digests(TUESDAY_MORNING)).toEqual({ sent: 0, empty: 0, failed: 0 });
    expect(await digests(msk("2031-03-11T23:50"))).toEqual({ sent: 0, empty: 0, failed: 0 });
    expect(mailTo(teacher.email)).toHaveLength(1);

    // Wednesday before seven: not yet due.
    expect(await digests(msk("2031-03-12T06:55"))).toEqual({ sent: 0, empty: 0, failed: 0 });
    const wednesday = msk("2031-03-12T07:10");
    expect(await digests(wednesday)).toEqual({ sent: 0, empty: 1, failed: 0 });
    expect(mailTo(teacher.email)).toHaveLength(1);
    expect(lastSentOf(teacher)).toEqual(wednesday);
  });

  it("goes weekly on Monday after 07:00 their time, not before, and not again on Tuesday", async () => {
    const network = moscowNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const weekly = await makeUser({ networkId: network.id });
    const off = await makeUser({ networkId: network.id });
    const lastMonday = msk("2031-03-03T07:10");
    setUp(weekly, { digest: "weekly", digestLastSentAt: lastMonday });
    setUp(off, { digestLastSentAt: lastMonday });
    announce(network, moderator, "Итоги олимпиады по математике", msk("2031-03-06T11:00"), false);

    expect(await digests(msk("2031-03-09T20:00"))).toEqual({ sent: 0, empty: 0, failed: 0 });
    expect(await digests(msk("2031-03-10T06:50"))).toEqual({ sent: 0, empty: 0, failed: 0 });
    const monday = msk("2031-03-10T07:05");
    expect(await digests(monday)).toEqual({ sent: 1, empty: 0, failed: 0 });
    expect(mailTo(weekly.email).map((m) => m.text)).toEqual([expect.stringContaining("Итоги олимпиады по математике")]);

    announce(network, moderator, "Новое расписание звонков", MONDAY_NOON);
    expect(await digests(TUESDAY_MORNING)).toEqual({ sent: 0, empty: 0, failed: 0 });
    expect(mailTo(weekly.email)).toHaveLength(1);
    expect(lastSentOf(weekly)).toEqual(monday);
    expect(mailTo(off.email)).toEqual([]);
    expect(lastSentOf(off)).toEqual(lastMonday);
  });

  it("two passes started at once send exactly one email to each user", async () => {
    const network = moscowNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const teachers = [
      await makeUser({ networkId: network.id }),
      await makeUser({ networkId: network.id }),
      await makeUser({ networkId: network.id }),
    ];
    for (const teacher of teachers) setUp(teacher, { digest: "daily", digestLastSentAt: MONDAY_MORNING });
    announce(network, moderator, "Открытый урок в 7 «Б»", MONDAY_NOON);

    const [first, second] = await Promise.all([digests(TUESDAY_MORNING), digests(TUESDAY_MORNING)]);
    expect(first.sent + second.sent).toBe(3);
    // The second pass started while the first was sending: both really ran over the same users.
    expect(first.sent).toBeGreaterThan(0);
    expect(second.sent).toBeGreaterThan(0);
    expect(inbox.flatMap(to).sort()).toEqual(teachers.map((t) => t.email).sort());
  });

  it("when the SMTP server is down, reports the failure and gives the period back; the next pass sends it", async () => {
    const network = moscowNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const teacher = await makeUser({ networkId: network.id });
    setUp(teacher, { digest: "daily", digestLastSentAt: MONDAY_MORNING });
    announce(network, moderator, "Аттестация: сдать портфолио до пятницы", MONDAY_NOON);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    const down = await runDigests(TUESDAY_MORNING, smtpSender(`smtp://127.0.0.1:${await closedPort()}`, FROM), SITE);
    expect(down).toEqual({ sent: 0, empty: 0, failed: 1 });
    expect(lastSentOf(teacher)).toEqual(MONDAY_MORNING);
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([`digest to user ${teacher.id} not sent; it will be retried`]);
    logged.mockClear();

    expect(await digests(msk("2031-03-11T07:40"))).toEqual({ sent: 1, empty: 0, failed: 0 });
    expect(mailTo(teacher.email).map((m) => m.text)).toEqual([expect.stringContaining("Аттестация: сдать портфолио до пятницы")]);
    expect(lastSentOf(teacher)).toEqual(msk("2031-03-11T07:40"));
  });

  it("a mailbox the server refuses for good (550) is not retried every pass, and the others still get theirs", async () => {
    const network = moscowNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const closed = await makeUser({ networkId: network.id });
    const open = await makeUser({ networkId: network.id });
    setUp(closed, { email: `closed-${closed.email}`, digest: "daily", digestLastSentAt: MONDAY_MORNING });
    setUp(open, { digest: "daily", digestLastSentAt: MONDAY_MORNING });
    announce(network, moderator, "Педсовет переносится на среду", MONDAY_NOON);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    expect(await digests(TUESDAY_MORNING)).toEqual({ sent: 1, empty: 0, failed: 1 });
    expect(inbox.flatMap(to)).toEqual([open.email]);
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
      `digest to user ${closed.id} refused by the mail server; skipped until the next period`,
    ]);
    // The period is spent: the next pass of the same morning does not knock again.
    expect(lastSentOf(closed)).toEqual(TUESDAY_MORNING);
    expect(await digests(msk("2031-03-11T07:40"))).toEqual({ sent: 0, empty: 0, failed: 0 });
  });
});

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ── The settings page ────────────────────────────────────────────────────

type RouteModule = typeof import("~/routes/settings.notifications");

/**
 * The environment is read once, when the server starts: each case loads the app afresh with its
 * own SMTP_URL, as a server started with (or without) it would.
 */
async function startedWith(smtpUrlValue: string) {
  vi.stubEnv("SMTP_URL", smtpUrlValue);
  vi.resetModules();
  const page = await import("~/routes/settings.notifications");
  const profile = await import("~/routes/settings.profile");
  return { page, profile };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The page as a browser without JavaScript gets it: loader (and action, for a POST) and the HTML. */
async function render(page: RouteModule, request: Request) {
  const handler = createStaticHandler([
    {
      id: "settings-notifications",
      path: "/settings/notifications",
      loader: ({ request }) => page.loader({ request, params: {}, context: {} }),
      action: ({ request }) => page.action({ request, params: {}, context: {} }),
      Component: page.default,
    },
  ]);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    createElement(I18nextProvider, { i18n: instanceFor("ru") }, createElement(StaticRouterProvider, { router, context, hydrate: false })),
  );
  return { status: context.statusCode, html };
}

/** The radio buttons of a rendered page, each with the text of its <label for>. */
function radios(html: string) {
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => attribute(tag, "type") === "radio")
    .map((tag) => ({
      name: attribute(tag, "name"),
      value: attribute(tag, "value"),
      checked: /\schecked(="")?/.test(tag),
      label: new RegExp(`<label for="${attribute(tag, "id")}">([^<]*)</label>`).exec(html)?.[1],
    }));
}

describe("the digest settings page", () => {
  it("with SMTP set up, a teacher picks weekly: saved, confirmed, and checked when the page comes back", async () => {
    const { page, profile } = await startedWith(smtpUrl);
    const network = moscowNetwork();
    const teacher = await makeUser({ networkId: network.id });

    const before = await render(page, get("/settings/notifications", { cookie: teacher.cookie }));
    expect(before.status).toBe(200);
    expect(before.html).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Присылать сводку<\/legend>/);
    expect(radios(before.html)).toEqual([
      { name: "digest", value: "off", checked: true, label: "Не присылать" },
      { name: "digest", value: "daily", checked: false, label: "Ежедневно" },
      { name: "digest", value: "weekly", checked: false, label: "Еженедельно (по понедельникам)" },
    ]);
    expect(before.html).toContain("Каждое утро после 7:00 по времени вашей сети (Europe/Moscow)");

    const turnedOn = Date.now();
    const saved = await render(page, form("/settings/notifications", { digest: "weekly" }, { cookie: teacher.cookie }));
    expect(saved.status).toBe(200);
    expect(saved.html).toContain("Настройки сводки сохранены.");
    expect(
      radios(saved.html)
        .filter((r) => r.checked)
        .map((r) => r.value),
    ).toEqual(["weekly"]);
    expect(digestOf(teacher)).toBe("weekly");
    // Turned on now: the first one comes next Monday morning, about what is new from now on.
    const clock = lastSentOf(teacher)!.getTime();
    expect(clock).toBeGreaterThanOrEqual(turnedOn);
    expect(clock).toBeLessThanOrEqual(Date.now());
    // Switching between daily and weekly keeps the clock: nothing told twice, nothing skipped.
    expect((await run(page.action, form("/settings/notifications", { digest: "daily" }, { cookie: teacher.cookie }))).status).toBe(200);
    expect(digestOf(teacher)).toBe("daily");
    expect(lastSentOf(teacher)!.getTime()).toBe(clock);
    await run(page.action, form("/settings/notifications", { digest: "weekly" }, { cookie: teacher.cookie }));

    const data = (await (await run(page.loader, get("/settings/notifications", { cookie: teacher.cookie }))).json()) as {
      setting: unknown;
    };
    expect(data.setting).toEqual({ digest: "weekly", timeZone: MOSCOW });
    const profileData = (await (await run(profile.loader, get("/settings/profile", { cookie: teacher.cookie }))).json()) as {
      digestLink: boolean;
    };
    expect(profileData.digestLink).toBe(true);
  });

  it("refuses anything but off, daily or weekly on the field, and keeps the saved choice", async () => {
    const { page } = await startedWith(smtpUrl);
    const teacher = await makeUser({ networkId: moscowNetwork().id });
    setUp(teacher, { digest: "daily" });
    for (const digest of ["hourly", "", "DAILY"]) {
      const response = await run(page.action, form("/settings/notifications", { digest }, { cookie: teacher.cookie }));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { saved: boolean; result: { error: Record<string, string[]> } };
      expect(body.saved).toBe(false);
      expect(body.result.error).toEqual({ digest: ["digest.errors.choice"] });
    }
    const refused = await render(page, form("/settings/notifications", { digest: "hourly" }, { cookie: teacher.cookie }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("Выберите один из вариантов: не присылать, ежедневно или еженедельно.");
    expect(refused.html).toMatch(/<fieldset[^>]*aria-describedby="[^"]+"/);
    expect(digestOf(teacher)).toBe("daily");
  });

  it("without SMTP, says email is not set up, shows no form, and a POST changes nothing", async () => {
    const { page, profile } = await startedWith("");
    const teacher = await makeUser({ networkId: moscowNetwork().id });

    const shown = await render(page, get("/settings/notifications", { cookie: teacher.cookie }));
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("На этом сервере не настроена отправка почты");
    expect(shown.html).not.toContain("<form");
    expect(shown.html).not.toContain('type="radio"');

    const posted = await render(page, form("/settings/notifications", { digest: "daily" }, { cookie: teacher.cookie }));
    expect(posted.status).toBe(404);
    expect(posted.html).toContain("На этом сервере не настроена отправка почты");
    expect(digestOf(teacher)).toBe("off");
    expect(lastSentOf(teacher)).toBeNull();

    const profileData = (await (await run(profile.loader, get("/settings/profile", { cookie: teacher.cookie }))).json()) as {
      digestLink: boolean;
    };
    expect(profileData.digestLink).toBe(false);
  });

  it("asks a signed-out visitor to sign in first", async () => {
    const { page } = await startedWith(smtpUrl);
    const response = await run(page.loader, get("/settings/notifications"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fnotifications");
  });
});
