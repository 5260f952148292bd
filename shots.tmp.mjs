import { chromium } from "playwright-core";
const base = "http://localhost:3999";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ locale: "ru-RU", javaScriptEnabled: false });
const page = await ctx.newPage();
await page.goto(base + "/login");
await page.fill('input[name="email"]', "elena@kollegi.test");
await page.fill('input[name="password"]', "36qj8-4jwmv-akv8w");
await Promise.all([page.waitForNavigation(), page.click("main form button")]);
await page.goto(base + "/n/novosibirsk/ask");
await page.check('input[name="kind"][value="question"]');
await page.fill('input[name="title"]', "Рабочий лист по дробям для 5 класса: что поправить?");
await page.fill('textarea[name="body"]', "Прикладываю фото доски после урока и черновик листа. Что бы вы поменяли?");
await page.fill('input[name="tags"]', "математика, 5 класс");
await page.setInputFiles('input[name="files"]', ["tests/fixtures/files/photo-gps.jpg", "tests/fixtures/files/worksheet.pdf"]);
await Promise.all([page.waitForNavigation(), page.click('button[name="intent"][value="upload"]')]);
for (const w of [360, 1280]) {
  await page.setViewportSize({ width: w, height: 800 });
  await page.locator(".attachments").screenshot({ path: `/tmp/shots/ask-files-${w}.png` });
}
await page.setInputFiles('input[name="files"]', "tests/fixtures/files/screenshot.png");
await Promise.all([page.waitForNavigation(), page.click('button[name="intent"][value="publish"]')]);
if (!page.url().includes("/t/")) {
  const anyway = page.locator('.similar button[name="intent"][value="publish"]');
  if (await anyway.count()) await Promise.all([page.waitForNavigation(), anyway.click()]);
}
console.log(page.url());
for (const w of [360, 1280]) {
  await page.setViewportSize({ width: w, height: 900 });
  await page.screenshot({ path: `/tmp/shots/thread-files-${w}.png`, fullPage: true });
}
await browser.close();
