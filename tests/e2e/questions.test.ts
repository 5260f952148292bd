/**
 * Questions and answers, start to finish, in a real browser. Every test asks as people of its
 * own (people.ts), so no account's first-day thread budget is shared between tests.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  askQuestion,
  baseURL,
  checkPage,
  failOnServerErrors,
  fillQuestion,
  fillRegistration,
  launchBrowser,
  newContext,
  openingPost,
  publish,
  submitForm,
  uniqueEmail,
} from "./helpers";
import { makePerson, signIn } from "./people";

failOnServerErrors();

/** The live preview waits 400 ms after the last keystroke, then asks the server: how long to wait for it, on a busy machine too. */
const LIVE_PREVIEW_TIMEOUT_MS = 60_000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Unique per run and per call: the same body twice within five minutes is refused as a double post. */
function stamp() {
  return `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The messages shown in the same field block as the named input. */
function errorsBeside(scope: Page | Locator, name: string) {
  const page = "page" in scope ? scope.page() : scope;
  return scope
    .locator(".field", { has: page.locator(`[name="${name}"]`) })
    .locator(".field-errors")
    .textContent();
}

/** The thread page's top-level parts in document order: the question, the accepted answer, the other answers. */
function threadLayout(page: Page) {
  return page.evaluate(() => {
    const parts = [...document.querySelectorAll("main article.post, main #accepted, main section[aria-labelledby='answers-heading']")];
    return parts
      .filter((part) => !parts.some((other) => other !== part && other.contains(part)))
      .map((part) => (part.id === "accepted" ? "accepted" : part.tagName === "SECTION" ? "answers" : "question"));
  });
}

test("a teacher asks with a formula, a mentor answers, and the accepted answer with its comment sits under the question", async () => {
  const run = stamp();
  const title = `Как объяснить закон Ома восьмиклассникам? ${run}`;
  const body = `Ученики путаются в формуле $I = \\frac{U}{R}$: что от чего зависит. Как показать это на опыте? (${run})`;
  const answerText = `Соберите цепь с реостатом и амперметром: пусть дети сами меняют сопротивление и записывают силу тока. (${run})`;
  const comment = `Попробовала на уроке — ребята сами вывели зависимость! ${run}`;

  const teacher = await makePerson({ label: "asker", displayName: "Анна Спрашивающая", networks: ["novosibirsk"], subjects: "физика" });
  const colleague = await makePerson({
    label: "mentor",
    displayName: "Пётр Отвечающий",
    networks: [{ slug: "novosibirsk", mentor: { tags: ["физика"] } }],
  });
  const asker = await signIn(browser, teacher);
  const page = asker.page;
  await page.goto("/n/novosibirsk");
  await checkPage(page);
  const ask = page.locator('main a.button.primary[href="/n/novosibirsk/ask"]');
  expect(await ask.textContent()).toBe("Задать вопрос");
  await Promise.all([page.waitForURL("**/n/novosibirsk/ask"), ask.click()]);
  await page.getByRole("heading", { level: 1, name: /Новый вопрос/ }).waitFor();
  await checkPage(page);

  await fillQuestion(page, { title, body, tags: "физика, 8 класс" });
  const livePreview = page.locator("section.preview [data-preview-body] math");
  await livePreview.first().waitFor({ timeout: LIVE_PREVIEW_TIMEOUT_MS });
  expect(await page.locator("section.preview").isVisible()).toBe(true);
  expect(await page.locator("section.preview [data-preview-body]").textContent()).toContain("Как показать это на опыте?");
  await checkPage(page);

  await publish(page);
  const threadPath = new URL(page.url()).pathname;
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  expect(await openingPost(page).locator(".post-body math mfrac").count()).toBe(1);
  expect(await page.locator("main .tags").textContent()).toContain("8 класс");
  await checkPage(page);

  const mentor = await signIn(browser, colleague);
  await mentor.page.goto(threadPath);
  await checkPage(mentor.page);
  expect(await mentor.page.locator('button[name="intent"][value="metoo"]').textContent()).toBe("У меня тот же вопрос");
  await mentor.page.fill('form textarea[name="body"]', answerText);
  await Promise.all([mentor.page.waitForURL(/#post-\d+$/), mentor.page.click('button[name="intent"][value="answer"]')]);
  const answer = mentor.page.locator("section[aria-labelledby='answers-heading'] .answer", { hasText: answerText });
  expect(await answer.count()).toBe(1);
  await checkPage(mentor.page);
  await mentor.context.close();

  await page.goto(threadPath);
  const acceptForm = page.locator(".answer", { hasText: answerText }).locator("details.accept");
  expect(await acceptForm.locator("summary").textContent()).toBe("Принять ответ");
  await acceptForm.locator("summary").click();
  await checkPage(page);
  await acceptForm.locator('textarea[name="comment"]').fill("Спасибо!");
  const tooShort = await submitForm(page, acceptForm.locator('button[name="intent"][value="accept"]'));
  expect(tooShort.status()).toBe(400);
  expect(await acceptForm.getAttribute("open")).not.toBeNull();
  expect(await errorsBeside(acceptForm, "comment")).toContain("Не короче 10 символов.");
  expect(await acceptForm.locator('textarea[name="comment"]').inputValue()).toBe("Спасибо!");
  expect(await page.locator("#accepted").count()).toBe(0);
  await checkPage(page);
  await acceptForm.locator('textarea[name="comment"]').fill(comment);
  await Promise.all([page.waitForURL("**#accepted"), acceptForm.locator('button[name="intent"][value="accept"]').click()]);

  expect(await page.locator("main h1 .badge.solved").textContent()).toBe("✓ Решено");
  const accepted = page.locator("#accepted");
  expect(await accepted.getByRole("heading", { level: 2 }).textContent()).toBe("✓ Принятый ответ");
  expect(await accepted.textContent()).toContain(comment);
  expect(await accepted.textContent()).toContain(teacher.displayName);
  expect(await accepted.locator("article.post").textContent()).toContain(answerText);
  expect(await threadLayout(page)).toEqual(["question", "accepted", "answers"]);
  await checkPage(page);

  await page.goto("/n/novosibirsk?view=solved");
  expect(await page.locator('nav .tabs a[aria-current="page"]').getAttribute("href")).toBe("/n/novosibirsk?view=solved");
  const row = page.locator(".thread-row", { has: page.getByRole("link", { name: title }) });
  expect(await row.locator(".badge.solved").textContent()).toBe("✓ Решено");
  await checkPage(page);
  await asker.context.close();
});

test("without JavaScript, a too-short title gets its message, Preview shows the formula and keeps the input, and Publish works", async () => {
  const run = stamp();
  const title = `Проектная неделя в малокомплектной школе ${run}`;
  const body = `Как провести проектную неделю, если в классе три ученика? Считаем площадь: $S = a \\cdot b$. (${run})`;
  const tags = "проекты, малокомплектная школа";
  const teacher = await makePerson({ label: "no-js", networks: ["kamchatka"] });
  const { context, page } = await signIn(browser, teacher, { javaScript: false });
  await page.goto("/n/kamchatka/ask");
  await checkPage(page);

  await fillQuestion(page, { kind: "discussion", title: "Проекты?", body, tags });
  const rejected = await submitForm(page, 'button[name="intent"][value="publish"]');
  expect(rejected.status()).toBe(400);
  expect(await errorsBeside(page, "title")).toContain("Не короче 10 символов.");
  expect(await page.getAttribute('input[name="title"]', "aria-invalid")).toBe("true");
  expect(await page.inputValue('input[name="title"]')).toBe("Проекты?");
  expect(await page.inputValue('textarea[name="body"]')).toBe(body);
  expect(await page.inputValue('input[name="tags"]')).toBe(tags);
  expect(await page.isChecked('input[name="kind"][value="discussion"]')).toBe(true);
  await checkPage(page);

  await page.fill('input[name="title"]', title);
  const previewed = await submitForm(page, 'button[name="intent"][value="preview"]');
  expect(previewed.status()).toBe(200);
  expect(await page.locator("section.preview").isVisible()).toBe(true);
  expect(await page.locator("section.preview [data-preview-body] math").count()).toBe(1);
  expect(await page.locator("section.preview [data-preview-body]").textContent()).toContain("если в классе три ученика");
  expect(await page.inputValue('input[name="title"]')).toBe(title);
  expect(await page.inputValue('textarea[name="body"]')).toBe(body);
  expect(await page.inputValue('input[name="tags"]')).toBe(tags);
  expect(await page.isChecked('input[name="kind"][value="discussion"]')).toBe(true);
  await checkPage(page);

  const published = await submitForm(page, 'button[name="intent"][value="publish"]');
  expect(published.status()).toBe(302);
  expect(new URL(page.url()).pathname).toMatch(/^\/t\/\d+-/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  expect(await page.locator("main h1 .badge").textContent()).toBe("Обсуждение");
  expect(await openingPost(page).locator(".post-body math").count()).toBe(1);
  await checkPage(page);
  await context.close();
});

test("a signed-out visitor reads a thread of a public network, is offered to log in to answer, and search engines get QAPage data", async () => {
  const run = stamp();
  const title = `Где взять задачи олимпиадного уровня для 6 класса? ${run}`;
  const teacher = await makePerson({ label: "public", networks: ["moskva"] });
  const asker = await signIn(browser, teacher);
  const threadPath = await askQuestion(asker.page, "moskva", {
    title,
    body: `Ищу сборник задач по математике для кружка, шестой класс. (${run})`,
    tags: "математика, олимпиады, 6 класс",
  });
  await checkPage(asker.page);
  await asker.context.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  const response = await page.goto(threadPath);
  expect(response!.status()).toBe(200);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  expect(await openingPost(page).textContent()).toContain("Ищу сборник задач");
  expect(await page.locator('textarea[name="body"]').count()).toBe(0);
  const logInLink = page.getByRole("link", { name: "Войдите, чтобы ответить." });
  expect(await logInLink.getAttribute("href")).toBe(`/login?redirectTo=${encodeURIComponent(threadPath)}`);
  expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${baseURL}${threadPath}`);
  const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(structured["@type"]).toBe("QAPage");
  expect(structured.mainEntity["@type"]).toBe("Question");
  expect(structured.mainEntity.name).toBe(title);
  await checkPage(page);
  await context.close();
});

