import { describe, expect, it } from "vitest";
import { instanceFor } from "./i18next.server";

// The shared per-language instances memoize t(); the memo must never hand one call's words to another.
describe("the shared translation instances", () => {
  it("keep Russian plurals apart for every count, asked in any order and again", () => {
    const t = instanceFor("ru").getFixedT("ru");
    const seen = [5, 1, 2, 21, 5, 1, 22, 2, 111].map((count) => t("network.answers", { count }));
    expect(seen).toEqual(["5 ответов", "1 ответ", "2 ответа", "21 ответ", "5 ответов", "1 ответ", "22 ответа", "2 ответа", "111 ответов"]);
  });

  it("keep the languages apart", () => {
    expect(instanceFor("ru").t("network.answers", { count: 1 })).toBe("1 ответ");
    expect(instanceFor("en").t("network.answers", { count: 1 })).toBe("1 answer");
  });

  it("fill in other values on every call rather than from the memo", () => {
    const t = instanceFor("ru").getFixedT("ru");
    const first = t("thread.askIn", { network: "Анна" });
    const second = t("thread.askIn", { network: "Борис" });
    expect(first).toContain("Анна");
    expect(second).toContain("Борис");
  });
});
