import { describe, expect, it } from "vitest";
import { formatAge, formatDateTime } from "./dates";

const now = new Date("2026-11-22T12:00:00Z");

describe("dates", () => {
  it("show the network's own time", () => {
    expect(formatDateTime("2026-11-22T12:00:00Z", "ru", "Asia/Kamchatka")).toMatch(/23 нояб\. 2026 г\., 00:00/);
    expect(formatDateTime("2026-11-22T12:00:00Z", "ru", "Europe/Kaliningrad")).toMatch(/14:00/);
  });

  it("say how long ago, with Russian plural forms", () => {
    expect(formatAge(new Date(now.getTime() - 5 * 60_000), now, "ru", "Europe/Moscow")).toBe("5 минут назад");
    expect(formatAge(new Date(now.getTime() - 2 * 3600_000), now, "ru", "Europe/Moscow")).toBe("2 часа назад");
    expect(formatAge(new Date(now.getTime() - 24 * 3600_000), now, "ru", "Europe/Moscow")).toBe("вчера");
    expect(formatAge(new Date(now.getTime() - 21 * 24 * 3600_000), now, "ru", "Europe/Moscow")).toBe("21 день назад");
    expect(formatAge(new Date(now.getTime() - 2 * 3600_000), now, "en", "Europe/Moscow")).toBe("2 hours ago");
  });

  it("give the date itself after a month", () => {
    expect(formatAge("2026-01-05T10:00:00Z", now, "ru", "Europe/Moscow")).toMatch(/5 янв\. 2026/);
  });
});
