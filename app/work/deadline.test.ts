import { describe, expect, it } from "vitest";
import { dueAtFromDate, dueDateOf, reviewDueAt } from "./deadline";

const zone = "Asia/Yekaterinburg"; // UTC+5, no clock changes

describe("course work deadlines", () => {
  it("a task due on a day takes work through that day in the network's zone", () => {
    const due = dueAtFromDate("2026-05-10", zone);
    expect(due.toISOString()).toBe("2026-05-10T19:00:00.000Z");
    expect(dueDateOf(due, zone)).toBe("2026-05-10");
  });

  it("a review is due by the end of the second working day after hand-in", () => {
    // Monday 10:00 local → end of Wednesday.
    expect(reviewDueAt(new Date("2026-12-07T05:00:00Z"), 2, zone).toISOString()).toBe("2026-12-09T19:00:00.000Z");
    // Thursday → end of Monday (the weekend does not count).
    expect(reviewDueAt(new Date("2026-12-10T05:00:00Z"), 2, zone).toISOString()).toBe("2026-12-14T19:00:00.000Z");
    // Saturday → end of Tuesday.
    expect(reviewDueAt(new Date("2026-12-12T05:00:00Z"), 2, zone).toISOString()).toBe("2026-12-15T19:00:00.000Z");
    // Late Friday evening local (UTC still Friday) → end of Tuesday.
    expect(reviewDueAt(new Date("2026-12-11T18:30:00Z"), 2, zone).toISOString()).toBe("2026-12-15T19:00:00.000Z");
    // Just after local midnight is Saturday already → end of Tuesday as well.
    expect(reviewDueAt(new Date("2026-12-11T19:30:00Z"), 2, zone).toISOString()).toBe("2026-12-15T19:00:00.000Z");
  });

  it("one working day at least", () => {
    expect(reviewDueAt(new Date("2026-12-07T05:00:00Z"), 0, zone).toISOString()).toBe("2026-12-08T19:00:00.000Z");
  });
});
