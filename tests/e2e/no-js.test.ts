import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { baseURL, checkPage, failOnServerErrors, fillRegistration, launchBrowser, logoutButton, newContext, uniqueEmail } from "./helpers";
import { makePerson, signIn } from "./people";

failOnServerErrors();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A plain form post and the page it leads to, as a browser without JavaScript does it. */
async function submit(page: Page) {
  const response = page.waitForResponse((r) => r.url() === `${baseURL}/register` && r.request().method() === "POST");
  await page.click("form button.primary");
  const posted = await response;
  await page.waitForLoadState("load");
  return posted;
}

/** The messages shown in the same field block as the named input. */
function errorsBeside(page: Page, name: string) {
  return page
    .locator(".field", { has: page.locator(`[name="${name}"]`) })
    .locator(".field-errors")
    .textContent();
}

test("without JavaScript, a teacher fixes the messages next to the fields and is registered", async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto("/register");
  await checkPage(page);

  const person = {
    email: "мария-на-почте",
    password: "короткий",
    displayName: "Мария Ивановна",
    homeNetwork: "sverdlovsk",
    school: "Гимназия № 9, г. Екатеринбург",
    subjects: "история, обществознание",
  };
  await fillRegistration(page, person);
  const rejected = await submit(page);

  expect(rejected.status()).toBe(400);
  expect(await page.getAttribute("html", "lang")).toBe("ru");
  expect(await errorsBeside(page, "password")).toContain("Не короче 10 символов.");
  expect(await errorsBeside(page, "email")).toContain("Это не похоже на адрес электронной почты.");
  expect(await page.getAttribute('input[name="email"]', "aria-invalid")).toBe("true");
  expect(await page.getAttribute('input[name="password"]', "aria-invalid")).toBe("true");
  expect(await page.inputValue('input[name="displayName"]')).toBe(person.displayName);
  expect(await page.inputValue('input[name="school"]')).toBe(person.school);
  expect(await page.inputValue('input[name="subjects"]')).toBe(person.subjects);
  expect(await page.inputValue('select[name="homeNetwork"]')).toBe(person.homeNetwork);
  expect(await page.inputValue('input[name="password"]')).toBe("");
  expect(await rejected.text()).not.toContain(person.password);
  await checkPage(page);

  await page.fill('input[name="email"]', uniqueEmail("no-js"));
  await page.fill('input[name="password"]', "Уральские горы зимой");
  const accepted = await submit(page);

  expect(accepted.status()).toBe(302);
  expect(new URL(page.url()).pathname).toBe("/n/sverdlovsk");
  expect(await logoutButton(page).textContent()).toBe("Выйти");
  expect(await page.locator(".site-header").getByRole("link", { name: person.displayName }).count()).toBe(1);
  await page.getByText("Вы участник этой сети.").waitFor();
  await checkPage(page);
  await context.close();
});

test("without JavaScript, a teacher changes the password and stays signed in", async () => {
  const teacher = await makePerson({ label: "password-no-js", networks: ["sverdlovsk"] });
  const { context, page } = await signIn(browser, teacher, { javaScript: false });
  await page.goto("/settings/password");
  await checkPage(page);
  await page.fill('input[name="currentPassword"]', teacher.password);
  await page.fill('input[name="newPassword"]', "Зимний лес за окном школы");
  await page.click("form button.primary");
  await page.waitForLoadState("load");

  expect(new URL(page.url()).pathname).toBe("/settings/password");
  await page.getByText("Пароль изменён").waitFor();
  // Still signed in on the next page (the change once ended this session too).
  await page.goto("/notifications");
  expect(new URL(page.url()).pathname).toBe("/notifications");
  expect(await logoutButton(page).textContent()).toBe("Выйти");
  await checkPage(page);
  await context.close();
});
