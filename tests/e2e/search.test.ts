/**
 * Search as a teacher meets it: a new question is findable by another form of its words
 * within two seconds, and similar threads appear while a title is typed.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { askQuestion, checkPage, failOnServerErrors, launchBrowser, newContext } from "./helpers";
import { makePerson, signIn } from "./people";

failOnServerErrors();

/**
 * The promise to a teacher: what was just posted can be found at once (the 2 s target). How long
 * it takes is a figure for `npm run bench` (the post-to-findable lag row), not for a timed test
 * on a busy two-core machine: here it must become findable at all, and the wait is reported.
 */
const FINDABLE_WITHIN_MS = 60_000;
const RETRY_MS = 100;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function registeredTeacher(homeNetwork: string) {
  return signIn(
    browser,
    await makePerson({ label: "search", displayName: "Учитель Поиска", networks: [homeNetwork], subjects: "история" }),
  );
}

test("a new question is found by an inflected form of a title word soon after it is posted", async () => {
  const { context, page } = await registeredTeacher("sverdlovsk");
  const stamp = Date.now().toString(36);
  await askQuestion(page, "sverdlovsk", {
    title: `Краеведческие экскурсии для пятиклассников ${stamp}`,
    body: "Какие краеведческие экскурсии по Уралу вы проводите с пятыми классами и как их готовите?",
    tags: "история, краеведение",
  });
  const posted = Date.now();
  const reader = await newContext(browser);
  const readerPage = await reader.newPage();
  // «экскурсиями» and «пятиклассника» are forms the title does not contain.
  const url = `/search?q=${encodeURIComponent(`экскурсиями пятиклассника ${stamp}`)}`;
  // Ask the server, not the browser's rendering, whether it is findable yet.
  let found = false;
  while (!found && Date.now() - posted < FINDABLE_WITHIN_MS) {
    const html = await (await reader.request.get(url)).text();
    // The query itself is echoed in the form: look for the stamp inside a result row.
    found = html
      .split('class="thread-row"')
      .slice(1)
      .some((row) => row.includes(stamp));
    if (!found) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  expect(found, `not findable within ${FINDABLE_WITHIN_MS} ms`).toBe(true);
  console.info(`search e2e: findable ${Date.now() - posted} ms after publishing (target 2000 ms; the bench measures it)`);
  await readerPage.goto(url);
  expect(await readerPage.locator("ol.thread-list li", { hasText: stamp }).count()).toBe(1);
  expect(await readerPage.locator("ol.thread-list li mark").count()).toBeGreaterThan(0);
  await checkPage(readerPage);
  await reader.close();
  await context.close();
});

test("similar threads appear while a title is typed, solved ones first", async () => {
  const { context, page } = await registeredTeacher("novosibirsk");
  await page.goto("/n/novosibirsk/ask");
  // The demo data has a solved question «Как объяснить восьмиклассникам закон Ома?».
  await page.locator('input[name="title"]').pressSequentially("Как объяснять закон Ома", { delay: 20 });
  const box = page.locator("section.similar");
  await box.waitFor({ state: "visible" });
  const first = box.locator("li").first();
  expect(await first.textContent()).toContain("закон Ома");
  expect(await first.locator(".badge.solved").count()).toBe(1);
  expect(await first.locator("a", { hasText: "Это отвечает на мой вопрос" }).getAttribute("href")).toMatch(/^\/t\/\d+-/);
  await checkPage(page);
  await context.close();
});

test("the search box in the header works without JavaScript", async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.fill("#header-q", "законы ома");
  await Promise.all([page.waitForURL("**/search?q=*"), page.press("#header-q", "Enter")]);
  expect(await page.locator("ol.thread-list li").first().textContent()).toContain("закон Ома");
  await checkPage(page);
  await context.close();
});
