import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkPage, failOnServerErrors, launchBrowser, newContext } from "./helpers";

failOnServerErrors();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test("a network that does not exist gets a titled 404 page in Russian", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const response = await page.goto("/n/atlantida");
  expect(response!.status()).toBe(404);
  await page.getByRole("heading", { level: 1, name: "Страница не найдена" }).waitFor();
  expect(await page.title()).not.toBe("");
  await checkPage(page);
  await context.close();
});

test("an address that matches no page gets the same 404 page and leaves no error in the server log", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  await page.getByRole("heading", { level: 1, name: "Страница не найдена" }).waitFor();
  await checkPage(page);
  await context.close();
});
