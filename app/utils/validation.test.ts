import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emailField, optionalTextField, passwordField, textField } from "./validation";

const naughty: string[] = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../tests/fixtures/bad-input/blns.json"), "utf8"),
);

describe("text fields", () => {
  const name = textField({ min: 2, max: 60 });

  it("trims and normalises what was typed", () => {
    expect(name.parse("  Анна  ")).toBe("Анна");
    expect(name.parse("Алёна")).toBe("Алёна");
    expect(name.parse("Але\u0308на")).toBe("Алёна");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(textField({ min: 1, max: 3 }).safeParse("😀😀😀").success).toBe(true);
    expect(textField({ min: 1, max: 3 }).safeParse("😀😀😀😀").error?.issues[0]?.message).toBe("errors.tooLong|3");
  });

  it("says what is wrong, as a message key", () => {
    expect(name.safeParse("").error?.issues[0]?.message).toBe("errors.required");
    expect(name.safeParse(" a ").error?.issues[0]?.message).toBe("errors.tooShort|2");
    expect(name.safeParse("я".repeat(61)).error?.issues[0]?.message).toBe("errors.tooLong|60");
    expect(name.safeParse("x".repeat(1024 * 1024)).error?.issues[0]?.message).toBe("errors.tooLong|60");
    expect(name.safeParse("Анна\u0000").error?.issues[0]?.message).toBe("errors.controlChars");
    expect(name.safeParse("Анна\u202Eанна").error?.issues[0]?.message).toBe("errors.controlChars");
  });

  it("turns an optional empty field into an empty string", () => {
    expect(optionalTextField({ max: 10 }).parse(undefined)).toBe("");
    expect(optionalTextField({ max: 10 }).parse("  ")).toBe("");
  });

  it("keeps line breaks in multi-line text but refuses other controls", () => {
    const body = optionalTextField({ max: 100, multiLine: true });
    expect(body.parse("строка\r\nвторая")).toBe("строка\nвторая");
    expect(body.safeParse("звонок\u0007").success).toBe(false);
  });

  it("never throws on the big list of naughty strings", () => {
    for (const value of naughty) {
      const result = name.safeParse(value);
      if (!result.success) expect(result.error.issues[0]?.message).toMatch(/^errors\./);
      else expect(result.data).not.toMatch(/[\u0000-\u001F]/);
    }
  });
});

describe("email", () => {
  it("is stored lower-cased", () => {
    expect(emailField.parse(" Anna@School.RU ")).toBe("anna@school.ru");
  });
  it("rejects what is not an address", () => {
    expect(emailField.safeParse("anna").error?.issues[0]?.message).toBe("errors.email");
    expect(emailField.safeParse("").error?.issues[0]?.message).toBe("errors.required");
    expect(emailField.safeParse("   ").error?.issues[0]?.message).toBe("errors.required");
  });
});

describe("passwords", () => {
  it("need 10 to 256 characters", () => {
    expect(passwordField.safeParse("короткий").error?.issues[0]?.message).toBe("errors.tooShort|10");
    expect(passwordField.safeParse("x".repeat(257)).error?.issues[0]?.message).toBe("errors.tooLong|256");
    expect(passwordField.safeParse("длинная фраза из слов").success).toBe(true);
  });
  it("are not trimmed", () => {
    expect(passwordField.parse("  spaces count  ")).toBe("  spaces count  ");
  });
});
