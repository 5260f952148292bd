import { describe, expect, it } from "vitest";
import { chooseMentor, rankMentors, type Candidate, type QuestionTag } from "./choice";

const now = new Date("2025-03-11T07:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const TAGS = { physics: 1, fgos: 2, grade8: 3, maths: 4 };
const question: QuestionTag[] = [
  { id: TAGS.physics, name: "физика" },
  { id: TAGS.fgos, name: "ФГОС" },
  { id: TAGS.grade8, name: "8 класс" },
];

function mentor(userId: number, fields: Partial<Candidate> = {}): Candidate {
  return { userId, name: `Наставник ${userId}`, tagIds: [], capacity: 5, open: 0, awayUntil: null, lastAssignedAt: null, ...fields };
}

const choose = (candidates: Candidate[], extra: { askerId?: number; exclude?: number[] } = {}) =>
  chooseMentor({ candidates, questionTags: question, askerId: extra.askerId ?? 100, exclude: extra.exclude, now });

describe("choosing a mentor", () => {
  it("takes the best match of the question's tags, even over a less busy mentor", () => {
    const choice = choose([mentor(1, { tagIds: [TAGS.physics], open: 0 }), mentor(2, { tagIds: [TAGS.physics, TAGS.fgos], open: 3 })]);
    expect(choice?.mentor.userId).toBe(2);
    expect(choice?.matched).toEqual(["физика", "ФГОС"]);
  });

  it("names the matched tags in the question's order", () => {
    const choice = choose([mentor(1, { tagIds: [TAGS.grade8, TAGS.physics, TAGS.maths] })]);
    expect(choice?.matched).toEqual(["физика", "8 класс"]);
  });

  it("breaks a tie in matching on the fewest open assignments", () => {
    const choice = choose([
      mentor(1, { tagIds: [TAGS.physics], open: 2 }),
      mentor(2, { tagIds: [TAGS.fgos], open: 1 }),
      mentor(3, { tagIds: [TAGS.grade8], open: 4 }),
    ]);
    expect(choice?.mentor.userId).toBe(2);
  });

  it("then on the one assigned least recently, a never-assigned mentor first", () => {
    const tied = { tagIds: [TAGS.physics], open: 1 };
    expect(
      choose([mentor(1, { ...tied, lastAssignedAt: hoursAgo(1) }), mentor(2, { ...tied, lastAssignedAt: hoursAgo(30) })])?.mentor.userId,
    ).toBe(2);
    expect(
      choose([mentor(1, { ...tied, lastAssignedAt: hoursAgo(30) }), mentor(2, { ...tied, lastAssignedAt: null })])?.mentor.userId,
    ).toBe(2);
  });

  it("and, all else equal, on the lower id, whatever order the rows came in", () => {
    expect(choose([mentor(7), mentor(3), mentor(5)])?.mentor.userId).toBe(3);
  });

  it("skips a mentor who is away, but not one whose absence has ended", () => {
    const away = mentor(1, { tagIds: [TAGS.physics, TAGS.fgos], awayUntil: new Date(now.getTime() + 1) });
    const back = mentor(2, { tagIds: [TAGS.physics], awayUntil: now });
    expect(choose([away, back])?.mentor.userId).toBe(2);
    expect(choose([away])).toBeNull();
  });

  it("skips a mentor at capacity, but not one with a slot left", () => {
    const full = mentor(1, { tagIds: [TAGS.physics, TAGS.fgos], capacity: 3, open: 3 });
    const lastSlot = mentor(2, { capacity: 3, open: 2 });
    expect(choose([full, lastSlot])?.mentor.userId).toBe(2);
    expect(choose([full])).toBeNull();
  });

  it("never gives the asker their own question, however well they match", () => {
    const asker = mentor(100, { tagIds: [TAGS.physics, TAGS.fgos, TAGS.grade8] });
    expect(choose([asker, mentor(2)], { askerId: 100 })?.mentor.userId).toBe(2);
    expect(choose([asker], { askerId: 100 })).toBeNull();
  });

  it("never goes back to a mentor who already let this question go", () => {
    const missedIt = mentor(1, { tagIds: [TAGS.physics, TAGS.fgos] });
    expect(choose([missedIt, mentor(2)], { exclude: [1] })?.mentor.userId).toBe(2);
    expect(choose([missedIt], { exclude: [1] })).toBeNull();
  });

  it("gives the question to a mentor with no matching tag rather than leave it waiting", () => {
    const choice = choose([mentor(1, { tagIds: [TAGS.maths] })]);
    expect(choice?.mentor.userId).toBe(1);
    expect(choice?.matched).toEqual([]);
  });

  it("with no mentors at all, leaves the question to the moderators (null)", () => {
    expect(choose([])).toBeNull();
  });

  it("ranks every eligible mentor, so a caller can fall back when the first one's slot is taken", () => {
    const ranked = rankMentors({
      candidates: [mentor(1, { open: 1 }), mentor(2, { tagIds: [TAGS.physics] }), mentor(3, { capacity: 1, open: 1 }), mentor(4)],
      questionTags: question,
      askerId: 100,
      now,
    });
    expect(ranked.map((r) => r.mentor.userId)).toEqual([2, 4, 1]);
  });

  it("for a course question, puts the course's curators first, then mentors enrolled in it, over a better tag match", () => {
    const course = { curators: new Set([3]), enrolled: new Set([2, 100]) };
    const ranked = rankMentors({
      candidates: [
        mentor(1, { tagIds: [TAGS.physics, TAGS.fgos] }),
        mentor(2),
        mentor(3, { open: 4 }),
        mentor(4, { tagIds: [TAGS.physics] }),
      ],
      questionTags: question,
      askerId: 100,
      now,
      course,
    });
    expect(ranked.map((r) => [r.mentor.userId, r.course ?? null])).toEqual([
      [3, "curator"],
      [2, "enrolled"],
      [1, null],
      [4, null],
    ]);
  });

  it("still skips a course's curator who is away or full", () => {
    const course = { curators: new Set([1, 2]), enrolled: new Set<number>() };
    const ranked = rankMentors({
      candidates: [mentor(1, { awayUntil: hoursAgo(-5) }), mentor(2, { capacity: 1, open: 1 }), mentor(3)],
      questionTags: question,
      askerId: 100,
      now,
      course,
    });
    expect(ranked.map((r) => r.mentor.userId)).toEqual([3]);
  });
});
