/**
 * Mentoring in a real browser: a teacher asks, the matching mentor finds the question in
 * /mentor and answers, the teacher sees who answered; then a deadline passes and the question
 * moves to the next mentor, which the moderators see and can change by hand.
 *
 * This file runs its own server on its own fresh database (the shared one's state depends on
 * which test files ran before), and moves the clock the way docs/decisions/008 describes: no
 * test hook in the server, but the sweep itself, the domain function the server runs every
 * minute, called from here on the same SQLite file with a clock 25 hours ahead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import {
  checkPage,
  failOnServerErrors,
  fillQuestion,
  fillRegistration,
  launchBrowser,
  logIn,
  logoutButton,
  newContext,
  publish,
  submitForm,
  uniqueEmail,
} from "./helpers";

failOnServerErrors();

const root = path.resolve(__dirname, "../..");
const tmp = path.join(root, "tests/.tmp", `e2e-mentoring-${process.pid}`);
const databasePath = path.join(tmp, "kollegi.db");
const HOUR = 3_600_000;
const START_TIMEOUT_MS = 30_000;

let browser: Browser;
let server: ChildProcess;
let base = "";
let serverErrors = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The build is the one global-setup made for the shared server.
  server = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      COOKIE_SECURE: "false",
      SEED_DEMO: "true",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  server.stderr!.setEncoding("utf8").on("data", (chunk: string) => (serverErrors += chunk));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the mentoring test server exited: ${serverErrors}`);
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the mentoring test server did not start: ${serverErrors}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  browser = await launchBrowser();
});

afterEach(() => {
  const errors = serverErrors;
  serverErrors = "";
  if (errors.trim()) throw new Error(`The mentoring test server wrote to stderr:\n${errors}`);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => server.kill("SIGKILL"), 5_000);
      server.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      server.kill("SIGTERM");
    });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

const at = (p: string) => `${base}${p}`;

async function signedIn(email: string, password: string, { javaScript = true } = {}) {
  const context = await newContext(browser, { javaScript });
  const page = await context.newPage();
  await page.goto(at("/login"));
  await logIn(page, email, password);
  await logoutButton(page).waitFor();
  return { context, page };
}

/** A fresh teacher of the Novosibirsk network: the demo accounts have spent most of their first-day thread budget. */
async function newTeacher() {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(at("/register"));
  await fillRegistration(page, {
    email: uniqueEmail("mentoring"),
    password: "Осенний ветер над Обью",
    displayName: "Ирина Белова",
    homeNetwork: "novosibirsk",
    school: "Школа № 5, Бердск",
    subjects: "физика",
  });
  await Promise.all([page.waitForURL("**/n/novosibirsk"), page.click("form button.primary")]);
  return { context, page };
}

async function ask(page: Page, title: string, tags: string) {
  await page.goto(at("/n/novosibirsk/ask"));
  await fillQuestion(page, { title, body: `${title} Что вы пробовали на своих уроках? Поделитесь, пожалуйста.`, tags });
  await publish(page);
  return new URL(page.url()).pathname;
}

/** The bell's accessible name, e.g. «Уведомления: 2 новых» (the visible count is hidden from screen readers, the sentence is not). */
async function bell(page: Page) {
  const name = (await page.locator(".site-header a.bell .visually-hidden").innerText()).trim();
  expect(await page.locator(".site-header").getByRole("link", { name, exact: true }).count()).toBe(1);
  return name;
}

