/**
 * A course in a real browser, without JavaScript as on an old school computer: a moderator
 * creates a course with two modules and an announcement that must be acknowledged; a teacher
 * enrols, acknowledges it from the banner and asks in module 2; the curator sees the
 * acknowledgement and finds the question in the course's unanswered list.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  checkPage,
  failOnServerErrors,
  fillQuestion,
  fillRegistration,
  launchBrowser,
  newContext,
  publish,
  submitForm,
  uniqueEmail,
} from "./helpers";
import { makePerson, signIn } from "./people";

failOnServerErrors();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

async function addModule(page: Page, title: string, description: string) {
  const form = page.locator("form#module-new");
  await form.locator("input[name=title]").fill(title);
  await form.locator("textarea[name=description]").fill(description);
  await form.locator("textarea[name=materials]").fill(`Запись вебинара https://video.example.org/${encodeURIComponent(title)}`);
  await submitForm(page, form.locator('button[name="intent"][value="module-add"]'));
}

test("a moderator creates a course with two modules, a teacher enrols and asks in module 2, the curator sees it unanswered", async () => {
  const run = stamp();
  const courseTitle = `Цифровая грамотность учителя ${run}`;

  const person = await makePerson({
    label: "course-moderator",
    displayName: "Ольга Курсовая",
    networks: [{ slug: "novosibirsk", moderator: true }],
  });
  const { context: mod, page: moderator } = await signIn(browser, person, { javaScript: false });
  await moderator.goto("/n/novosibirsk");
  // The network page links to its courses.
  expect(await moderator.locator('main a[href="/n/novosibirsk/courses"]').innerText()).toBe("Курсы сети");
  await moderator.goto("/n/novosibirsk/courses");
  await Promise.all([moderator.waitForURL("**/courses/new"), moderator.getByRole("link", { name: "Создать курс" }).click()]);

  // A course that ends before it starts is refused beside the field, with the rest kept.
  await moderator.fill("input[name=title]", courseTitle);
  await moderator.fill("textarea[name=description]", "Курс о **цифровых инструментах** на уроке.");
  await moderator.fill("input[name=startsOn]", "2026-10-01");
  await moderator.fill("input[name=endsOn]", "2026-09-01");
  await moderator.check("input[name=enrolment][value=open]");
  const refused = await submitForm(moderator, 'button[name="intent"][value="save"]');
  expect(refused.status()).toBe(400);
  expect(
    await moderator
      .locator(".field", { has: moderator.locator("[name=endsOn]") })
      .locator(".field-errors")
      .innerText(),
  ).toBe("Курс не может закончиться раньше, чем начнётся.");
  expect(await moderator.inputValue("input[name=title]")).toBe(courseTitle);
  await checkPage(moderator);
  await moderator.fill("input[name=endsOn]", "2026-12-20");
  await submitForm(moderator, 'button[name="intent"][value="save"]');
  expect(new URL(moderator.url()).pathname).toMatch(/^\/n\/novosibirsk\/courses\/\d+\/edit$/);
  const coursePath = new URL(moderator.url()).pathname.replace(/\/edit$/, "");

  await addModule(moderator, "Модуль 1. Электронный журнал", "Заполняем журнал и отчёты без лишней работы.");
  await addModule(moderator, "Модуль 2. Онлайн-тесты", "Составляем тест для своего класса.");
  expect(await moderator.locator("ol.module-list > li h3").allInnerTexts()).toEqual([
    "Модуль 1. Электронный журнал",
    "Модуль 2. Онлайн-тесты",
  ]);
  await checkPage(moderator);

  // The curator publishes an announcement to the course that each teacher must acknowledge.
  await moderator.goto(coursePath);
  await Promise.all([
    moderator.waitForURL(/\/announcements\/new\?course=\d+$/),
    moderator.getByRole("link", { name: "Объявление для курса" }).click(),
  ]);
  expect(await moderator.locator("select[name=audience] option:checked").innerText()).toBe(`Курс: ${courseTitle}`);
  const announcementTitle = `Вебинар модуля 2 переносится на четверг ${run}`;
  await moderator.fill("input[name=title]", announcementTitle);
  await moderator.fill("textarea[name=body]", "Встречаемся в **четверг в 15:00** по той же ссылке.");
  await moderator.check("input[name=ackRequired]");
  await submitForm(moderator, 'button[name="intent"][value="save"]');
  expect(new URL(moderator.url()).pathname).toMatch(/^\/a\/\d+$/);
  const announcementPath = new URL(moderator.url()).pathname;
  expect(await moderator.locator("main h1").innerText()).toBe(announcementTitle);
  await checkPage(moderator);

  // A teacher registers in the network, enrols, and asks from module 2.
  const teacherContext = await newContext(browser, { javaScript: false });
  const teacher = await teacherContext.newPage();
  await teacher.goto("/register");
  await fillRegistration(teacher, {
    email: uniqueEmail("course"),
    password: "курсы помогают учиться",
    displayName: "Учитель курса",
    homeNetwork: "novosibirsk",
    school: "",
    subjects: "информатика",
  });
  await Promise.all([teacher.waitForURL("**/n/novosibirsk"), teacher.click("form button.primary")]);
  await teacher.goto(coursePath);
  expect(await teacher.locator("main .post-body strong").innerText()).toBe("цифровых инструментах");
  expect(await teacher.locator('a[href*="/ask?module="]').count()).toBe(0);
  await submitForm(teacher, 'button[name="intent"][value="enrol"]');
  expect(await teacher.locator("main").innerText()).toContain("Вы записаны");
  await checkPage(teacher);
  // Enrolled, the teacher sees the announcement above the page until they acknowledge it.
  const banner = teacher.locator("aside.announcement-banner");
  expect(await banner.locator("li a").allInnerTexts()).toEqual([announcementTitle]);
  await submitForm(teacher, banner.getByRole("button", { name: `Я прочитал(а): ${announcementTitle}` }));
  expect(new URL(teacher.url()).pathname).toBe(coursePath);
  expect(await teacher.locator("aside.announcement-banner").count()).toBe(0);
  const moduleTwo = teacher.locator("ol.module-list > li", { hasText: "Модуль 2. Онлайн-тесты" });
  await Promise.all([
    teacher.waitForURL(/\/ask\?module=\d+$/),
    moduleTwo.getByRole("link", { name: "Задать вопрос по этому модулю" }).click(),
  ]);
  expect(await teacher.locator("main .breadcrumb").innerText()).toBe(`${courseTitle} → Модуль 2. Онлайн-тесты`);
  const questionTitle = `Как сделать онлайн-тест без регистрации учеников? ${run}`;
  await fillQuestion(teacher, {
    title: questionTitle,
    body: "Ученики 5 класса не помнят пароли. Какой сервис позволяет пройти тест по ссылке?",
    tags: "онлайн-тесты, 5 класс",
  });
  await publish(teacher);
  const crumb = teacher.locator("main .breadcrumb");
  expect(await crumb.innerText()).toContain(`${courseTitle} → Модуль 2. Онлайн-тесты`);
  await checkPage(teacher);
  await teacherContext.close();

  // The curator (the moderator who created the course) finds it in the course's unanswered list.
  await moderator.goto(coursePath);
  await Promise.all([moderator.waitForURL("**/unanswered"), moderator.getByRole("link", { name: "Вопросы без ответа" }).click()]);
  const row = moderator.locator("section[aria-labelledby=no-answers] li", { hasText: questionTitle });
  expect(await row.innerText()).toContain("Модуль 2. Онлайн-тесты");
  await checkPage(moderator);

  // And sees who has read the announcement.
  await moderator.goto(announcementPath);
  expect(await moderator.locator("#receipts .receipts-count").innerText()).toBe("Подтвердили 1 из 1 (100%)");
  const read = moderator.locator(".receipts-lists > div", { has: moderator.locator("h3", { hasText: /^Прочитали/ }) });
  expect(await read.innerText()).toContain("Учитель курса");
  await checkPage(moderator);
  await mod.close();
}, 180_000);
