import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { baseURL, checkPage, failOnServerErrors, launchBrowser, logIn, newContext } from "./helpers";
import { makePerson, type Person } from "./people";

failOnServerErrors();

const SESSION_COOKIE = "kollegi_session";

let browser: Browser;
/** Another site: same machine, other origin (localhost and another port, not 127.0.0.1:<port>). */
let otherSite: http.Server;
let otherOrigin: string;
/** Whose real credentials the other site's form carries. */
let teacher: Person;

beforeAll(async () => {
  browser = await launchBrowser();
  teacher = await makePerson({ label: "csrf", networks: ["novosibirsk"] });
  otherSite = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="en"><title>Win a prize</title>
<form method="post" action="${baseURL}/login">
  <input name="email" value="${teacher.email}">
  <input name="password" value="${teacher.password}">
</form>
<script>document.forms[0].submit();</script></html>`);
  });
  await new Promise<void>((resolve) => otherSite.listen(0, "127.0.0.1", resolve));
  otherOrigin = `http://localhost:${(otherSite.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => otherSite?.close(resolve));
});

function nonceOf(policy: string) {
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

test("a form on another site that posts to Kollegi is refused with 403 and signs nobody in", async () => {
  const context = await newContext(browser);
  // Chromium asks for /favicon.ico on the plain-text refusal; what that costs the log is errors.test.ts's business.
  await context.route(`${baseURL}/favicon.ico`, (route) => route.fulfill({ status: 404 }));
  const page = await context.newPage();
  const refused = page.waitForResponse((r) => r.url() === `${baseURL}/login` && r.request().method() === "POST");
  await page.goto(`${otherOrigin}/`);
  const response = await refused;

  expect(response.request().headers()["origin"]).toBe(otherOrigin);
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("Request refused");
  expect((await context.cookies(baseURL)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
  await context.close();
});

test("every page carries a strict Content-Security-Policy with a fresh nonce per response", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();

  const first = (await page.goto("/"))!;
  const policy = first.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("'nonce-");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("'unsafe-inline'");
  const nonce = nonceOf(policy)!;
  // Most pages ship no script at all (docs/decisions/006); any that do must carry this response's nonce.
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  await checkPage(page);

  const second = (await page.goto("/login"))!;
  const secondNonce = nonceOf(second.headers()["content-security-policy"] ?? "");
  expect(secondNonce).toBeTruthy();
  expect(secondNonce).not.toBe(nonce);
  await checkPage(page);
  await context.close();
});

test("the session cookie set at login is HttpOnly and SameSite=Lax", async () => {
  const person = await makePerson({ label: "cookie", networks: ["novosibirsk"] });
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await logIn(page, person.email, person.password);
  await page.locator('form[action="/logout"] button').waitFor();
  await checkPage(page);

  const session = (await context.cookies(baseURL)).find((c) => c.name === SESSION_COOKIE);
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
  await context.close();
});
