/**
 * Mentoring facts in words, on the server, in the reader's language and the network's
 * time zone: "до вторника, 14:00", "3 ч 20 мин", "назначен: совпали метки физика, ФГОС;
 * открыто 2 из 5". Pure: the translation function and the clock come in.
 */
import type { TFunction } from "i18next";
import type { Explanation } from "./assign.server";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "~/utils/zoned-time";
import { deadlineWhen } from "./deadlines";

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat) {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function formatTime(date: Date, locale: string, timeZone: string): string {
  return formatter(
    `t|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }),
  ).format(date);
}

function formatDayMonth(date: Date, locale: string, timeZone: string): string {
  return formatter(`dm|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone })).format(
    date,
  );
}

/** The deadline keys count from Sunday = 0 (weekday0 … weekday6). */
type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** "сегодня до 18:00", "завтра до 09:30", "до вторника, 14:00", "до 12 марта, 14:00". */
export function formatDeadline(t: TFunction, locale: string, deadline: Date, now: Date, timeZone: string): string {
  const when = deadlineWhen(deadline, now, timeZone);
  const time = formatTime(deadline, locale, timeZone);
  switch (when.kind) {
    case "today":
    case "tomorrow":
      return t(`mentoring.deadline.${when.kind}`, { time });
    case "weekday":
      // The keys count from Sunday = 0 (weekday0 … weekday6); the weekday is ISO, Sunday = 7.
      return t(`mentoring.deadline.weekday${(when.weekday % 7) as Weekday}`, { time });
    case "date":
      return t("mentoring.deadline.date", { date: formatDayMonth(deadline, locale, timeZone), time });
  }
}

/** Rounded to what a person cares about: minutes under an hour, hours and minutes under a day, then days and hours. */
export function formatDuration(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE_MS));
  if (minutes < 60) return t("mentoring.duration.minutes", { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return m === 0 ? t("mentoring.duration.hours", { h: hours }) : t("mentoring.duration.hoursMinutes", { h: hours, m });
  }
  const days = Math.floor(ms / DAY_MS);
  const h = Math.floor((ms - days * DAY_MS) / HOUR_MS);
  return h === 0 ? t("mentoring.duration.days", { d: days }) : t("mentoring.duration.daysHours", { d: days, h });
}

/** For moderators: why this mentor, or why nobody. */
export function explain(t: TFunction, explanation: Explanation | null, byName: string | null): string {
  if (!explanation) return "";
  const e = explanation;
  if (e.queue) {
    const why = t(e.queue === "misses" ? "mentoring.explain.queueMisses" : "mentoring.explain.queueNone");
    return e.reason === "new" || e.queue === "misses" ? why : `${t(`mentoring.explain.${e.reason}`, { name: byName ?? "" })}; ${why}`;
  }
  const head = t(`mentoring.explain.${e.reason}`, { name: byName ?? "" });
  if (e.matched === undefined) return head;
  const match = e.matched.length ? t("mentoring.explain.matched", { tags: e.matched.join(", ") }) : t("mentoring.explain.noMatch");
  const load =
    e.open !== undefined && e.capacity !== undefined ? `; ${t("mentoring.explain.load", { open: e.open, capacity: e.capacity })}` : "";
  const course = e.course ? `; ${t(`mentoring.explain.course_${e.course}`)}` : "";
  return `${head}: ${match}${load}${course}`;
}

export type AssignmentStatus = "open" | "met" | "missed" | "handed_off" | "declined" | "reassigned" | "closed";

export function statusText(t: TFunction, status: AssignmentStatus): string {
  return t(`mentoring.status.${status}`);
}
