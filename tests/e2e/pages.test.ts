import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { baseURL, checkPage, failOnServerErrors, launchBrowser, logIn, logoutButton, newContext, openingPost } from "./helpers";

failOnServerErrors();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

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
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await logIn(page, "admin@kollegi.test", "kollegi-admin-demo");
  await page.locator('form[action="/logout"] button').waitFor();
  const paths = ["/", "/n/yakutia", "/n/moskva/members", "/admin", "/admin/networks/new", "/settings/profile", "/settings/password", "/settings/notifications"];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(page);
  }
  await context.close();
});

test("every page of reading, asking and editing a thread passes the checks for a signed-in teacher", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await logIn(page, "teacher@kollegi.test", "kollegi-teacher-demo");
  await page.locator('form[action="/logout"] button').waitFor();

  // The demo data gives this teacher questions of her own; asking another would spend her
  // first-day thread limit, which questions.test.ts needs.
  await page.goto("/n/novosibirsk?view=mine");
  expect(await page.locator('nav .tabs a[aria-current="page"]').getAttribute("href")).toBe("/n/novosibirsk?view=mine");
  await checkPage(page);
  await page.locator(".thread-row h3 a").first().click();
  await page.waitForURL(/\/t\/\d+-/);
  const threadPath = new URL(page.url()).pathname;
  const postId = (await openingPost(page).getAttribute("id"))!.replace("post-", "");
  const profilePath = (await openingPost(page).locator('.post-meta a[href^="/u/"]').getAttribute("href"))!;
  const tagPath = (await page.locator("main .tags a").first().getAttribute("href"))!;

  await page.goto(`/p/${postId}/edit`);
  const body = await page.inputValue('textarea[name="body"]');
  await page.fill('textarea[name="body"]', `${body}\n\nДополнение ${Date.now()}: класс — 30 человек.`);
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
  const visitor = await newContext(browser);
  const guest = await visitor.newPage();
  await guest.goto("/n/novosibirsk/courses");
  await checkPage(guest);
  await Promise.all([guest.waitForURL(/\/courses\/\d+$/), guest.getByRole("link", { name: /Функциональная грамотность/ }).click()]);
  const coursePath = new URL(guest.url()).pathname;
  await checkPage(guest);
  const modulePath = (await guest.locator(".module h3 a").nth(1).getAttribute("href"))!;
  await guest.goto(modulePath);
  await checkPage(guest);
  await guest.goto(`/search?network=novosibirsk&course=${coursePath.split("/").pop()}`);
  expect(await guest.locator("select[name=course]").inputValue()).toBe(coursePath.split("/").pop());
  await checkPage(guest);
  await visitor.close();

  const teacherContext = await newContext(browser);
  const teacher = await teacherContext.newPage();
  await teacher.goto("/login");
  await logIn(teacher, "teacher@kollegi.test", "kollegi-teacher-demo");
  await logoutButton(teacher).waitFor();
  await teacher.goto(coursePath);
  await checkPage(teacher);
  const askPath = (await teacher.locator('a[href*="/ask?module="]').first().getAttribute("href"))!;
  await teacher.goto(askPath);
  await checkPage(teacher);
  await teacherContext.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await logIn(page, "moderator@kollegi.test", "kollegi-moderator-demo");
  await logoutButton(page).waitFor();
  for (const path of ["/n/novosibirsk/courses", "/n/novosibirsk/courses/new", coursePath, `${coursePath}/edit`, `${coursePath}/people`, `${coursePath}/unanswered`]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(page);
  }
  await context.close();
});

test("announcement pages pass the checks: the banner for a teacher who has not read it, the receipts for its curator", async () => {
  const teacherContext = await newContext(browser);
  const teacher = await teacherContext.newPage();
  await teacher.goto("/login");
  await logIn(teacher, "marina@kollegi.test", "kollegi-teacher-demo");
  await logoutButton(teacher).waitFor();
  await teacher.goto("/n/novosibirsk");
  // The demo course's webinar announcement, which marina has not acknowledged, is above the page.
  const banner = teacher.locator("aside.announcement-banner");
  expect(await banner.locator("li a").allInnerTexts()).toContain("Вебинар по модулю 2 — в четверг в 15:00");
  await checkPage(teacher);
  const announcementPath = (await banner.locator("li a", { hasText: "Вебинар по модулю 2" }).getAttribute("href"))!;
  for (const path of [announcementPath, "/announcements", "/n/novosibirsk/announcements"]) {
    const response = await teacher.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(teacher);
  }
  // A recipient is not staff: no receipts.
  expect(await teacher.locator("#receipts").count()).toBe(0);
  await teacherContext.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await logIn(page, "mentor@kollegi.test", "kollegi-mentor-demo");
  await logoutButton(page).waitFor();
  for (const path of [announcementPath, `${announcementPath}/edit`, "/n/novosibirsk/announcements", "/n/novosibirsk/announcements/new"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await checkPage(page);
  }
  await page.goto(announcementPath);
  expect(await page.locator("#receipts .receipts-count").innerText()).toBe("Подтвердили 3 из 4 (75%)");
  await context.close();
});
