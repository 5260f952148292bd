/**
 * What Kollegi accepts as a file, and the limits, shown before a teacher chooses a file and
 * checked on the server. A format is decided by the file's content (detect.server.ts), never
 * by its name or the browser's claim; anything not here is refused.
 */

export const MIB = 1024 * 1024;
/** One file: a scanned worksheet or a presentation fits, a lesson video does not. */
export const MAX_FILE_BYTES = 10 * MIB;
/** Files one post, module or entry carries. */
export const MAX_FILES_PER_ITEM = 5;
/** What one person may upload in 24 hours (a dozen phone photos and presentations a day). */
export const DAILY_UPLOAD_BYTES = 100 * MIB;
/**
 * A decoded image larger than this is refused before it is decoded in full: a few-KB PNG can
 * claim 20,000 × 20,000 pixels and take gigabytes of memory (a "pixel bomb"). 64 MP is past
 * any phone's photo (a 48 MP camera gives 8064 × 6048).
 */
export const MAX_IMAGE_PIXELS = 64_000_000;
/** The widths a stored image's previews are made at (never wider than the image). */
export const PREVIEW_WIDTHS = [320, 640, 1280] as const;
/** The long side of the stored full image: enough to read a worksheet, far lighter than a camera's. */
export const FULL_IMAGE_MAX_SIDE = 2560;

export type FileKind = "image" | "document";

export const FORMATS = {
  jpeg: { kind: "image", mime: "image/jpeg", ext: "jpg" },
  png: { kind: "image", mime: "image/png", ext: "png" },
  webp: { kind: "image", mime: "image/webp", ext: "webp" },
  gif: { kind: "image", mime: "image/gif", ext: "gif" },
  pdf: { kind: "document", mime: "application/pdf", ext: "pdf" },
  doc: { kind: "document", mime: "application/msword", ext: "doc" },
  docx: { kind: "document", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" },
  odt: { kind: "document", mime: "application/vnd.oasis.opendocument.text", ext: "odt" },
  xls: { kind: "document", mime: "application/vnd.ms-excel", ext: "xls" },
  xlsx: { kind: "document", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" },
  ods: { kind: "document", mime: "application/vnd.oasis.opendocument.spreadsheet", ext: "ods" },
  ppt: { kind: "document", mime: "application/vnd.ms-powerpoint", ext: "ppt" },
  pptx: { kind: "document", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", ext: "pptx" },
  odp: { kind: "document", mime: "application/vnd.oasis.opendocument.presentation", ext: "odp" },
  txt: { kind: "document", mime: "text/plain", ext: "txt" },
} as const satisfies Record<string, { kind: FileKind; mime: string; ext: string }>;

export type FormatKey = keyof typeof FORMATS;

export const isFormatKey = (value: string): value is FormatKey => Object.hasOwn(FORMATS, value);

/** The `accept` attribute of a file input: a hint to the phone's picker; the server decides. */
export const ACCEPT = [...new Set(Object.values(FORMATS).flatMap((format) => [`.${format.ext}`, format.mime])), ".jpeg"].join(",");

/** "2,4 МБ", "850 КБ", "2.4 MB": sizes as a teacher reads them, in the page's language. */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, value] = bytes >= MIB ? (["megabyte", bytes / MIB] as const) : (["kilobyte", Math.max(1, bytes / 1024)] as const);
  return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}
