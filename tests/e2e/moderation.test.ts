/**
 * Moderation in a real browser: members flag an answer until it hides, a moderator restores
 * it from the queue; a moderator closes a question as a duplicate and search then leads to
 * the canonical thread; a moderator turns a thread into a knowledge-base entry. Each test runs
 * in a network of its own with people of its own (people.ts), so the queue, the log and search
 * show only what the test did; the flaggers browse without JavaScript.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { askQuestion, checkPage, failOnServerErrors, launchBrowser, newContext, submitForm } from "./helpers";
import { makeNetwork, makePerson, makeQuestion, signIn } from "./people";

failOnServerErrors();

/**
 * The outbox worker polls every 150 ms, so a change is findable within about a second; on a
 * busy machine it may take longer. This is how long a test waits, not a promise it checks.
 */
const FINDABLE_WITHIN_MS = 60_000;
const RETRY_MS = 200;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function stamp() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A network of the test's own with its moderator. */
async function community(label: string) {
  const network = await makeNetwork({ name: `Сеть модерации ${label}` });
  const moderator = await makePerson({
    label: `${label}-moderator`,
    displayName: "Ольга Модерирующая",
    networks: [{ slug: network.slug, moderator: true }],
  });
  const member = (name: string) => makePerson({ label: `${label}-${name}`, displayName: `Учитель ${name}`, networks: [network.slug] });
  return { network, moderator, member };
}

function answerOn(page: Page, text: string) {
  return page.locator("section[aria-labelledby='answers-heading'] article.post", { hasText: text });
}

/** Reloads `url` until `found` says yes or the wait is over; returns whether it did. */
async function until(page: Page, url: string, found: () => Promise<boolean>) {
  const started = Date.now();
  for (;;) {
    await page.goto(url);
    if (await found()) return true;
    if (Date.now() - started > FINDABLE_WITHIN_MS) return false;
    await page.waitForTimeout(RETRY_MS);
  }
}

