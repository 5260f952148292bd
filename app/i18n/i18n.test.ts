import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nConfig, resources } from "./i18n";

async function t(lng: "ru" | "en") {
  const instance = createInstance();
  await instance.init({ ...i18nConfig, lng, resources });
  return instance.t;
}

describe("Russian plural forms", () => {
  it.each([
    [1, "1 ответ"],
    [2, "2 ответа"],
    [4, "4 ответа"],
    [5, "5 ответов"],
    [11, "11 ответов"],
    [21, "21 ответ"],
    [22, "22 ответа"],
    [25, "25 ответов"],
    [111, "111 ответов"],
  ])("%i → %s", async (count, text) => {
    expect((await t("ru"))("network.answers", { count })).toBe(text);
  });

  it("English has one and other", async () => {
    const en = await t("en");
    expect(en("network.answers", { count: 1 })).toBe("1 answer");
    expect(en("network.answers", { count: 5 })).toBe("5 answers");
  });

  it("field messages use the plural rule too", async () => {
    expect((await t("ru"))("errors.tooShort", { count: 10 })).toBe("Не короче 10 символов.");
    expect((await t("ru"))("errors.tooShort", { count: 2 })).toBe("Не короче 2 символов.");
  });
});
