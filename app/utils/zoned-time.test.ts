import { describe, expect, it } from "vitest";
import { addDays, DAY_MS, HOUR_MS, localDate, localWeekday, MINUTE_MS, WEEK_MS, zonedInstant, zonedParts } from "./zoned-time";

describe("time in a network's zone", () => {
  it("counts durations in milliseconds", () => {
    expect(MINUTE_MS).toBe(60_000);
    expect(HOUR_MS).toBe(3_600_000);
    expect(DAY_MS).toBe(86_400_000);
    expect(WEEK_MS).toBe(7 * 86_400_000);
  });

  it("numbers weekdays the ISO way: Monday is 1, Sunday is 7", () => {
    expect(localWeekday(new Date("2025-03-10T12:00:00Z"), "Europe/Moscow")).toBe(1);
    expect(localWeekday(new Date("2025-03-15T12:00:00Z"), "Europe/Moscow")).toBe(6);
    expect(localWeekday(new Date("2025-03-16T12:00:00Z"), "Europe/Moscow")).toBe(7);
  });

  it("the same instant is Sunday in Kaliningrad and Monday in Kamchatka", () => {
    const instant = new Date("2025-03-16T13:30:00Z");
    expect(localWeekday(instant, "Europe/Kaliningrad")).toBe(7);
    expect(localWeekday(instant, "Asia/Kamchatka")).toBe(1);
    expect(zonedParts(instant, "Asia/Kamchatka")).toMatchObject({ year: 2025, month: 3, day: 17, hour: 1, minute: 30, weekday: 1 });
  });

  it("finds the instant of a wall-clock hour, also across a change of the clocks", () => {
    expect(zonedInstant("2025-03-11", 7, "Asia/Novosibirsk").toISOString()).toBe("2025-03-11T00:00:00.000Z");
    expect(zonedInstant("2025-03-29", 7, "Europe/Berlin").toISOString()).toBe("2025-03-29T06:00:00.000Z");
    expect(zonedInstant("2025-03-31", 7, "Europe/Berlin").toISOString()).toBe("2025-03-31T05:00:00.000Z");
  });

  it("adds calendar days across months and years", () => {
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(localDate(new Date("2024-12-31T22:30:00Z"), "Europe/Moscow")).toBe("2025-01-01");
  });
});
