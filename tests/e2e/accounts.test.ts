import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  checkPage,
  failOnServerErrors,
  fillRegistration,
  launchBrowser,
  logIn,
  logoutButton,
  newContext,
  uniqueEmail,
  type Registration,
} from "./helpers";

failOnServerErrors();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function teacher(label: string, homeNetwork: string): Registration {
  return {
    email: uniqueEmail(label),
    password: "Осенний ветер над Волгой",
    displayName: "Анна Сергеевна",
    homeNetwork,
    school: "МАОУ СОШ № 7",
    subjects: "математика, физика",
  };
}

async function register(page: Page, person: Registration) {
  await page.goto("/register");
  await checkPage(page);
  await fillRegistration(page, person);
  await page.click("form button.primary");
  await page.waitForURL(`**/n/${person.homeNetwork}`);
}

/** The home page's "your networks" section. */
async function yourNetworks(page: Page) {
  return (await page.locator('section[aria-labelledby="mine"]').textContent()) ?? "";
}

test("a new teacher lands on their home network, joins another public one, and logs out and back in", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const person = teacher("accounts", "kaliningrad");

  await register(page, person);
  await page.getByRole("heading", { level: 1, name: "Учителя Калининградской области" }).waitFor();
  await page.getByText("Вы участник этой сети.").waitFor();
  expect(await page.locator(".site-header").getByRole("link", { name: person.displayName }).count()).toBe(1);
  await checkPage(page);

  await page.goto("/n/moskva");
  await checkPage(page);
  const join = page.locator('button[name="intent"][value="join"]');
  expect(await join.textContent()).toBe("Вступить в сеть");
  await join.click();
  await page.locator('button[name="intent"][value="leave"]').waitFor();
  await page.getByText("Вы участник этой сети.").waitFor();
  await checkPage(page);

  await page.goto("/");
  await checkPage(page);
  const mine = await yourNetworks(page);
  expect(mine).toContain("Учителя Калининградской области");
  expect(mine).toContain("Учителя Москвы");

  expect(await logoutButton(page).textContent()).toBe("Выйти");
  await logoutButton(page).click();
  await page.locator(".site-header").getByRole("link", { name: "Войти" }).waitFor();
  expect(await logoutButton(page).count()).toBe(0);
  await checkPage(page);

  await page.goto("/login");
  await checkPage(page);
  await logIn(page, person.email, person.password);
  await logoutButton(page).waitFor();
  expect(new URL(page.url()).pathname).toBe("/");
  const mineAgain = await yourNetworks(page);
  expect(mineAgain).toContain("Учителя Калининградской области");
  expect(mineAgain).toContain("Учителя Москвы");
  await checkPage(page);

  await context.close();
});

test("English, once chosen, stays after a reload, after logging out, and after logging in on another device", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const person = teacher("language", "tatarstan");
  await register(page, person);
  expect(await page.getAttribute("html", "lang")).toBe("ru");

  const languageSwitch = page.locator('form[action="/language"] button');
  expect(await languageSwitch.textContent()).toBe("English");
  await languageSwitch.click();
  await page.waitForSelector('html[lang="en"]');
  await page.getByText("You are a member of this network.").waitFor();
  expect(new URL(page.url()).pathname).toBe("/n/tatarstan");
  expect(await logoutButton(page).textContent()).toBe("Log out");
  expect(await languageSwitch.textContent()).toBe("Русский");
  await checkPage(page);

  await page.reload();
  expect(await page.getAttribute("html", "lang")).toBe("en");
  expect(await logoutButton(page).textContent()).toBe("Log out");
  await checkPage(page);

  await logoutButton(page).click();
  await page.locator(".site-header").getByRole("link", { name: "Log in" }).waitFor();
  expect(await page.getAttribute("html", "lang")).toBe("en");
  await checkPage(page);

  await page.goto("/login");
  await logIn(page, person.email, person.password);
  await logoutButton(page).waitFor();
  expect(await page.getAttribute("html", "lang")).toBe("en");
  expect(await logoutButton(page).textContent()).toBe("Log out");
  await context.close();

  const otherDevice = await newContext(browser);
  const elsewhere = await otherDevice.newPage();
  await elsewhere.goto("/login");
  expect(await elsewhere.getAttribute("html", "lang")).toBe("ru");
  await logIn(elsewhere, person.email, person.password);
  await logoutButton(elsewhere).waitFor();
  expect(await elsewhere.getAttribute("html", "lang")).toBe("en");
  expect(await logoutButton(elsewhere).textContent()).toBe("Log out");
  await checkPage(elsewhere);
  await otherDevice.close();
});

test("a teacher may register without naming a school or subjects, which the form marks as optional", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/register");
  expect(await page.locator('input[name="school"]').getAttribute("required")).toBeNull();
  expect(await page.locator('input[name="subjects"]').getAttribute("required")).toBeNull();
  await fillRegistration(page, { ...teacher("optional", "kamchatka"), school: "", subjects: "" });
  await page.click("form button.primary");
  await page.locator(".error-summary, .site-header form[action='/logout']").first().waitFor();
  expect(await page.locator(".field-errors").allTextContents()).toEqual([]);
  await page.waitForURL("**/n/kamchatka");
  await checkPage(page);
  await context.close();
});
