/**
 * A real Chromium for the end-to-end journeys, and the checks every visited page must pass:
 * no serious or critical accessibility problem (axe), nothing wider than a 360 px phone,
 * no error in the browser console, no error from the server.
 */
import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterEach, beforeEach, inject } from "vitest";

export const baseURL = inject("baseURL");

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Root in a container needs --no-sandbox; the rest stop Chromium calling home, which this network refuses. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const DESKTOP = { width: 1280, height: 800 };
/** The narrowest phone Kollegi promises to read well on. */
const PHONE = { width: 360, height: 740 };
/**
 * How long a click, a wait for an element or a response may take before the test fails: a
 * missing element fails within a minute, not after the whole test's time, while a POST that a
 * loaded two-core machine answers in twenty seconds still passes. Not a promise about speed.
 */
const ACTION_TIMEOUT_MS = 60_000;
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

const contextsWithoutScripts = new WeakSet<BrowserContext>();
const pageProblems = new WeakMap<Page, string[]>();

function watchPage(page: Page) {
  const problems: string[] = [];
  pageProblems.set(page, problems);
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium reports a 4xx document as a failed load; the tests assert those statuses themselves.
    const source = message.location().url;
    const ownStatus = message.text().startsWith("Failed to load resource") && source === page.url();
    if (!ownStatus) problems.push(`console.error at ${page.url()}: ${message.text()}${source ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught error at ${page.url()}: ${error.message}`));
}

/** A fresh browser profile (no cookies) whose person reads Russian, as most teachers do; on the shared server unless told. */
export async function newContext(browser: Browser, { javaScript = true, baseURL: server = baseURL } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server,
    javaScriptEnabled: javaScript,
    locale: "ru-RU",
    viewport: DESKTOP,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  if (!javaScript) contextsWithoutScripts.add(context);
  context.on("page", watchPage);
  return context;
}

export function uniqueEmail(label: string) {
  return `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/** Axe, the phone width and the console, for the page as it is now. Throws a readable list. */
export async function checkPage(page: Page): Promise<void> {
  const problems = [
    ...(pageProblems.get(page)?.splice(0) ?? []),
    ...(await accessibilityProblems(page)),
    ...(await overflowProblems(page)),
    ...(await brokenTextProblems(page)),
  ];
  if (problems.length > 0) throw new Error(`${page.url()} has problems:\n${problems.map((p) => `- ${p}`).join("\n")}`);
}

/**
 * A NUL or U+FFFD anywhere in the page or its form fields: a letter broken on its way (React 18's
 * streaming renderer once left a NUL at 2,048-byte chunk ends, which a form then saved back).
 */
async function brokenTextProblems(page: Page): Promise<string[]> {
  const broken = await page.evaluate(() => {
    const values = [...document.querySelectorAll("input, textarea")].map((field) => (field as HTMLInputElement).value);
    return [document.documentElement.outerHTML, ...values].flatMap((text) => {
      const at = text.search(/[\u0000\uFFFD]/u);
      return at === -1 ? [] : [JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))];
    });
  });
  return broken.map((context) => `broken text (NUL or U+FFFD): …${context}…`);
}

async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = contextsWithoutScripts.has(page.context()) ? await analyzeWithoutScripts(page) : await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ""))
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.html}`).join("\n");
      return `axe ${violation.id} (${violation.impact}): ${violation.help}\n${nodes}`;
    });
}

/**
 * Axe needs scripts, which a no-JavaScript page cannot run. So the same HTML, its scripts
 * removed (as a browser without JavaScript ignores them), is shown at the same address in a
 * scripted page beside it, with the same styles, and checked there.
 */
async function analyzeWithoutScripts(page: Page) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const address = new URL(page.url());
  address.hash = "";
  const twinPage = await (await scriptedTwin(page.context().browser()!)).newPage();
  try {
    await twinPage.setViewportSize(page.viewportSize() ?? DESKTOP);
    await twinPage.route(
      (url) => url.href === address.href,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await twinPage.goto(address.href);
    return await new AxeBuilder({ page: twinPage }).analyze();
  } finally {
    await twinPage.close();
  }
}

const twins = new WeakMap<Browser, Promise<BrowserContext>>();

/** One scripted context per browser for those checks; it closes with the browser. */
function scriptedTwin(browser: Browser) {
  let twin = twins.get(browser);
  if (!twin) {
    twin = browser.newContext({ locale: "ru-RU" });
    twins.set(browser, twin);
  }
  return twin;
}