test("three members flag an answer, it disappears for a reader, and a moderator restores it from /mod", async () => {
  const run = stamp();
  const { network, moderator, member } = await community("flags");
  const answerText = `Покупайте готовые презентации на моём сайте, недорого. ${run}`;
  const asker = await signIn(browser, await member("asker"));
  const threadPath = await askQuestion(asker.page, network.slug, {
    title: `Как провести родительское собрание онлайн? ${run}`,
    body: `В сельской школе у родителей слабый интернет. Какой формат собрания сработал у вас? (${run})`,
    tags: "родители, дистанционное обучение",
  });
  const answerer = await signIn(browser, await member("answerer"));
  await answerer.page.goto(threadPath);
  await answerer.page.fill('form textarea[name="body"]', answerText);
  await Promise.all([answerer.page.waitForURL(/#post-\d+$/), answerer.page.click('button[name="intent"][value="answer"]')]);

  for (const [i, reason] of (["spam", "off_topic", "spam"] as const).entries()) {
    const flagger = await signIn(browser, await member(`flagger${i}`), { javaScript: false });
    await flagger.page.goto(threadPath);
    await Promise.all([
      flagger.page.waitForURL(/\/p\/\d+\/flag$/),
      answerOn(flagger.page, answerText).getByRole("link", { name: "Пожаловаться" }).click(),
    ]);
    await flagger.page.getByRole("heading", { level: 1, name: "Жалоба на сообщение" }).waitFor();
    if (i === 0) {
      // Nothing chosen: the message stands beside the choices, in Russian.
      const refused = await submitForm(flagger.page, 'button:has-text("Отправить жалобу")');
      expect(refused.status()).toBe(400);
      expect(await flagger.page.locator("fieldset .field-errors").textContent()).toContain("Выберите, что не так с сообщением.");
      await checkPage(flagger.page);
    }
    await flagger.page.check(`input[name="reason"][value="${reason}"]`);
    await submitForm(flagger.page, 'button:has-text("Отправить жалобу")');
    expect(await flagger.page.locator("p.notice").textContent()).toBe(
      i < 2 ? "Спасибо! Жалоба отправлена модераторам сети." : "Спасибо! Сообщение скрыто до решения модератора.",
    );
    await checkPage(flagger.page);
    await flagger.context.close();
  }

  const reader = await newContext(browser);
  const readerPage = await reader.newPage();
  await readerPage.goto(threadPath);
  expect(await answerOn(readerPage, answerText).count()).toBe(0);
  expect(await readerPage.locator("#answers-heading").textContent()).toBe("0 ответов");

  // Its author still sees it, marked.
  await answerer.page.goto(threadPath);
  expect(await answerOn(answerer.page, answerText).locator(".removal").textContent()).toContain("Скрыто по жалобам участников");
  await checkPage(answerer.page);

  const mod = await signIn(browser, moderator);
  await mod.page.goto(`/n/${network.slug}`);
  const navLink = mod.page.locator("header nav a[href='/mod']");
  expect(await navLink.textContent()).toContain("Модерация");
  await Promise.all([mod.page.waitForURL("**/mod"), navLink.click()]);
  const item = mod.page.locator("li.queue-item", { hasText: answerText });
  expect(await item.locator(".badge").first().textContent()).toBe("Скрыто");
  expect(await item.locator(".flag-list li").count()).toBe(3);
  await checkPage(mod.page);
  await Promise.all([mod.page.waitForURL(/\/mod\/p\/\d+$/), item.getByRole("link", { name: "Сообщение, все жалобы и история" }).click()]);
  expect(await mod.page.locator(".flag-list li .badge").first().textContent()).toBe("ждёт решения");
  await checkPage(mod.page);
  await mod.page.goBack();
  await Promise.all([mod.page.waitForURL("**/mod?done=keep"), item.getByRole("button", { name: "Вернуть" }).click()]);
  expect(await mod.page.locator("p.notice").textContent()).toContain("сообщение видно всем");
  expect(await mod.page.locator("li.queue-item", { hasText: answerText }).count()).toBe(0);
  await checkPage(mod.page);

  // The moderator's log holds only this network: the restore is its latest entry.
  await mod.page.goto("/mod/log");
  expect(await mod.page.locator(".log-entry").first().textContent()).toContain("сообщение возвращено");
  await checkPage(mod.page);

  await readerPage.reload();
  expect(await answerOn(readerPage, answerText).count()).toBe(1);
  await checkPage(readerPage);
  for (const c of [reader, mod.context, asker.context, answerer.context]) await c.close();
});

test("a moderator closes a question as a duplicate, and a search for its title leads to the canonical thread", async () => {
  const run = stamp();
  const { network, moderator, member } = await community("duplicate");
  const canonicalTitle = `Как объяснить восьмиклассникам закон Ома? ${run}`;
  await makeQuestion({
    network: network.slug,
    author: await member("first"),
    title: canonicalTitle,
    body: `Ученики путают, что от чего зависит в законе Ома. Как показать это на опыте? (${run})`,
    tags: ["физика", "8 класс"],
  });
  const title = `Закон Ома в восьмом классе: как показать на опыте ${run}`;
  const asker = await signIn(browser, await member("second"));
  const threadPath = await askQuestion(asker.page, network.slug, {
    title,
    body: `Восьмиклассники не понимают, почему ток зависит от сопротивления. Какой опыт показать? (${run})`,
    tags: "физика, 8 класс",
  });
  await asker.context.close();

  const mod = await signIn(browser, moderator);
  await mod.page.goto(threadPath);
  await Promise.all([mod.page.waitForURL(/\/mod\/t\/\d+$/), mod.page.getByRole("link", { name: "Модерация темы" }).click()]);
  await checkPage(mod.page);
  const toolsPath = new URL(mod.page.url()).pathname;
  const candidate = mod.page.locator(".candidates li", { hasText: canonicalTitle });
  // The canonical thread was posted moments ago: search has it once the outbox is delivered.
  const offered = await until(
    mod.page,
    `${toolsPath}?q=${encodeURIComponent(`закон Ома восьмиклассникам ${run}`)}`,
    async () => (await candidate.count()) > 0,
  );
  expect(offered, `the canonical thread was not offered within ${FINDABLE_WITHIN_MS} ms`).toBe(true);
  await checkPage(mod.page);
  await Promise.all([
    mod.page.waitForURL(/done=duplicate$/),
    candidate.getByRole("button", { name: "Закрыть как повтор этой темы" }).click(),
  ]);
  expect(await mod.page.locator("p.notice").textContent()).toContain("Тема закрыта как повтор.");
  await mod.context.close();

  const reader = await newContext(browser, { javaScript: false });
  const page = await reader.newPage();
  await page.goto(threadPath);
  const banner = page.locator("aside.duplicate-banner");
  expect(await banner.getByRole("heading").textContent()).toBe("Этот вопрос уже задавали");
  const canonicalHref = await banner.getByRole("link").getAttribute("href");
  expect(canonicalHref).toMatch(/^\/t\/\d+-/);
  expect(await page.locator('textarea[name="body"]').count()).toBe(0);
  await checkPage(page);

  // Search by the duplicate's own title: the canonical thread answers in its place.
  const firstHit = page.locator("ol.thread-list li h3 a").first();
  const leads = await until(
    page,
    `/search?q=${encodeURIComponent(title)}`,
    async () => (await firstHit.count()) > 0 && (await firstHit.getAttribute("href")) === canonicalHref,
  );
  expect(leads, `search did not lead to the canonical thread within ${FINDABLE_WITHIN_MS} ms`).toBe(true);
  expect(await page.locator("ol.thread-list li").first().textContent()).toContain("Найдено по закрытому повтору:");
  await checkPage(page);
  await Promise.all([page.waitForURL(`**${canonicalHref}`), firstHit.click()]);
  expect(await page.locator("main h1").textContent()).toContain(canonicalTitle);
  await reader.close();
});

test("a moderator turns a thread into a knowledge-base entry; search offers it first and a reader says it helped", async () => {
  const run = stamp();
  const { network, moderator, member } = await community("kb");
  const sourcePath = await makeQuestion({
    network: network.slug,
    author: await member("asker"),
    title: `Чем заменить интерактивную доску на уроке геометрии? ${run}`,
    body: `В кабинете нет интерактивной доски, а чертежи надо показывать всему классу. Что вы используете? (${run})`,
    tags: ["математика", "оснащение"],
  });
  const title = `Без интерактивной доски: документ-камера или телефон на штативе ${run}`;
  const mod = await signIn(browser, moderator);
  await mod.page.goto(`/n/${network.slug}`);
  await Promise.all([mod.page.waitForURL(`**/n/${network.slug}/kb`), mod.page.getByRole("link", { name: /База знаний сети/ }).click()]);
  await checkPage(mod.page);
  await mod.page.goto(sourcePath);
  await Promise.all([
    mod.page.waitForURL(/\/kb\/new\?thread=\d+$/),
    mod.page.getByRole("link", { name: "Добавить в базу знаний" }).click(),
  ]);
  expect(await mod.page.inputValue('input[name="tags"]')).toBe("математика, оснащение");
  expect(await mod.page.inputValue('textarea[name="sources"]')).toMatch(/^\/t\/\d+-/);
  await checkPage(mod.page);
  await mod.page.fill('input[name="title"]', title);
  const refused = await submitForm(mod.page, 'button[name="intent"][value="save"]');
  expect(refused.status()).toBe(400);
  expect(
    await mod.page
      .locator(".field", { has: mod.page.locator('textarea[name="summary"]') })
      .locator(".field-errors")
      .textContent(),
  ).toContain("Заполните это поле.");
  expect(await mod.page.inputValue('input[name="title"]')).toBe(title);
  await mod.page.fill(
    'textarea[name="summary"]',
    "Документ-камера или телефон на штативе, подключённый к проектору: строите в тетради — класс видит на экране.",
  );
  await Promise.all([
    mod.page.waitForURL(new RegExp(`/n/${network.slug}/kb/\\d+$`)),
    mod.page.click('button[name="intent"][value="save"]'),
  ]);
  const entryPath = new URL(mod.page.url()).pathname;
  expect(await mod.page.locator("main h1").textContent()).toBe(title);
  await checkPage(mod.page);

  const reader = await signIn(browser, await member("reader"), { javaScript: false });
  const page = reader.page;
  const firstHit = page.locator("main section.kb-hits li").first();
  const offered = await until(page, `/search?q=${encodeURIComponent(`документ-камера ${run}`)}`, async () => (await firstHit.count()) > 0);
  expect(offered, `the entry was not offered within ${FINDABLE_WITHIN_MS} ms`).toBe(true);
  expect(await firstHit.locator("h3 a").getAttribute("href")).toBe(entryPath);
  await checkPage(page);
  await Promise.all([page.waitForURL(`**${entryPath}`), firstHit.locator("h3 a").click()]);
  await Promise.all([page.waitForURL(/thanks#helpful$/), page.getByRole("button", { name: "Да, помогло" }).click()]);
  expect(await page.locator("#helpful").textContent()).toContain("Помогло: 1 · Не помогло: 0");
  await checkPage(page);
  await reader.context.close();

  // The rest of the moderator's pages, and the queue in English (the choice sticks to this test's own account).
  await mod.page.goto("/mod/log?action=kb.create");
  expect(await mod.page.locator(".log-entry").first().textContent()).toContain(title);
  await Promise.all([
    mod.page.waitForURL(/\/mod\/u\/\d+$/),
    mod.page.locator(".log-entry").first().getByRole("link", { name: moderator.displayName }).click(),
  ]);
  await checkPage(mod.page);
  await mod.page.goto("/mod");
  await Promise.all([mod.page.waitForURL("**/mod"), mod.page.locator("form.language-switch button").click()]);
  expect(await mod.page.locator("main h1").textContent()).toBe("Moderation queue");
  await checkPage(mod.page);
  await mod.context.close();
});
