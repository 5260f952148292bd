import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nConfig, resources } from "~/i18n/i18n";
import { explain, formatDeadline, formatDuration } from "./present";

async function tFor(lng: "ru" | "en") {
  const instance = createInstance();
  await instance.init({ ...i18nConfig, lng, resources });
  return instance.t;
}

describe("mentoring in words", () => {
  const tz = "Asia/Novosibirsk";
  const monday = new Date("2025-03-10T03:00:00Z"); // Monday 10:00 local

  it("says when a mentor will answer, in Russian and English", async () => {
    const [ru, en] = [await tFor("ru"), await tFor("en")];
    const tuesday2pm = new Date("2025-03-11T07:00:00Z");
    expect(formatDeadline(ru, "ru", tuesday2pm, monday, tz)).toBe("завтра до 14:00");
    expect(formatDeadline(ru, "ru", new Date("2025-03-12T07:00:00Z"), monday, tz)).toBe("до среды, 14:00");
    expect(formatDeadline(ru, "ru", new Date("2025-03-10T11:30:00Z"), monday, tz)).toBe("сегодня до 18:30");
    expect(formatDeadline(ru, "ru", new Date("2025-03-25T07:00:00Z"), monday, tz)).toBe("до 25 марта, 14:00");
    expect(formatDeadline(en, "en", new Date("2025-03-12T07:00:00Z"), monday, tz)).toBe("by Wednesday, 02:00 PM");
  });

  it("writes durations the way a person rounds them", async () => {
    const ru = await tFor("ru");
    const minutes = (m: number) => m * 60_000;
    expect(formatDuration(ru, minutes(45))).toBe("45 мин");
    expect(formatDuration(ru, minutes(60))).toBe("1 ч");
    expect(formatDuration(ru, minutes(200))).toBe("3 ч 20 мин");
    expect(formatDuration(ru, minutes(24 * 60))).toBe("1 д");
    expect(formatDuration(ru, minutes(26 * 60 + 10))).toBe("1 д 2 ч");
  });

  it("explains a choice to moderators", async () => {
    const ru = await tFor("ru");
    expect(explain(ru, { reason: "new", matched: ["физика", "ФГОС"], open: 2, capacity: 5 }, null)).toBe(
      "назначен: совпали метки физика, ФГОС; открыто 2 из 5",
    );
    expect(explain(ru, { reason: "missed", matched: [], open: 0, capacity: 3 }, null)).toBe(
      "переназначен, предыдущий наставник не ответил в срок: совпадений меток нет; открыто 0 из 3",
    );
    expect(explain(ru, { reason: "moderator", byId: 1 }, "Ольга Смирнова")).toBe("модератор Ольга Смирнова назначил(а) вручную");
    expect(explain(ru, { reason: "handoff", byId: 1, matched: ["химия"], open: 1, capacity: 4 }, "Сергей Иванов")).toBe(
      "Сергей Иванов передал(а) вопрос: совпали метки химия; открыто 1 из 4",
    );
    expect(explain(ru, { reason: "new", queue: "none" }, null)).toBe("нет свободного наставника");
    expect(explain(ru, { reason: "missed", queue: "misses" }, null)).toBe("срок ответа пропущен дважды");
  });

  it("says when a course question went to the course's own people", async () => {
    const [ru, en] = [await tFor("ru"), await tFor("en")];
    expect(explain(ru, { reason: "new", matched: [], open: 0, capacity: 5, course: "curator" }, null)).toBe(
      "назначен: совпадений меток нет; открыто 0 из 5; куратор курса, в модуле которого задан вопрос",
    );
    expect(explain(en, { reason: "new", matched: ["проценты"], open: 1, capacity: 5, course: "enrolled" }, null)).toMatch(
      /enrolled in the course the question was asked in$/,
    );
  });
});
