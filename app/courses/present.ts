/** Course facts in words for the pages: dates in the reader's language (course dates are days, not instants). */
import { formatDate } from "~/utils/dates";
import { parseMaterials } from "./materials";

/** "YYYY-MM-DD" → "12 мар. 2026 г." in the reader's language; a course day is the same day everywhere. */
export function formatDay(day: string | null, locale: string): string | null {
  return day ? formatDate(`${day}T12:00:00Z`, locale, "UTC") : null;
}

export function materialsOf(raw: string) {
  return parseMaterials(raw).materials;
}

/** Dates of a course as one phrase's parts: both, from, until, or none. */
export function courseDates(course: { startsOn: string | null; endsOn: string | null }, locale: string) {
  return { starts: formatDay(course.startsOn, locale), ends: formatDay(course.endsOn, locale) };
}

/** Course descriptions change rarely and are read often: cooked once per text, a few hundred kept. */
const COOKED_KEPT = 200;
const cooked = new Map<string, string>();

export function cookDescription(source: string, render: (markdown: string) => string): string {
  let html = cooked.get(source);
  if (html === undefined) {
    html = render(source);
    if (cooked.size >= COOKED_KEPT) cooked.delete(cooked.keys().next().value!);
    cooked.set(source, html);
  }
  return html;
}
