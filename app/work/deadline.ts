/**
 * The clocks of course work in the network's time zone: a task is due at the end of its due
 * day, and a handed-in work's review by the end of the N-th working day (Monday to Friday) after
 * the day it was handed in. "By the end of Wednesday" reads plainer than an hour nobody chose.
 */
import { addDays, localDate, startOfLocalDay } from "~/utils/zoned-time";

/** A task due "on 10 May" takes work through that day: due at the network's midnight after it. */
export function dueAtFromDate(ymd: string, timeZone: string): Date {
  return startOfLocalDay(addDays(ymd, 1), timeZone);
}

/** The calendar day a due instant stands for (the form shows it back). */
export function dueDateOf(dueAt: Date, timeZone: string): string {
  return localDate(new Date(dueAt.getTime() - 1), timeZone);
}

const weekdayOf = (ymd: string) => {
  const day = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/** The end of the `days`-th working day after the day of `submittedAt` in the zone (weekends do not count). */
export function reviewDueAt(submittedAt: Date, days: number, timeZone: string): Date {
  let day = localDate(submittedAt, timeZone);
  let left = Math.max(1, days);
  while (left > 0) {
    day = addDays(day, 1);
    if (weekdayOf(day) <= 5) left -= 1;
  }
  return startOfLocalDay(addDays(day, 1), timeZone);
}
