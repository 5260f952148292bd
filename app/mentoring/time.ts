/**
 * Deadlines and dates in a network's time zone (Russia spans eleven). Instants are stored
 * in UTC; a teacher in Petropavlovsk and a mentor in Kaliningrad must both read "by Tuesday
 * 14:00" as the network's Tuesday. Pure functions over Intl, with the clock passed in.
 */

export const HOUR_MS = 60 * 60_000;
export const DAY_MS = 24 * HOUR_MS;

/** A day of silence loses the teacher (the research behind Kollegi); networks may set their own. */
export const FIRST_RESPONSE_HOURS = 24;

export function deadlineFrom(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * HOUR_MS);
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

const partFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function localParts(date: Date, timeZone: string): LocalParts {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
function offsetMs(date: Date, timeZone: string): number {
  const p = localParts(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (date.getTime() - date.getUTCMilliseconds());
}

/** "2025-03-11" as the network sees the instant. */
export function localDate(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100;
}

/** The instant a local calendar day begins in the zone (twice corrected, for zones that moved their clocks). */
export function startOfLocalDay(ymd: string, timeZone: string): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
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
  | { kind: "today" | "tomorrow"; time: Date }
  | { kind: "weekday"; weekday: number; time: Date }
  | { kind: "date"; time: Date };

/** How to name a deadline relative to now in the zone: today, tomorrow, a weekday within the week, or a date. */
export function deadlineWhen(deadline: Date, now: Date, timeZone: string): DeadlineWhen {
  const day = localDate(deadline, timeZone);
  const today = localDate(now, timeZone);
  if (day === today) return { kind: "today", time: deadline };
  if (day === addDays(today, 1)) return { kind: "tomorrow", time: deadline };
  if (day > today && day < addDays(today, 7)) return { kind: "weekday", weekday: localParts(deadline, timeZone).weekday, time: deadline };
  return { kind: "date", time: deadline };
}
