import fs from "node:fs";
import path from "node:path";
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

type Tree = { [key: string]: string | Tree };

function leaves(node: Tree, prefix = ""): [string, string][] {
  return Object.entries(node).flatMap(([name, value]): [string, string][] =>
    typeof value === "string" ? [[`${prefix}${name}`, value]] : leaves(value, `${prefix}${name}.`),
  );
}

/** Each key (plural forms by their stem) with the placeholders its forms use. */
function placeholders(node: Tree): Map<string, string> {
  const found = new Map<string, Set<string>>();
  for (const [key, text] of leaves(node)) {
    const stem = key.replace(/_(zero|one|two|few|many|other)$/, "");
    const names = found.get(stem) ?? new Set<string>();
    for (const m of text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)) names.add(m[1]!);
    found.set(stem, names);
  }
  return new Map([...found].map(([key, names]) => [key, [...names].sort().join(",")]));
}

describe("both languages", () => {
  const ru = resources.ru.common as unknown as Tree;
  const en = resources.en.common as unknown as Tree;

  it("have the same keys, English less the Russian-only plural forms", () => {
    const russian = leaves(ru)
      .map(([key]) => key)
      .filter((key) => !/_(few|many)$/.test(key));
    expect(
      leaves(en)
        .map(([key]) => key)
        .sort(),
    ).toEqual(russian.sort());
  });

  it("fill the same {{placeholders}} in every key", () => {
    expect(Object.fromEntries(placeholders(en))).toEqual(Object.fromEntries(placeholders(ru)));
  });

  it("keep every key group in one feature file", async () => {
    const dir = path.resolve(__dirname, "locales/ru");
    const groups: string[] = [];
    for (const file of fs.readdirSync(dir).filter((name) => name !== "index.ts")) {
      const module = (await import(path.join(dir, file))) as Record<string, Tree>;
      for (const feature of Object.values(module)) groups.push(...Object.keys(feature));
    }
    expect(groups.sort()).toEqual(Object.keys(ru).sort());
  });
});