test("markup and script links typed into a question are shown as text and run nothing", async () => {
  const run = stamp();
  const payload = "<img src=x onerror=alert(1)>";
  const title = `Почему ${payload} не работает? ${run}`;
  const body = [
    `Вставляю ${payload} и <script>alert(2)</script> в текст.`,
    `Ссылка: [открыть](javascript:alert(3)), картинка: ![схема](javascript:alert(4)), ещё <a href="javascript:alert(5)">вот</a>.`,
    `(${run})`,
  ].join("\n\n");

  const context = await newContext(browser);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/register");
  await checkPage(page);
  await fillRegistration(page, {
    email: uniqueEmail("xss"),
    password: "Казанский кремль на рассвете",
    displayName: "Ильдар Хасанов",
    homeNetwork: "tatarstan",
    school: "Лицей № 2, Казань",
    subjects: "информатика",
  });
  await Promise.all([page.waitForURL("**/n/tatarstan"), page.click("form button.primary")]);

  await page.goto("/n/tatarstan/ask");
  await fillQuestion(page, { title, body, tags: "информатика, безопасность" });
  const preview = page.locator("section.preview [data-preview-body]");
  await preview.getByText("onerror=alert(1)", { exact: false }).waitFor({ timeout: LIVE_PREVIEW_TIMEOUT_MS });
  expect(await preview.locator("img, script").count()).toBe(0);
  await checkPage(page);

  await publish(page);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const postBody = openingPost(page).locator(".post-body");
  expect(await postBody.textContent()).toContain(payload);
  expect(await postBody.textContent()).toContain("<script>alert(2)</script>");
  expect(await postBody.locator("img, script, [onerror]").count()).toBe(0);
  const scriptLinks = await page.evaluate(
    () => [...document.querySelectorAll("a")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
  );
  expect(scriptLinks).toBe(0);
  expect(await page.title()).toContain(payload);
  await checkPage(page);

  await page.goto("/n/tatarstan");
  expect(await page.getByRole("link", { name: title }).count()).toBe(1);
  expect(await page.locator("main img").count()).toBe(0);
  await checkPage(page);

  expect(dialogs).toEqual([]);
  await context.close();
});