function stamp() {
  return `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

test("a teacher asks, the matching mentor finds it in /mentor and answers, and the teacher sees who answered", async () => {
  const title = `Как показать закон Архимеда без лаборатории? ${stamp()}`;
  const teacher = await newTeacher();
  const threadPath = await ask(teacher.page, title, "физика, 7 класс");
  const soft = teacher.page.locator("main .mentoring-note");
  expect(await soft.innerText()).toMatch(/^Наставник ответит (сегодня|завтра) до \d\d:\d\d\.$/);
  await checkPage(teacher.page);

  // The mentor works without JavaScript, as on an old school computer.
  const mentor = await signedIn("mentor@kollegi.test", "kollegi-mentor-demo", { javaScript: false });
  expect(await bell(mentor.page)).toMatch(/Уведомления: \d+ нов/);
  await mentor.page.goto(at("/mentor"));
  await mentor.page.getByRole("heading", { level: 1, name: "Мои вопросы как наставника" }).waitFor();
  const item = mentor.page.locator("li.assignment", { has: mentor.page.getByRole("link", { name: title }) });
  expect(await item.locator(".deadline").innerText()).toMatch(/^Ответить (сегодня|завтра) до \d\d:\d\d$/);
  expect(await item.innerText()).toContain("назначен: совпали метки физика; открыто");
  await checkPage(mentor.page);

  await submitForm(mentor.page, item.locator('button[name="intent"][value="acknowledge"]'));
  expect(await mentor.page.locator("main .notice").innerText()).toContain("вы взяли вопрос");
  expect(await item.innerText()).toMatch(/Вы взяли вопрос/);

  // A hand-off needs a note: refused beside the field, the choice and the text kept.
  const handOff = item.locator("details", { hasText: "Передать коллеге" });
  await handOff.locator("summary").click();
  await handOff.locator("select[name=to]").selectOption({ label: "Наталья Орлова (открыто 0 из 4)" });
  await handOff.locator("textarea[name=note]").fill("Ой");
  const refused = await submitForm(mentor.page, handOff.locator('button[name="intent"][value="handoff"]'));
  expect(refused.status()).toBe(400);
  const again = mentor.page
    .locator("li.assignment", { has: mentor.page.getByRole("link", { name: title }) })
    .locator("details", { hasText: "Передать коллеге" });
  expect(await again.getAttribute("open")).not.toBeNull();
  expect(
    await again
      .locator(".field", { has: mentor.page.locator("[name=note]") })
      .locator(".field-errors")
      .innerText()
  ).toBe("Не короче 5 символов.");
  expect(await again.locator("textarea[name=note]").inputValue()).toBe("Ой");
  await checkPage(mentor.page);

  // It is the mentor's question after all: answer it from the thread page.
  await mentor.page.goto(at(threadPath));
  expect(await mentor.page.locator("main .mentoring-note").innerText()).toMatch(
    /^Вы наставник этого вопроса: ответьте (сегодня|завтра) до \d\d:\d\d\. Мои вопросы$/
  );
  const answerText = `Опустите в стакан с водой кусок пластилина, потом сделайте из него лодочку: дети увидят, что дело в объёме. (${stamp()})`;
  await mentor.page.fill("textarea[name=body]", answerText);
  await submitForm(mentor.page, 'button[name="intent"][value="answer"]');
  expect(await mentor.page.locator("main .mentoring-note").count()).toBe(0);
  await mentor.page.goto(at("/mentor"));
  expect(await mentor.page.getByRole("link", { name: title }).count()).toBe(1); // now under "recently ended"
  expect(await mentor.page.locator("li.assignment", { has: mentor.page.getByRole("link", { name: title }) }).count()).toBe(0);
  await mentor.context.close();

  // The teacher: the bell, the notification in words, and the answer with its author.
  await teacher.page.goto(at("/"));
  expect(await bell(teacher.page)).toBe("Уведомления: 1 новое");
  await teacher.page.goto(at("/notifications"));
  const note = teacher.page.locator("li.notification.unread").first();
  expect(await note.locator("a").innerText()).toBe(`Сергей Иванов ответил(а) на ваш вопрос «${title}».`);
  await checkPage(teacher.page);
  await Promise.all([teacher.page.waitForURL(/#post-\d+$/), note.locator("a").click()]);
  const answer = teacher.page.locator("section[aria-labelledby='answers-heading'] .answer", { hasText: answerText });
  expect(await answer.locator(".post-meta a").first().innerText()).toBe("Сергей Иванов");
  expect(await teacher.page.locator("main .mentoring-note").count()).toBe(0);
  expect(await bell(teacher.page)).toBe("Уведомления");
  await checkPage(teacher.page);
  await teacher.context.close();
});

test("when the deadline passes the question goes to the next mentor; the moderators see it and can reassign by hand", async () => {
  const title = `Как организовать опыты по электричеству в сельской школе? ${stamp()}`;
  const teacher = await newTeacher();
  const threadPath = await ask(teacher.page, title, "физика, электричество");

  const moderator = await signedIn("moderator@kollegi.test", "kollegi-moderator-demo");
  await moderator.page.goto(at(threadPath));
  const note = moderator.page.locator("main aside.mentoring-note");
  expect(await note.innerText()).toContain("Наставник: Сергей Иванов");

  // The clock moves 25 hours on: the sweep the server runs every minute, run here on its database.
  const previousPath = process.env.DATABASE_PATH;
  process.env.DATABASE_PATH = databasePath;
  const { sweepDeadlines } = await import("~/mentoring/escalation.server");
  const { closeDatabase } = await import("../../db/index");
  try {
    expect(sweepDeadlines(new Date(Date.now() + 25 * HOUR)).escalated).toBeGreaterThanOrEqual(1);
  } finally {
    closeDatabase();
    if (previousPath === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = previousPath;
  }

  await moderator.page.goto(at(threadPath));
  expect(await note.innerText()).toContain("Наставник: Наталья Орлова");
  expect(await note.innerText()).toContain("переназначен, предыдущий наставник не ответил в срок");
  await note.locator("summary").click();
  expect(await note.locator(".history").innerText()).toMatch(/Сергей Иванов: срок пропущен[\s\S]*Наталья Орлова: открыто/);
  await checkPage(moderator.page);

  await moderator.page.goto(at("/notifications"));
  expect(await moderator.page.locator("li.notification", { hasText: title }).first().innerText()).toContain(
    `Сергей Иванов не ответил(а) в срок на вопрос «${title}». Новый наставник: Наталья Орлова.`
  );

  await moderator.page.goto(at("/n/novosibirsk/mentoring"));
  const item = moderator.page.locator("li.assignment", { has: moderator.page.getByRole("link", { name: title }) });
  expect(await item.innerText()).toContain("Наставник: Наталья Орлова");
  expect(await item.innerText()).toContain("пропущен 1 срок");
  await checkPage(moderator.page);

  // Reassign by hand: without a choice the form says so beside the field and keeps the note.
  const form = item.locator("details", { hasText: "Переназначить" });
  await form.locator("summary").click();
  await form.locator("textarea[name=note]").fill("Сергей Петрович вернулся с курсов.");
  const refused = await submitForm(moderator.page, form.locator('button[name="intent"][value="reassign"]'));
  expect(refused.status()).toBe(400);
  const again = moderator.page.locator("li.assignment", { has: moderator.page.getByRole("link", { name: title }) }).locator("details");
  expect(
    await again
      .locator(".field", { has: moderator.page.locator("[name=to]") })
      .locator(".field-errors")
      .innerText()
  ).toBe("Выберите наставника из списка.");
  expect(await again.locator("textarea[name=note]").inputValue()).toBe("Сергей Петрович вернулся с курсов.");
  const sergei = await again.locator("select[name=to] option", { hasText: "Сергей Иванов" }).innerText();
  await again.locator("select[name=to]").selectOption({ label: sergei });
  await submitForm(moderator.page, again.locator('button[name="intent"][value="reassign"]'));
  expect(await moderator.page.locator("main .notice").innerText()).toBe("Наставник назначен, ему отправлено уведомление.");
  expect(await moderator.page.locator("li.assignment", { has: moderator.page.getByRole("link", { name: title }) }).innerText()).toContain(
    "модератор Ольга Смирнова назначил(а) вручную"
  );

  await moderator.page.goto(at("/n/novosibirsk/report?days=90"));
  await moderator.page.getByRole("heading", { level: 1, name: "Скорость ответов" }).waitFor();
  expect(await moderator.page.locator("dl.report-facts").innerText()).toMatch(/Ответ в срок\s+\d+ % \(\d+ из \d+\)/);
  await checkPage(moderator.page);
  await moderator.context.close();

  // The mentor who missed it was told; the moderator has given it back to him since.
  const mentor = await signedIn("mentor@kollegi.test", "kollegi-mentor-demo");
  await mentor.page.goto(at("/notifications"));
  expect(await mentor.page.locator("li.notification", { hasText: "прошёл, вопрос передан дальше" }).count()).toBeGreaterThanOrEqual(1);
  await mentor.page.goto(at("/mentor"));
  expect(await mentor.page.locator("li.assignment", { has: mentor.page.getByRole("link", { name: title }) }).count()).toBe(1);
  await checkPage(mentor.page);
  await mentor.context.close();
  await teacher.context.close();
});

test("a mentor keeps their profile: a past date is refused beside its field; someone else's profile is not theirs to edit", async () => {
  const mentor = await signedIn("mentor@kollegi.test", "kollegi-mentor-demo", { javaScript: false });
  await mentor.page.goto(at("/mentor"));
  await Promise.all([
    mentor.page.waitForURL(/\/n\/novosibirsk\/mentors\/\d+$/),
    mentor.page.getByRole("link", { name: "Мой профиль наставника" }).click(),
  ]);
  expect(await mentor.page.locator("input[name=tags]").inputValue()).toBe("математика, физика");
  await mentor.page.fill("input[name=tags]", "математика, физика, астрономия");
  await mentor.page.fill("input[name=awayUntil]", "2020-01-01");
  const refused = await submitForm(mentor.page, "main form button.primary");
  expect(refused.status()).toBe(400);
  expect(
    await mentor.page
      .locator(".field", { has: mentor.page.locator("[name=awayUntil]") })
      .locator(".field-errors")
      .innerText()
  ).toBe("Эта дата уже прошла. Оставьте поле пустым, если наставник на месте.");
  expect(await mentor.page.locator("input[name=tags]").inputValue()).toBe("математика, физика, астрономия");
  await checkPage(mentor.page);
  await mentor.page.fill("input[name=awayUntil]", "");
  await submitForm(mentor.page, "main form button.primary");
  expect(await mentor.page.locator("main .notice").innerText()).toBe("Профиль сохранён.");
  expect(await mentor.page.locator("input[name=tags]").inputValue()).toBe("астрономия, математика, физика");
  const response = await mentor.page.goto(at(`/n/novosibirsk/mentors/1`));
  expect(response?.status()).toBe(403); // user 1 is the demo admin
  await mentor.context.close();
});
