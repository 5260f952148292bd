/**
 * The name a file is shown and downloaded under. It starts as whatever the browser sent (a
 * path, a name that reads backwards, a program renamed to look like a worksheet) and leaves
 * here as one short, plain name whose extension says what the file really is. Pages use it, so
 * it imports nothing of Node's itself: the download header is written in names.server.ts and
 * only re-exported here (the Remix compiler empties `.server` modules in the browser bundle, so
 * there `contentDispositionHeader` is undefined; it is only ever called by loaders).
 */
import { FORMATS, type FormatKey } from "./formats";

/** Long enough for «Контрольная работа по алгебре, 8 класс, вариант 2 (с ответами)», short enough for a list. */
export const MAX_NAME_LENGTH = 120;
/** The stem of a name that had none left ("....", "", "/"): neutral, and the same in the ASCII fallback. */
const NO_STEM = "file";

/** Extensions that name the format as well as FORMATS' own (kept as the person wrote them). */
const ALSO_ACCEPTED: Partial<Record<FormatKey, readonly string[]>> = { jpeg: ["jpeg"] };

/**
 * Control characters (C0, DEL, C1) and the invisible marks that reorder text: the bidi
 * embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), LRM/RLM (U+200E/F) and
 * the Arabic letter mark (U+061C). "invoice\u202Efdp.exe" shows as "invoiceexe.pdf".
 */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** What follows the last dot counts as an extension only when it looks like one ("pdf", "JPG", "docx"). */
const EXTENSION = /^[A-Za-z0-9]{1,5}$/;

export function displayName(raw: string, format: FormatKey): string {
  const lastPart = raw.split(/[/\\]/).pop() ?? "";
  // Tabs and line breaks become spaces before the other controls go, so words stay apart.
  const spaced = lastPart.normalize("NFC").replace(/\s+/gu, " ");
  const clean = spaced.replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();

  const dot = clean.lastIndexOf(".");
  const candidate = dot === -1 ? "" : clean.slice(dot + 1);
  const hasExtension = EXTENSION.test(candidate) && /[A-Za-z]/.test(candidate);
  const extension = hasExtension && accepts(format, candidate) ? candidate : FORMATS[format].ext;
  const stem = (hasExtension ? clean.slice(0, dot) : clean).replace(/^[\s.]+/u, "").trimEnd();

  const room = MAX_NAME_LENGTH - extension.length - 1;
  return `${cut(stem, room) || NO_STEM}.${extension}`;
}

function accepts(format: FormatKey, extension: string): boolean {
  const lower = extension.toLowerCase();
  return lower === FORMATS[format].ext || (ALSO_ACCEPTED[format]?.includes(lower) ?? false);
}

/**
 * The first whole characters (grapheme clusters: an emoji family or a letter with its accent
 * stays whole) that fit in `room` UTF-16 units, trimmed of the space or dot a cut may leave.
 */
function cut(stem: string, room: number): string {
  if (stem.length <= room) return stem;
  let kept = "";
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(stem)) {
    if (kept.length + segment.length > room) break;
    kept += segment;
  }
  return kept.replace(/[\s.]+$/u, "");
}

export { contentDispositionHeader } from "./names.server";
