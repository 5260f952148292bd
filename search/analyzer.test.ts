import { describe, expect, it } from "vitest";
import { analyzeQuery, normalize, stem, stemText } from "./analyzer";

const sameStem = (a: string, b: string) => stem(normalize(a)) === stem(normalize(b));

describe("the Russian analyzer", () => {
  it.each([
    ["урок", "урока", "уроками", "урокам"],
    ["учитель", "учителя", "учителей", "учителям"],
    ["дистанционный", "дистанционного", "дистанционное", "дистанционными"],
    ["физика", "физики", "физике", "физикой"],
  ])("finds %s in all its forms", (...forms) => {
    for (const form of forms) expect(sameStem(forms[0], form), form).toBe(true);
  });

  it.each([
    ["урок", "рука"],
    ["физика", "физкультура"],
    ["учитель", "ученик"],
    ["мир", "мера"],
  ])("keeps %s and %s apart", (a, b) => {
    expect(sameStem(a, b)).toBe(false);
  });

  it("treats ё and е as one letter", () => {
    expect(stemText("Ёлка и ёжик")).toBe(stemText("елка и ежик"));
  });

  it("stems English with the English stemmer", () => {
    expect(stemText("teaching students")).toBe(stemText("teach student"));
  });

  it("puts stems before the typed forms, without stop words or repeats", () => {
    expect(analyzeQuery("Урокам физики в школе")).toBe("урок физик школ урокам физики в школе");
    expect(analyzeQuery("урок")).toBe("урок");
    expect(analyzeQuery("  ")).toBe("");
  });
});
