/**
 * Every page of a role passes the checks (axe, a 360 px phone, no console or server error). Each
 * test brings its own people, courses and announcements (people.ts); the demo data is only read.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { askQuestion, baseURL, checkPage, failOnServerErrors, launchBrowser, newContext, openingPost } from "./helpers";
import { makeAnnouncement, makeCourse, makePerson, signIn } from "./people";

failOnServerErrors();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("every page a visitor can open passes the checks", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  for (const path of ["/", "/n/moskva", "/n/yakutia", "/register", "/login"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(page);
  }
  await context.close();
});

test("every page an admin can open passes the checks", async () => {
  const admin = await makePerson({ label: "admin", displayName: "Администратор проверки", admin: true });
  const { context, page } = await signIn(browser, admin);
  const paths = [
    "/",
    "/n/yakutia",
    "/n/moskva/members",
    "/admin",
    "/admin/networks/new",
    "/settings/profile",
    "/settings/password",
    "/settings/notifications",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(page);
  }
  await context.close();
});

test("every page of reading, asking and editing a thread passes the checks for a signed-in teacher", async () => {
  const teacher = await makePerson({ label: "reader", displayName: "Ольга Читающая", networks: ["novosibirsk"], subjects: "физика" });
  const { context, page } = await signIn(browser, teacher);
  const run = stamp();
  const threadPath = await askQuestion(page, "novosibirsk", {
    title: `Как провести лабораторную по оптике без линз? ${run}`,
    body: `В кабинете физики нет набора линз. Чем их заменить на уроке в 8 классе? (${run})`,
    tags: "физика, оптика",
  });

  await page.goto("/n/novosibirsk?view=mine");
  expect(await page.locator('nav .tabs a[aria-current="page"]').getAttribute("href")).toBe("/n/novosibirsk?view=mine");
  expect(await page.locator(".thread-row h3 a").first().getAttribute("href")).toBe(threadPath);
  await checkPage(page);
  await page.goto(threadPath);
  const postId = (await openingPost(page).getAttribute("id"))!.replace("post-", "");
  const profilePath = (await openingPost(page).locator('.post-meta a[href^="/u/"]').getAttribute("href"))!;
  const tagPath = (await page.locator("main .tags a").first().getAttribute("href"))!;

  await page.goto(`/p/${postId}/edit`);
  const body = await page.inputValue('textarea[name="body"]');
  await page.fill('textarea[name="body"]', `${body}\n\nДополнение: класс — 30 человек.`);
  await page.fill('input[name="reason"]', "добавила размер класса");
  await Promise.all([page.waitForURL(`**${threadPath}#post-${postId}`), page.click('button[name="intent"][value="save"]')]);

  const paths = [
    threadPath,
    `/p/${postId}/edit`,
    `/p/${postId}/history`,
    profilePath,
    tagPath,
    `${tagPath}&view=unsolved`,
    "/n/novosibirsk?view=solved",
    "/n/novosibirsk/ask",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(page);
  }

  await page.goto(`/p/${postId}`);
  expect(page.url()).toBe(`${baseURL}${threadPath}#post-${postId}`);
  await context.close();
});

test("every course page passes the checks, for a visitor, an enrolled teacher and a moderator", async () => {
  // The demo course, as anyone sees it signed out.
  const visitor = await newContext(browser);
  const guest = await visitor.newPage();
  await guest.goto("/n/novosibirsk/courses");
  await checkPage(guest);
  await Promise.all([guest.waitForURL(/\/courses\/\d+$/), guest.getByRole("link", { name: /Функциональная грамотность/ }).click()]);
  const demoCourse = new URL(guest.url()).pathname;
  await checkPage(guest);
  const modulePath = (await guest.locator(".module h3 a").nth(1).getAttribute("href"))!;
  await guest.goto(modulePath);
  await checkPage(guest);
  await guest.goto(`/search?network=novosibirsk&course=${demoCourse.split("/").pop()}`);
  expect(await guest.locator("select[name=course]").inputValue()).toBe(demoCourse.split("/").pop());
  await checkPage(guest);
  await visitor.close();

  // A course of this test's own, with a teacher enrolled in it.
  const moderator = await makePerson({ label: "course-moderator", networks: [{ slug: "novosibirsk", moderator: true }] });
  const teacher = await makePerson({ label: "course-teacher", networks: ["novosibirsk"] });
  const course = await makeCourse({
    network: "novosibirsk",
    title: `Наставничество в школе ${stamp()}`,
    createdBy: moderator,
    enrolled: [teacher],
    modules: ["Модуль 1. Роли наставника", "Модуль 2. Разбор урока"],
  });

  const asTeacher = await signIn(browser, teacher);
  await asTeacher.page.goto(course.path);
  await checkPage(asTeacher.page);
  const askPath = (await asTeacher.page.locator('a[href*="/ask?module="]').first().getAttribute("href"))!;
  await asTeacher.page.goto(askPath);
  await checkPage(asTeacher.page);
  await asTeacher.context.close();

  const asModerator = await signIn(browser, moderator);
  const pages = [
    "/n/novosibirsk/courses",
    "/n/novosibirsk/courses/new",
    course.path,
    `${course.path}/edit`,
    `${course.path}/people`,
    `${course.path}/unanswered`,
  ];
  for (const path of pages) {
    const response = await asModerator.page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(asModerator.page);
  }
  await asModerator.context.close();
});

test("announcement pages pass the checks: the banner for a teacher who has not read it, the receipts for its curator", async () => {
  const run = stamp();
  const curator = await makePerson({ label: "curator", displayName: "Куратор Курса", networks: ["novosibirsk"] });
  const [reader, unread] = [
    await makePerson({ label: "read", displayName: "Прочитавшая Учительница", networks: ["novosibirsk"] }),
    await makePerson({ label: "unread", displayName: "Непрочитавшая Учительница", networks: ["novosibirsk"] }),
  ];
  const course = await makeCourse({
    network: "novosibirsk",
    title: `Цифровая школа ${run}`,
    createdBy: curator,
    curators: [curator],
    enrolled: [reader, unread],
  });
  const title = `Вебинар курса переносится на пятницу ${run}`;
  const announcement = await makeAnnouncement({
    network: "novosibirsk",
    courseId: course.id,
    author: curator,
    title,
    acknowledgedBy: [reader],
  });

  const teacher = await signIn(browser, unread);
  await teacher.page.goto("/n/novosibirsk");
  // Not yet acknowledged: the announcement is above the page.
  const banner = teacher.page.locator("aside.announcement-banner");
  expect(await banner.locator("li a").allInnerTexts()).toContain(title);
  expect(await banner.locator("li a", { hasText: title }).getAttribute("href")).toBe(announcement.path);
  await checkPage(teacher.page);
  for (const path of [announcement.path, "/announcements", "/n/novosibirsk/announcements"]) {
    const response = await teacher.page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(teacher.page);
  }
  // A recipient is not staff: no receipts.
  await teacher.page.goto(announcement.path);
  expect(await teacher.page.locator("#receipts").count()).toBe(0);
  await teacher.context.close();

  const staff = await signIn(browser, curator);
  for (const path of [announcement.path, `${announcement.path}/edit`, "/n/novosibirsk/announcements", "/n/novosibirsk/announcements/new"]) {
    const response = await staff.page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(staff.page);
  }
  await staff.page.goto(announcement.path);
  expect(await staff.page.locator("#receipts .receipts-count").innerText()).toBe("Подтвердили 1 из 2 (50%)");
  await staff.context.close();
});

test("the demo course's webinar announcement shows its receipts to a moderator of the network: 3 of 4 have read it", async () => {
  const moderator = await makePerson({ label: "demo-receipts", networks: [{ slug: "novosibirsk", moderator: true }] });
  const { context, page } = await signIn(browser, moderator);
  await page.goto("/n/novosibirsk/announcements");
  await Promise.all([page.waitForURL(/\/a\/\d+$/), page.getByRole("link", { name: "Вебинар по модулю 2 — в четверг в 15:00" }).click()]);
  expect(await page.locator("#receipts .receipts-count").innerText()).toBe("Подтвердили 3 из 4 (75%)");
  await checkPage(page);
  await context.close();
});
