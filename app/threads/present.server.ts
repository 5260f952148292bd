import { formatAge, formatDateTime } from "~/utils/dates";
import type { ThreadListRow } from "./list.server";

/** Dates are formatted on the server, in the reader's language and the network's time zone. */
export function presentRows(rows: ThreadListRow[], locale: string, timeZone: string, now = new Date()) {
  return rows.map(({ createdAt, lastActivityAt, ...row }) => ({
    ...row,
    created: formatDateTime(createdAt, locale, timeZone),
    age: formatAge(createdAt, now, locale, timeZone),
    activity: formatAge(lastActivityAt, now, locale, timeZone),
  }));
}

export type PresentedRow = ReturnType<typeof presentRows>[number];
