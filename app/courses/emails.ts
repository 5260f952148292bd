/**
 * A pasted enrolment list, as curators have it: addresses separated by commas, semicolons,
 * spaces or new lines, "Name <address>", or a CSV export (a header row naming an email column,
 * quoted fields) from a spreadsheet or a registration form. csv-parse reads the CSV; zod's
 * email() decides what an address is, as it does at registration.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { EMAILS_PER_PASTE_MAX } from "./schemas";

/** RFC 5321 caps an address at 254 characters. */
const EMAIL_MAX = 254;

const emailFormat = z.string().max(EMAIL_MAX).email();

export type ParsedEmails = {
  /** Lower-cased, trimmed, in first-seen order, without repeats. */
  emails: string[];
  /** Entries that are not an address, as typed. */
  malformed: string[];
  /** Addresses past EMAILS_PER_PASTE_MAX, not processed (they may well be fine: paste them next). */
  overLimit: number;
};

/** A header cell naming the address column: "E-mail", "Email учителя", "Эл. почта", "Электронный адрес"… */
const HEADER = /(e-?mail|почт|электронн\p{L}* адрес|адрес электронн|^адрес$)/iu;
/** A word of a name beside an address ("Иванова", "Мария", "М."), not a mistyped address. */
const NAME_WORD = /^\p{L}[\p{L}'’-]*\.?$/u;

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
    const rows: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
    return rows
      .slice(1)
      .map((row) => row[column] ?? "")
      .filter((cell) => cell !== "");
  } catch {
    // Not CSV after all (a stray quote): read it as a plain list instead.
    return null;
  }
}

function fromList(text: string): string[] {
  // "Иванова Мария <maria@school.ru>": the name goes, the address stays.
  const withoutNames = text.replace(/[^\n,;<>]*<([^<>\s]+@[^<>\s]+)>/g, " $1 ");
  return withoutNames.split(/\r?\n/).flatMap((line) => {
    const tokens = line.split(/[\s,;]+/u).filter(Boolean);
    // "Иванова Мария maria@school.ru", a line of a list copied from a table: the words of the
    // name are not entries. A line with no address at all is one entry, reported as typed.
    if (!tokens.some((token) => token.includes("@")))
      return tokens.length > 1 && tokens.every((token) => NAME_WORD.test(token)) ? [line.trim()] : tokens;
    return tokens.filter((token) => !NAME_WORD.test(token));
  });
}

export function parseEmails(text: string): ParsedEmails {
  const csv = csvEmailColumn(text);
  const entries = (csv && fromCsv(text, csv.column, csv.delimiter)) ?? fromList(text);
  const seen = new Set<string>();
  const emails: string[] = [];
  const malformed: string[] = [];
  let overLimit = 0;
  for (const entry of entries) {
    const email = normalise(entry);
    if (email === "") continue;
    if (!emailFormat.safeParse(email).success) {
      malformed.push(entry.trim());
      continue;
    }
    if (seen.has(email)) continue;
    if (seen.size >= EMAILS_PER_PASTE_MAX) {
      overLimit += 1;
      continue;
    }
    seen.add(email);
    emails.push(email);
  }
  return { emails, malformed, overLimit };
}
