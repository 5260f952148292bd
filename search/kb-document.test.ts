import { describe, expect, it } from "vitest";
import { toKbDocument, type KbSource } from "./documents";

const entry: KbSource = {
  id: 3,
  networkId: 2,
  networkSlug: "tomsk",
  networkName: "Учителя Томска",
  visibility: "public",
  title: "Сравнение дробей на бумажных полосках",
  summaryHtml: "<p>Полоски одинаковой длины — доли видно <strong>руками</strong> &amp; глазами.</p>",
  tags: ["дроби", "5 класс"],
  sourceTitles: ["Как объяснить пятиклассникам дроби?"],
  helpful: 7,
  notHelpful: 2,
  reviewedAt: new Date("2026-01-05T10:00:00Z"),
};

describe("the knowledge-base document", () => {
  it("keeps text and stems of the title, the summary and the source questions", () => {
    const doc = toKbDocument(entry);
    expect(doc.summary).toBe("Полоски одинаковой длины — доли видно руками & глазами.");
    expect(doc.title_stem).toContain("дроб");
    expect(doc.questions).toBe("Как объяснить пятиклассникам дроби?");
    expect(doc.questions_stem).toContain("пятиклассник");
    expect(doc).toMatchObject({ helpful: 7, helpfulRank: 5, reviewedAt: entry.reviewedAt.getTime(), tags: ["дроби", "5 класс"] });
  });
});
