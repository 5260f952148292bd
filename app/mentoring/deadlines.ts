/**
 * The mentoring clock's rules in the network's time zone: when an answer is due, how a
 * deadline is named relative to now, and what "away until" a date means. The zone arithmetic
 * itself is app/utils/zoned-time.ts.
 */
import { addDays, HOUR_MS, localDate, localWeekday, startOfLocalDay, type IsoWeekday } from "~/utils/zoned-time";

/** A day of silence loses the teacher (the research behind Kollegi); networks may set their own. */
export const FIRST_RESPONSE_HOURS = 24;

export function deadlineFrom(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * HOUR_MS);
}

/**
 * "Away until 10 May" means away through that day: no questions until the network's
 * midnight after it. The form shows the same day back (awayThroughDate).
 */
export function awayUntilFromDate(ymd: string, timeZone: string): Date {
  return startOfLocalDay(addDays(ymd, 1), timeZone);
}

export function awayThroughDate(awayUntil: Date, timeZone: string): string {
  return localDate(new Date(awayUntil.getTime() - 1), timeZone);
}

export type DeadlineWhen =
  { kind: "today" | "tomorrow"; time: Date } | { kind: "weekday"; weekday: IsoWeekday; time: Date } | { kind: "date"; time: Date };

/** How to name a deadline relative to now in the zone: today, tomorrow, a weekday within the week, or a date. */
export function deadlineWhen(deadline: Date, now: Date, timeZone: string): DeadlineWhen {
  const day = localDate(deadline, timeZone);
  const today = localDate(now, timeZone);
  if (day === today) return { kind: "today", time: deadline };
  if (day === addDays(today, 1)) return { kind: "tomorrow", time: deadline };
  if (day > today && day < addDays(today, 7)) return { kind: "weekday", weekday: localWeekday(deadline, timeZone), time: deadline };
  return { kind: "date", time: deadline };
}
