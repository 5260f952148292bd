/**
 * A pasted enrolment list, as curators have it: addresses separated by commas, semicolons,
 * spaces or new lines, "Name <address>", or a CSV export (a header row naming an email column,
 * quoted fields) from a spreadsheet or a registration form. csv-parse reads the CSV; zod's
 * email() decides what an address is, as it does at registration.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";

/** RFC 5321 caps an address at 254 characters. */
const EMAIL_MAX = 254;
/** More entries than this in one paste is not a course list; the rest is reported, not processed. */
export const EMAILS_PER_PASTE_MAX = 2_000;

const emailFormat = z.string().max(EMAIL_MAX).email();

export type ParsedEmails = {
  /** Lower-cased, trimmed, in first-seen order, without repeats. */
  emails: string[];
  /** Entries that are not an address, as typed. */
  malformed: string[];
};

const HEADER = /^(e-?mail|email address|адрес( электронной почты)?|эл\.? ?почта|электронная почта|почта|e-mail адрес)$/iu;

function normalise(entry: string): string {
  return entry
    .normalize("NFC")
    .trim()
    .replace(/^mailto:/i, "")
    .replace(/^[<"'«(\[]+|[>"'»)\].,;:]+$/gu, "")
    .trim()
    .toLowerCase();
}

/** The column that holds addresses, when the first line is a CSV header naming it. */
function csvEmailColumn(text: string): { column: number; delimiter: string } | null {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  for (const delimiter of [",", ";", "\t"]) {
    if (!firstLine.includes(delimiter)) continue;
    const cells = firstLine.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, "").trim());
    const column = cells.findIndex((c) => HEADER.test(c));
    if (column !== -1) return { column, delimiter };
  }
  return null;
}

function fromCsv(text: string, column: number, delimiter: string): string[] | null {
  try {
    const rows: string[][] = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, bom: true });
    return rows.slice(1).map((row) => row[column] ?? "").filter((cell) => cell !== "");
  } catch {
    // Not CSV after all (a stray quote): read it as a plain list instead.
    return null;
  }
}

function fromList(text: string): string[] {
  // "Иванова Мария <maria@school.ru>": the name goes, the address stays.
  const withoutNames = text.replace(/[^\n,;<>]*<([^<>\s]+@[^<>\s]+)>/g, " $1 ");
  return withoutNames.split(/[\s,;]+/u).filter(Boolean);
}

export function parseEmails(text: string): ParsedEmails {
  const csv = csvEmailColumn(text);
  const entries = (csv && fromCsv(text, csv.column, csv.delimiter)) ?? fromList(text);
  const seen = new Set<string>();
  const emails: string[] = [];
  const malformed: string[] = [];
  for (const entry of entries) {
    const email = normalise(entry);
    if (email === "") continue;
    if (seen.size >= EMAILS_PER_PASTE_MAX || !emailFormat.safeParse(email).success) {
      malformed.push(entry.trim());
      continue;
    }
    if (seen.has(email)) continue;
    seen.add(email);
    emails.push(email);
  }
  return { emails, malformed };
}
