import { describe, expect, it } from "vitest";
import { htmlToText, toDocument, type ThreadSource } from "./documents";

const thread: ThreadSource = {
  id: 7,
  networkId: 2,
  networkSlug: "tomsk",
  networkName: "Учителя Томска",
  visibility: "public",
  kind: "question",
  title: "Как объяснить дроби пятиклассникам?",
  slug: "kak-obyasnit-drobi",
  tags: ["математика", "5 класс"],
  authorId: 3,
  authorName: "Анна",
  openingHtml: "<p>Дети путают &laquo;числитель&raquo; и знаменатель &amp; не понимают <strong>деление</strong>.</p>",
  acceptedHtml: "<p>Пицца, разрезанная на части.</p>",
  answersHtml: ["<p>Полоски бумаги.</p>"],
  answerCount: 2,
  meTooCount: 4,
  score: 5,
  moduleId: null,
  courseId: null,
  createdAt: new Date("2026-01-01T10:00:00Z"),
  lastActivityAt: new Date("2026-01-02T10:00:00Z"),
};

describe("the thread document", () => {
  it("keeps the text and a stemmed copy of each part", () => {
    const doc = toDocument(thread);
    expect(doc.title).toBe(thread.title);
    expect(doc.title_stem).toBe("объясн дроб пятиклассник");
    expect(doc.accepted).toBe("Пицца, разрезанная на части.");
    expect(doc.accepted_stem).toContain("пицц");
    expect(doc.answers).toBe("Полоски бумаги.");
    expect(doc).toMatchObject({ solved: true, solvedRank: 1, meTooCount: 4, createdAt: thread.createdAt.getTime() });
  });

  it("is unsolved without an accepted answer", () => {
    expect(toDocument({ ...thread, acceptedHtml: null })).toMatchObject({ solved: false, accepted: "", solvedRank: 0 });
  });

  it("turns cooked HTML into plain text, entities decoded, TeX annotations dropped", () => {
    expect(htmlToText("<p>a &amp; b &lt;c&gt; &#39;d&#39;</p>")).toBe("a & b <c> 'd'");
    expect(htmlToText('<math><mi>x</mi><annotation encoding="application/x-tex">x</annotation></math>')).toBe("x");
  });
});