async function overflowProblems(page: Page): Promise<string[]> {
  const before = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(PHONE);
  try {
    const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
      const { scrollWidth, clientWidth } = document.documentElement;
      const wide = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > clientWidth + 1)
        .slice(0, 10)
        .map((element) => {
          const id = element.id ? `#${element.id}` : "";
          const classes = [...element.classList].map((c) => `.${c}`).join("");
          return `${element.tagName.toLowerCase()}${id}${classes} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
        });
      return { scrollWidth, clientWidth, wide };
    });
    if (scrollWidth <= clientWidth + 1) return [];
    return [`at ${PHONE.width} px the page is ${scrollWidth} px wide (visible ${clientWidth} px); too wide: ${wide.join(", ")}`];
  } finally {
    await page.setViewportSize(before);
  }
}

/**
 * Fails the test during which the server wrote to stderr (an unexpected error, a crash):
 * a page can look fine while the server logs a 500 behind it. The shared server's log unless
 * the file runs its own (server.ts).
 */
export function failOnServerErrors(logFile: () => string = () => inject("serverErrorLog")) {
  let seen = 0;
  beforeEach(() => {
    seen = fs.statSync(logFile()).size;
  });
  afterEach(() => {
    const fresh = fs.readFileSync(logFile()).subarray(seen).toString("utf8");
    if (fresh.trim()) throw new Error(`The server wrote to stderr during this test:\n${fresh}`);
  });
}

/** What a teacher types into the registration form. */
export type Registration = {
  email: string;
  password: string;
  displayName: string;
  homeNetwork: string;
  school: string;
  subjects: string;
};

export async function fillRegistration(page: Page, person: Registration) {
  await page.fill('input[name="email"]', person.email);
  await page.fill('input[name="password"]', person.password);
  await page.fill('input[name="displayName"]', person.displayName);
  await page.selectOption('select[name="homeNetwork"]', person.homeNetwork);
  await page.fill('input[name="school"]', person.school);
  await page.fill('input[name="subjects"]', person.subjects);
}

export async function logIn(page: Page, email: string, password: string) {
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click("form button.primary");
}

/** The header's logout button, whatever the language. */
export function logoutButton(page: Page) {
  return page.locator('form[action="/logout"] button');
}

export type Question = {
  kind?: "question" | "discussion";
  title: string;
  body: string;
  tags: string;
};

/** Fills the ask form that is open on the page, leaving the pressing of a button to the test. */
export async function fillQuestion(page: Page, question: Question) {
  await page.check(`input[name="kind"][value="${question.kind ?? "question"}"]`);
  await page.fill('input[name="title"]', question.title);
  await page.fill('textarea[name="body"]', question.body);
  await page.fill('input[name="tags"]', question.tags);
}

/**
 * Presses a submit button of a plain (not hydrated) form and returns the POST's response once
 * the page it leads to has loaded, whether it redirected or answered with the form again.
 */
export async function submitForm(page: Page, button: string | Locator) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
    page.waitForEvent("load"),
    typeof button === "string" ? page.click(button) : button.click(),
  ]);
  return response;
}

/**
 * The ask form's Publish button: lands on the new thread, /t/<id>-<slug>, confirming
 * "my question is different" when the form offers similar threads first.
 * A refusal fails with the form's own messages, which say more than a timeout.
 */
export async function publish(page: Page) {
  let response = await submitForm(page, 'button[name="intent"][value="publish"]');
  // Similar threads exist: the form asks once whether this question is really new.
  const anyway = page.locator('.similar button[name="intent"][value="publish"]');
  if (!/^\/t\/\d+-/.test(new URL(page.url()).pathname) && (await anyway.count()) > 0) {
    response = await submitForm(page, anyway);
  }
  if (!/^\/t\/\d+-/.test(new URL(page.url()).pathname)) {
    const messages = await page.locator(".error-summary").allInnerTexts();
    throw new Error(`Publishing was refused with ${response.status()} at ${page.url()}:\n${messages.join("\n")}`);
  }
}

/**
 * A new thread in the network, through its ask form; returns the thread page's address.
 * Mind the spam limits (app/posts/limits.server.ts): an account less than a day old may start
 * only three threads, so a test that asks more makes more people (people.ts).
 */
export async function askQuestion(page: Page, networkSlug: string, question: Question): Promise<string> {
  await page.goto(`/n/${networkSlug}/ask`);
  await fillQuestion(page, question);
  await publish(page);
  return new URL(page.url()).pathname;
}

/** A thread's opening post, the question itself. */
export function openingPost(page: Page) {
  return page.locator("main article.post").first();
}
