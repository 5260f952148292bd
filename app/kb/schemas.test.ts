import { describe, expect, it } from "vitest";
import { instanceFor } from "~/i18n/i18next.server";
import { messageText } from "~/utils/validation";
import { entrySchema, parseThreadRefs } from "./schemas";

describe("source thread references", () => {
  it("accept links as copied from the address bar, site paths and bare numbers", () => {
    expect(parseThreadRefs("https://kollegi.ru/t/12-zakon-oma?page=2#post-5\n/t/7\n  31, 12")).toEqual([12, 7, 31]);
  });

  it("refuse anything else, whole", () => {
    expect(parseThreadRefs("/t/12 и ещё /n/moskva")).toBeNull();
    expect(parseThreadRefs("javascript:alert(1)")).toBeNull();
    expect(parseThreadRefs("")).toEqual([]);
  });

  it("are validated as one field with its own messages", () => {
    const result = entrySchema.safeParse({
      title: "Как объяснить дроби",
      summary: "Полоски бумаги на уроке.",
      sources: "1 2 3 4 5 6 7 8 9 10 11",
      tags: "дроби",
    });
    expect(result.success).toBe(false);
    const t = instanceFor("ru").getFixedT("ru");
    expect(result.error?.issues.map((i) => messageText(t, i.message))).toEqual(["Не больше 10 тем-источников."]);
  });
});
