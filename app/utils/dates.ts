/**
 * Dates as teachers read them: in their language and their network's time zone
 * (Russia spans eleven), and "3 hours ago" for recent activity. Intl does the work.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./zoned-time";

/** Building an Intl formatter costs far more than using one: keep one per language and zone. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDateTime(date: Date | string | number, locale: string, timeZone: string): string {
  return cached(
    `dt|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(new Date(date));
}

export function formatDate(date: Date | string | number, locale: string, timeZone: string): string {
  return cached(`d|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone })).format(new Date(date));
}

/** "5 минут назад", "вчера", "3 дня назад"; older than a month: the date itself. */
export function formatAge(date: Date | string | number, now: Date, locale: string, timeZone: string): string {
  const diff = new Date(date).getTime() - now.getTime();
  const rtf = cached(`rt|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  const ago = -diff;
  if (ago < MINUTE_MS) return rtf.format(0, "minute");
  if (ago < HOUR_MS) return rtf.format(Math.round(diff / MINUTE_MS), "minute");
  if (ago < DAY_MS) return rtf.format(Math.round(diff / HOUR_MS), "hour");
  if (ago < 30 * DAY_MS) return rtf.format(Math.round(diff / DAY_MS), "day");
  return formatDate(date, locale, timeZone);
}
