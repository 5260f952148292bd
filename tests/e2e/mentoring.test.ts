/**
 * Mentoring in a real browser: a teacher asks, the matching mentor finds the question in
 * /mentor and answers, the teacher sees who answered; then a deadline passes and the question
 * moves to the next mentor, which the moderators see and can change by hand.
 *
 * This file runs a server of its own (server.ts) on a database with no demo data, because it
 * moves the clock the way docs/decisions/009 describes: no test hook in the server, but the
 * sweep itself, the domain function the server runs every minute, called from here on the same
 * SQLite file with a clock 25 hours ahead. On the shared server that would escalate every other
 * test's questions too. Its people and their network are its own (people.ts).
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkPage, failOnServerErrors, fillQuestion, launchBrowser, publish, submitForm } from "./helpers";
import { makeNetwork, makePerson, signIn, useServerDatabase, type Person } from "./people";
import { root, startServer, type RunningServer } from "./server";

const HOUR = 3_600_000;

let browser: Browser;
let server: RunningServer;
let slug = "";
/** The matching mentor (physics), a second one for primary school, the network's moderator. */
let sergei: Person;
let natalia: Person;
let olga: Person;

failOnServerErrors(() => server.errorLog);

beforeAll(async () => {
  server = await startServer({ dir: path.join(root, "tests/.tmp", `e2e-mentoring-${process.pid}`), name: "mentoring", demo: false });
  useServerDatabase(server.databasePath);
  const network = await makeNetwork({ name: "Учителя Бердска" });
  slug = network.slug;
  sergei = await makePerson({
    label: "sergei",
    displayName: "Сергей Иванов",
    networks: [{ slug, mentor: { tags: ["математика", "физика"], capacity: 5 } }],
  });
  natalia = await makePerson({
    label: "natalia",
    displayName: "Наталья Орлова",
    networks: [{ slug, mentor: { tags: ["начальные классы"], capacity: 4 } }],
  });
  olga = await makePerson({ label: "olga", displayName: "Ольга Смирнова", networks: [{ slug, moderator: true }] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const at = (p: string) => `${server.baseURL}${p}`;
const signedIn = (person: Person, options: { javaScript?: boolean } = {}) =>
  signIn(browser, person, { ...options, baseURL: server.baseURL });

/** A teacher of the network, new today like the ones who ask most. */
async function newTeacher() {
  const teacher = await makePerson({
    label: "asker",
    displayName: "Ирина Белова",
    networks: [slug],
    school: "Школа № 5, Бердск",
    subjects: "физика",
  });
  return signedIn(teacher);
}

async function ask(page: Page, title: string, tags: string) {
  await page.goto(at(`/n/${slug}/ask`));
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
  const mentor = await signedIn(sergei, { javaScript: false });
  await mentor.page.goto(at("/"));
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
      .innerText(),
  ).toBe("Не короче 5 символов.");
  expect(await again.locator("textarea[name=note]").inputValue()).toBe("Ой");
  await checkPage(mentor.page);

  // It is the mentor's question after all: answer it from the thread page.
  await mentor.page.goto(at(threadPath));
  expect(await mentor.page.locator("main .mentoring-note").innerText()).toMatch(
    /^Вы наставник этого вопроса: ответьте (сегодня|завтра) до \d\d:\d\d\. Мои вопросы$/,
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

  const moderator = await signedIn(olga);
  await moderator.page.goto(at(threadPath));
  const note = moderator.page.locator("main aside.mentoring-note");
  expect(await note.innerText()).toContain("Наставник: Сергей Иванов");

  // The clock moves 25 hours on: the sweep the server runs every minute, run here on its database
  // (people.ts opened it), to the end.
  const { sweepAllDeadlines } = await import("~/mentoring/escalation.server");
  expect(sweepAllDeadlines(new Date(Date.now() + 25 * HOUR)).escalated).toBeGreaterThanOrEqual(1);

  await moderator.page.goto(at(threadPath));
  expect(await note.innerText()).toContain("Наставник: Наталья Орлова");
  expect(await note.innerText()).toContain("переназначен, предыдущий наставник не ответил в срок");
  await note.locator("summary").click();
  expect(await note.locator(".history").innerText()).toMatch(/Сергей Иванов: срок пропущен[\s\S]*Наталья Орлова: открыто/);
  await checkPage(moderator.page);

  await moderator.page.goto(at("/notifications"));
  expect(await moderator.page.locator("li.notification", { hasText: title }).first().innerText()).toContain(
    `Сергей Иванов не ответил(а) в срок на вопрос «${title}». Новый наставник: Наталья Орлова.`,
  );

  await moderator.page.goto(at(`/n/${slug}/mentoring`));
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
      .innerText(),
  ).toBe("Выберите наставника из списка.");
  expect(await again.locator("textarea[name=note]").inputValue()).toBe("Сергей Петрович вернулся с курсов.");
  const sergeiOption = await again.locator("select[name=to] option", { hasText: "Сергей Иванов" }).innerText();
  await again.locator("select[name=to]").selectOption({ label: sergeiOption });
  await submitForm(moderator.page, again.locator('button[name="intent"][value="reassign"]'));
  expect(await moderator.page.locator("main .notice").innerText()).toBe("Наставник назначен, ему отправлено уведомление.");
  expect(await moderator.page.locator("li.assignment", { has: moderator.page.getByRole("link", { name: title }) }).innerText()).toContain(
    "модератор Ольга Смирнова назначил(а) вручную",
  );

  await moderator.page.goto(at(`/n/${slug}/report?days=90`));
  await moderator.page.getByRole("heading", { level: 1, name: "Скорость ответов" }).waitFor();
  expect(await moderator.page.locator("dl.report-facts").innerText()).toMatch(/Ответ в срок\s+\d+ % \(\d+ из \d+\)/);
  await checkPage(moderator.page);
  await moderator.context.close();

  // The mentor who missed it was told; the moderator has given it back to him since.
  const mentor = await signedIn(sergei);
  await mentor.page.goto(at("/notifications"));
  expect(await mentor.page.locator("li.notification", { hasText: "прошёл, вопрос передан дальше" }).count()).toBeGreaterThanOrEqual(1);
  await mentor.page.goto(at("/mentor"));
  expect(await mentor.page.locator("li.assignment", { has: mentor.page.getByRole("link", { name: title }) }).count()).toBe(1);
  await checkPage(mentor.page);
  await mentor.context.close();
  await teacher.context.close();
});

test("a mentor keeps their profile: a past date is refused beside its field; someone else's profile is not theirs to edit", async () => {
  const mentor = await signedIn(sergei, { javaScript: false });
  await mentor.page.goto(at("/mentor"));
  await Promise.all([
    mentor.page.waitForURL(new RegExp(`/n/${slug}/mentors/${sergei.id}$`)),
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
      .innerText(),
  ).toBe("Эта дата уже прошла. Оставьте поле пустым, если наставник на месте.");
  expect(await mentor.page.locator("input[name=tags]").inputValue()).toBe("математика, физика, астрономия");
  await checkPage(mentor.page);
  await mentor.page.fill("input[name=awayUntil]", "");
  await submitForm(mentor.page, "main form button.primary");
  expect(await mentor.page.locator("main .notice").innerText()).toBe("Профиль сохранён.");
  expect(await mentor.page.locator("input[name=tags]").inputValue()).toBe("астрономия, математика, физика");
  const response = await mentor.page.goto(at(`/n/${slug}/mentors/${natalia.id}`));
  expect(response?.status()).toBe(403); // a colleague's profile
  await mentor.context.close();
});
