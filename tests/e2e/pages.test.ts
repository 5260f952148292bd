import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { baseURL, checkPage, failOnServerErrors, launchBrowser, logIn, newContext, openingPost } from "./helpers";

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
  const paths = ["/", "/n/yakutia", "/n/moskva/members", "/admin", "/admin/networks/new", "/settings/profile", "/settings/password"];
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
