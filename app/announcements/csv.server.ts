/** The receipts of an announcement as CSV, for the curator's spreadsheet. */
import { stringify } from "csv-stringify/sync";
import type { TFunction } from "i18next";
import type { Locale } from "~/i18n/i18n";
import { allReceipts, type Announcement } from "./announcements.server";

/** ISO-like local time in the network's zone ("2026-03-02 14:05"), sortable in a spreadsheet. */
export function localTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * Russian Excel and LibreOffice split on ";" (the comma is the decimal mark there), so a Russian
 * curator's double click opens columns, not one long line; English ones split on ",".
 */
const DELIMITER: Record<Locale, string> = { ru: ";", en: "," };

export function receiptsCsv(a: Announcement, timeZone: string, t: TFunction, locale: Locale): string {
  const header = [
    t("announcements.csvHeader.name"),
    t("announcements.csvHeader.email"),
    t("announcements.csvHeader.school"),
    t("announcements.csvHeader.acknowledged"),
    t("announcements.csvHeader.acknowledgedAt", { zone: timeZone }),
  ];
  const rows = allReceipts(a).map((r) => [
    r.name,
    r.email,
    r.school,
    r.acknowledgedAt ? t("announcements.csvHeader.yes") : t("announcements.csvHeader.no"),
    r.acknowledgedAt ? localTime(r.acknowledgedAt, timeZone) : "",
  ]);
  // A byte-order mark so that Excel opens Cyrillic names as UTF-8; CRLF as RFC 4180 says.
  // escape_formulas: a cell starting with = + - @ (a name or school typed as "=HYPERLINK(…)") gets a
  // leading apostrophe, so a spreadsheet shows it as text instead of running it (CSV injection).
  return (
    "\uFEFF" +
    stringify([header, ...rows], { delimiter: DELIMITER[locale], record_delimiter: "windows", escape_formulas: true, quoted_match: /[;,]/ })
  );
}
