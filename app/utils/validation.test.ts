import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { instanceFor } from "~/i18n/i18next.server";
import { emailField, message, messageText, optionalTextField, passwordField, textField, type MessageValues } from "./validation";

const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../tests/fixtures/bad-input/blns.json"), "utf8"));

/** What the person reads for the first problem a schema found, in Russian or English. */
function firstMessage(result: { error?: { issues: { message: string }[] } }, locale: "ru" | "en" = "ru") {
  const raw = result.error?.issues[0]?.message;
  return raw === undefined ? undefined : messageText(instanceFor(locale).getFixedT(locale), raw);
}

describe("messages with values", () => {
  const say = (key: string, values?: MessageValues, locale: "ru" | "en" = "ru") =>
    messageText(instanceFor(locale).getFixedT(locale), (message as (key: string, values?: MessageValues) => string)(key, values));

  it("a count fills the number and picks the plural form", () => {
    expect(say("errors.tooShort", 10)).toBe("Не короче 10 символов.");
    expect(say("errors.tooShort", 2)).toBe("Не короче 2 символов.");
    expect(say("errors.tooShort", 1, "en")).not.toContain("{{");
  });

  it("a named value fills its placeholder, whatever characters it holds", () => {
    expect(say("errors.throttled", { time: "14:05:30" })).toBe("Слишком много неудачных попыток. Попробуйте снова после 14:05:30.");
    expect(say("errors.throttled", { time: "2:05 PM|&=x" }, "en")).toBe("Too many failed attempts. Please try again after 2:05 PM|&=x.");
  });

  it("a message without values is its translation", () => {
    expect(say("errors.required")).toBe("Заполните это поле.");
  });
});

describe("text fields", () => {
  const name = textField({ min: 2, max: 60 });

  it("trims and normalises what was typed", () => {
    expect(name.parse("  Анна  ")).toBe("Анна");
    expect(name.parse("Алёна")).toBe("Алёна");
    expect(name.parse("Але\u0308на")).toBe("Алёна");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(textField({ min: 1, max: 3 }).safeParse("😀😀😀").success).toBe(true);
    expect(firstMessage(textField({ min: 1, max: 3 }).safeParse("😀😀😀😀"))).toBe("Не длиннее 3 символов.");
  });

  it("says what is wrong, in words", () => {
    expect(firstMessage(name.safeParse(""))).toBe("Заполните это поле.");
    expect(firstMessage(name.safeParse(" a "))).toBe("Не короче 2 символов.");
    expect(firstMessage(name.safeParse("я".repeat(61)))).toBe("Не длиннее 60 символов.");
    expect(firstMessage(name.safeParse("x".repeat(1024 * 1024)))).toBe("Не длиннее 60 символов.");
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
    expect(firstMessage(passwordField.safeParse("короткий"))).toBe("Не короче 10 символов.");
    expect(firstMessage(passwordField.safeParse("x".repeat(257)), "en")).not.toContain("{{");
    expect(firstMessage(passwordField.safeParse("x".repeat(257)))).toBe("Не длиннее 256 символов.");
    expect(passwordField.safeParse("длинная фраза из слов").success).toBe(true);
  });
  it("are not trimmed", () => {
    expect(passwordField.parse("  spaces count  ")).toBe("  spaces count  ");
  });
});
