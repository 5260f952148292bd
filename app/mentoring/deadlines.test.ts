import { describe, expect, it } from "vitest";
import { isCalendarDate, localDate, startOfLocalDay } from "~/utils/zoned-time";
import { awayThroughDate, awayUntilFromDate, deadlineWhen } from "./deadlines";

describe("dates in the network's time zone", () => {
  it("a local day starts at the zone's midnight", () => {
    expect(startOfLocalDay("2025-03-11", "Asia/Novosibirsk").toISOString()).toBe("2025-03-10T17:00:00.000Z");
    expect(startOfLocalDay("2025-03-11", "Asia/Kamchatka").toISOString()).toBe("2025-03-10T12:00:00.000Z");
    expect(startOfLocalDay("2025-03-11", "Europe/Kaliningrad").toISOString()).toBe("2025-03-10T22:00:00.000Z");
  });

  it("handles a zone that moves its clocks (summer time in Berlin)", () => {
    expect(startOfLocalDay("2025-03-30", "Europe/Berlin").toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(startOfLocalDay("2025-03-31", "Europe/Berlin").toISOString()).toBe("2025-03-30T22:00:00.000Z");
  });

  it("'away through 10 May' ends at the network's midnight after it, and reads back as 10 May", () => {
    const until = awayUntilFromDate("2025-05-10", "Asia/Yakutsk");
    expect(until.toISOString()).toBe("2025-05-10T15:00:00.000Z");
    expect(awayThroughDate(until, "Asia/Yakutsk")).toBe("2025-05-10");
  });

  it("the same instant is a different calendar day in Kaliningrad and Kamchatka", () => {
    const instant = new Date("2025-03-10T13:30:00Z");
    expect(localDate(instant, "Europe/Kaliningrad")).toBe("2025-03-10");
    expect(localDate(instant, "Asia/Kamchatka")).toBe("2025-03-11");
  });

  it("accepts real calendar dates only", () => {
    expect(isCalendarDate("2025-02-28")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-2-1")).toBe(false);
    expect(isCalendarDate("1900-01-01")).toBe(false);
    expect(isCalendarDate("завтра")).toBe(false);
  });

  it("names a deadline today, tomorrow, by weekday within the week, then by date", () => {
    const tz = "Asia/Novosibirsk";
    const now = new Date("2025-03-10T03:00:00Z"); // Monday 10:00 in Novosibirsk
    expect(deadlineWhen(new Date("2025-03-10T10:00:00Z"), now, tz).kind).toBe("today");
    expect(deadlineWhen(new Date("2025-03-10T18:00:00Z"), now, tz).kind).toBe("tomorrow"); // 01:00 Tuesday local
    expect(deadlineWhen(new Date("2025-03-12T07:00:00Z"), now, tz)).toMatchObject({ kind: "weekday", weekday: 3 });
    expect(deadlineWhen(new Date("2025-03-20T07:00:00Z"), now, tz).kind).toBe("date");
  });
});
