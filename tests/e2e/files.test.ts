/**
 * A teacher attaches a worksheet and a photo to a question, in Chromium, with and without
 * JavaScript (issue 14): the photo shows as a small preview with no EXIF left, the PDF as a card
 * that downloads; a file over the limit is named beside the field and the text stays.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MAX_FILE_BYTES } from "~/files/formats";
import { checkPage, failOnServerErrors, fillQuestion, launchBrowser, openingPost, publish, submitForm } from "./helpers";
import { makePerson, signIn } from "./people";

failOnServerErrors();

const FIXTURES = path.resolve(__dirname, "../fixtures/files");
const photo = path.join(FIXTURES, "photo-gps.jpg");
const worksheet = path.join(FIXTURES, "worksheet.pdf");
const screenshot = path.join(FIXTURES, "screenshot.png");

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits (the context's action timeout) until the form's list holds exactly this many files. */
async function attachedCount(page: Page, count: number) {
  await page
    .locator(".attached li")
    .nth(count - 1)
    .waitFor();
  await page.locator(".attached li").nth(count).waitFor({ state: "detached" });
}

/** The question's files as the thread page shows them, and the bytes behind them. */
async function expectPhotoAndWorksheet(page: Page) {
  const post = openingPost(page);
  const preview = post.locator(".file-images img");
  expect(await preview.count()).toBe(1);
  expect(await preview.getAttribute("loading")).toBe("lazy");
  expect(await preview.getAttribute("srcset")).toMatch(/\/files\/\d+\/preview\/320 320w/);
  const shown = await page.request.get((await preview.getAttribute("src"))!);
  expect(shown.status()).toBe(200);
  expect(shown.headers()["content-type"]).toBe("image/webp");

  // A tap opens the whole photo: re-encoded, with no EXIF (so no GPS) left in it.
  const full = await page.request.get((await post.locator(".file-images a").getAttribute("href"))!);
  expect(full.headers()["content-type"]).toBe("image/jpeg");
  const bytes = await full.body();
  expect(bytes.includes(Buffer.from("Exif\0\0"))).toBe(false);
  expect(bytes.length).toBeLessThan(fs.statSync(photo).size * 2);

  const card = post.locator(".file-card");
  expect(await card.textContent()).toMatch(/worksheet\.pdf.*PDF · .*(КБ|кБ).* · 3 страницы/);
  const [download] = await Promise.all([page.waitForEvent("download"), card.click()]);
  expect(download.suggestedFilename()).toBe("worksheet.pdf");
  const saved = fs.readFileSync(await download.path());
  expect(saved.subarray(0, 5).toString()).toBe("%PDF-");
}

test("without JavaScript, a teacher uploads a photo, keeps writing, adds a PDF and publishes", async () => {
  const teacher = await makePerson({ label: "files-no-js", networks: ["kamchatka"] });
  const { context, page } = await signIn(browser, teacher, { javaScript: false });
  await page.goto("/n/kamchatka/ask");
  expect(await page.locator(".attachments .hint").first().textContent()).toContain("до 10 МБ каждый");
  expect(await page.locator(".attachments .privacy").textContent()).toContain("GPS");
  await checkPage(page);

  const question = {
    title: "Как оформить рабочий лист по дробям для 5 класса?",
    body: "Прикладываю фото доски и свой черновик листа. Что поправить?",
    tags: "математика, 5 класс",
  };
  await fillQuestion(page, question);
  await page.setInputFiles('input[name="files"]', photo);
  const uploaded = await submitForm(page, 'button[name="intent"][value="upload"]');
  expect(uploaded.status()).toBe(200);
  // The photo is in the list and the text is as typed.
  expect(await page.locator(".attached li").allInnerTexts()).toEqual([expect.stringContaining("photo-gps.jpg")]);
  expect(await page.inputValue('input[name="title"]')).toBe(question.title);
  expect(await page.inputValue('textarea[name="body"]')).toBe(question.body);
  await checkPage(page);

  // A file over the limit: named beside the field, nothing else lost, nothing published.
  await page.setInputFiles('input[name="files"]', {
    name: "скан-учебника.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.alloc(MAX_FILE_BYTES + 1),
  });
  const refused = await submitForm(page, 'button[name="intent"][value="publish"]');
  expect(refused.status()).toBe(400);
  expect(await page.locator(".attachments .field-errors").textContent()).toContain("Файл «скан-учебника.pdf» больше 10 МБ");
  expect(await page.inputValue('textarea[name="body"]')).toBe(question.body);
  expect(await page.locator(".attached li").count()).toBe(1);
  await checkPage(page);

  await page.setInputFiles('input[name="files"]', worksheet);
  await publish(page);
  await expectPhotoAndWorksheet(page);
  await checkPage(page);
  await context.close();
});

test("with JavaScript, a chosen photo uploads at once, a dropped PDF joins it, and one can be removed", async () => {
  const teacher = await makePerson({ label: "files-js", networks: ["kamchatka"] });
  const { context, page } = await signIn(browser, teacher);
  await page.goto("/n/kamchatka/ask");
  expect(await page.locator("[data-upload-button]").isHidden()).toBe(true);
  await fillQuestion(page, {
    title: "Проверьте, пожалуйста, рабочий лист по окружающему миру",
    body: "Фото доски и PDF с листом ниже, посмотрите, пожалуйста.",
    tags: "окружающий мир",
  });
  await page.setInputFiles('input[name="files"]', photo);
  await attachedCount(page, 1);
  expect(await page.locator(".attached li img").count()).toBe(1);

  // A screenshot dropped on the field, then taken off again before publishing.
  const png = fs.readFileSync(screenshot).toString("base64");
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "снимок экрана.png", { type: "image/png" }));
    document
      .querySelector("[data-drop-zone]")!
      .dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, png);
  await attachedCount(page, 2);
  await page.locator(".attached li", { hasText: "снимок экрана.png" }).getByRole("button").click();
  expect(await page.locator(".attached li").count()).toBe(1);

  await page.setInputFiles('input[name="files"]', worksheet);
  await attachedCount(page, 2);
  await checkPage(page);
  await publish(page);
  await expectPhotoAndWorksheet(page);
  expect(await openingPost(page).textContent()).not.toContain("снимок экрана.png");
  await checkPage(page);
  await context.close();
});
