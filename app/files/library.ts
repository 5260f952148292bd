/**
 * The materials library's pure parts, shared by the server and the pages: the description a
 * curator writes under a file (how the library finds it beside its name), the library's query
 * (search words, where from, a tag, the page), and the folding that makes its search ignore case
 * in Russian too.
 */
import type { Message } from "~/i18n/keys";
import { optionalTextField } from "~/utils/validation";

/** A line under the file's name ("Рабочий лист к уроку 3, 6 класс"), not a second summary. */
export const DESCRIPTION_MAX = 300;
/** A file's description in a form: `fileDescription-<attachment id>`. */
export const DESCRIPTION_FIELD = "fileDescription";
export const descriptionFieldName = (attachmentId: number) => `${DESCRIPTION_FIELD}-${attachmentId}`;

const descriptionField = optionalTextField({ max: DESCRIPTION_MAX });

export type Descriptions = Record<number, string>;
export type DescriptionErrors = Record<number, Message[]>;

/** The descriptions a form carries for these attachments, each checked like any text field; a file without one gets "". */
export function readDescriptions(formData: FormData, ids: number[]): { values: Descriptions; errors: DescriptionErrors } {
  const values: Descriptions = {};
  const errors: DescriptionErrors = {};
  for (const id of ids) {
    const raw = formData.get(descriptionFieldName(id));
    const parsed = descriptionField.safeParse(typeof raw === "string" ? raw : undefined);
    if (parsed.success) values[id] = parsed.data;
    else {
      values[id] = typeof raw === "string" ? raw : "";
      errors[id] = parsed.error.issues.map((issue) => issue.message as Message);
    }
  }
  return { values, errors };
}

export const hasDescriptionErrors = (errors: DescriptionErrors) => Object.keys(errors).length > 0;

/** Longer than any file name and its description together; a pasted page is cut, with a message. */
export const SEARCH_MAX = 200;
/** Files on one page of the library: a phone screen or three. */
export const LIBRARY_PAGE_SIZE = 20;
/**
 * A search reads at most this many of the network's files, newest first, and matches them here
 * (see `foldForSearch`). A network's modules and entries hold a few thousand files at most (five
 * per item); past this the page says the search looked at the newest ones only.
 */
export const LIBRARY_SCAN_MAX = 5_000;

/** "kb": the knowledge base's files; a number: one course's module files; null: everything. */
export type LibrarySource = "kb" | number | null;

export type LibraryQuery = { q: string; from: LibrarySource; tag: string | null; page: number; errors: Message[] };

const searchField = optionalTextField({ max: SEARCH_MAX });

/**
 * The library's address as a query, never refused: a search that cannot be read (too long,
 * control characters) is a message beside the field and no results; an unknown source, tag or
 * page is no filter, the first page.
 */
export function parseLibraryQuery(params: URLSearchParams): LibraryQuery {
  const rawQ = params.get("q") ?? "";
  const parsed = searchField.safeParse(rawQ);
  const fromRaw = params.get("from") ?? "";
  const courseId = /^\d{1,9}$/.test(fromRaw) ? Number(fromRaw) : null;
  const from: LibrarySource = fromRaw === "kb" ? "kb" : courseId !== null && courseId > 0 ? courseId : null;
  const tagRaw = (params.get("tag") ?? "").normalize("NFC").trim();
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: parsed.success ? parsed.data : rawQ.slice(0, SEARCH_MAX),
    from,
    tag: tagRaw && [...tagRaw].length <= 100 ? tagRaw : null,
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    errors: parsed.success ? [] : parsed.error.issues.map((issue) => issue.message as Message),
  };
}

/**
 * Text as the search compares it: compatibility-normalised, lower case by the Unicode rules (so
 * «ДРОБИ» finds «дроби»: SQLite's lower() folds ASCII only), «ё» read as «е» as Russian readers
 * do, and runs of spaces as one.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase("ru").replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/** The words of a search, folded; a file matches when its name or description holds every one. */
export const searchWords = (q: string): string[] => foldForSearch(q).split(" ").filter(Boolean);

export function matchesWords(words: string[], ...texts: string[]): boolean {
  const haystack = foldForSearch(texts.join(" "));
  return words.every((word) => haystack.includes(word));
}
