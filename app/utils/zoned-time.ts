/**
 * Time in a network's time zone (Russia spans eleven), and the durations every module counts
 * with. Instants are stored in UTC; a teacher in Petropavlovsk and a mentor in Kaliningrad
 * must both read "Tuesday 14:00" as the network's Tuesday. Pure functions over Intl, with the
 * clock passed in. Calendar days travel as "YYYY-MM-DD" strings; weekdays are ISO 8601
 * (1 = Monday … 7 = Sunday), the numbering the digest's "weekly on Monday" reads naturally.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type ZonedParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: IsoWeekday };

const ISO_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Building an Intl formatter costs far more than using one: one per zone. */
const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at that instant, and its weekday. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
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
    weekday: (ISO_WEEKDAYS.indexOf(parts.weekday ?? "") + 1) as IsoWeekday,
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
function offsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (date.getTime() - date.getUTCMilliseconds());
}

/** "2025-03-11" as the network sees the instant. */
export function localDate(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of the instant in the zone. */
export function localWeekday(date: Date, timeZone: string): IsoWeekday {
  return zonedParts(date, timeZone).weekday;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100;
}

/** The instant the zone's clock shows that hour on that calendar day (twice corrected, for zones that moved their clocks). */
export function zonedInstant(ymd: string, hour: number, timeZone: string): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The instant a local calendar day begins in the zone. */
export function startOfLocalDay(ymd: string, timeZone: string): Date {
  return zonedInstant(ymd, 0, timeZone);
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
