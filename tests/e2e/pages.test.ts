import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkPage, failOnServerErrors, launchBrowser, logIn, newContext } from "./helpers";

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
