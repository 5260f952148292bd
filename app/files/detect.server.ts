/**
 * A file's format, decided by its content alone: the name and the browser's claim are what a
 * person (or an attacker) typed. Anything that is not one of FORMATS comes back null and is
 * refused: SVG and HTML (they run scripts when opened from our origin), archives, programs.
 */
import { isUtf8 } from "node:buffer";
import { fileTypeFromBuffer } from "file-type";
import type { FormatKey } from "./formats";

/** file-type's extension → ours. An animated PNG is still a PNG (its first frame is shown). */
const BY_FILE_TYPE: Readonly<Record<string, FormatKey>> = {
  jpg: "jpeg",
  png: "png",
  apng: "png",
  webp: "webp",
  gif: "gif",
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  odt: "odt",
  ods: "ods",
  odp: "odp",
};

export async function detectFormat(bytes: Uint8Array): Promise<FormatKey | null> {
  if (bytes.length === 0) return null;
  let found;
  try {
    found = await fileTypeFromBuffer(bytes);
  } catch {
    // file-type throws on some malformed containers; what it cannot read we do not accept.
    return null;
  }
  if (found === undefined) return isPlainText(bytes) ? "txt" : null;
  if (found.ext === "cfb") return oldOfficeFormat(bytes);
  return Object.hasOwn(BY_FILE_TYPE, found.ext) ? (BY_FILE_TYPE[found.ext] ?? null) : null;
}

/**
 * Old Office files are all Compound Files (a small FAT file system in one file); which program
 * wrote one is told by the streams in its directory. The names are compared whole, so a Word
 * document whose text mentions "Workbook" is still a .doc.
 */
function oldOfficeFormat(bytes: Uint8Array): FormatKey | null {
  const streams = compoundFileStreams(bytes);
  if (streams === null) return null;
  if (streams.has("worddocument")) return "doc";
  if (streams.has("workbook") || streams.has("book")) return "xls";
  if (streams.has("powerpoint document")) return "ppt";
  return null;
}

const END_OF_CHAIN = 0xfffffffe;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;

/**
 * The lower-cased names of the streams in a Compound File's directory (MS-CFB 2.2–2.6), or null
 * when the header or the directory's sector chain does not hold together. Every read is bounds
 * checked and the chain walk stops after as many steps as the file has sectors, so a crafted
 * file can neither throw nor loop.
 */
function compoundFileStreams(bytes: Uint8Array): Set<string> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at >= 0 && at + 4 <= bytes.length ? view.getUint32(at, true) : null);
  if (bytes.length < 512) return null;
  const shift = view.getUint16(30, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorBytes = 1 << shift;
  const idsPerSector = sectorBytes / 4;
  const sectorCount = Math.ceil(bytes.length / sectorBytes);
  const sectorAt = (sector: number) => (sector + 1) * sectorBytes;

  const fatSector = (index: number): number | null => {
    if (index < HEADER_DIFAT_ENTRIES) return u32(76 + index * 4);
    // Past the header's 109 entries, the FAT's sectors are listed in a chain of DIFAT sectors.
    let difat = u32(68);
    let rest = index - HEADER_DIFAT_ENTRIES;
    for (let steps = 0; difat !== null && difat < sectorCount && steps < sectorCount; steps++) {
      if (rest < idsPerSector - 1) return u32(sectorAt(difat) + rest * 4);
      rest -= idsPerSector - 1;
      difat = u32(sectorAt(difat) + (idsPerSector - 1) * 4);
    }
    return null;
  };
  const nextSector = (sector: number): number | null => {
    const fat = fatSector(Math.floor(sector / idsPerSector));
    return fat === null || fat >= sectorCount ? null : u32(sectorAt(fat) + (sector % idsPerSector) * 4);
  };

  const names = new Set<string>();
  let sector = u32(48);
  for (let steps = 0; sector !== END_OF_CHAIN; steps++) {
    if (sector === null || sector >= sectorCount || steps >= sectorCount) return null;
    for (
      let at = sectorAt(sector);
      at + DIRECTORY_ENTRY_BYTES <= Math.min(sectorAt(sector + 1), bytes.length);
      at += DIRECTORY_ENTRY_BYTES
    ) {
      const nameBytes = view.getUint16(at + 64, true);
      const isStream = bytes[at + 66] === 2;
      if (isStream && nameBytes >= 4 && nameBytes <= 64 && nameBytes % 2 === 0) {
        names.add(
          Buffer.from(bytes.subarray(at, at + nameBytes - 2))
            .toString("utf16le")
            .toLowerCase(),
        );
      }
    }
    sector = nextSector(sector);
  }
  return names;
}

/** The C0 controls and DEL; text may hold tab, line feed, form feed and carriage return. */
const CONTROL_BYTES = [...Array.from({ length: 0x20 }, (_, byte) => byte).filter((byte) => ![0x09, 0x0a, 0x0c, 0x0d].includes(byte)), 0x7f];
/** Undefined in windows-1251: a byte no Cyrillic text editor writes. */
const UNDEFINED_IN_WINDOWS_1251 = 0x98;
/** Share of the high bytes that must be letters for single-byte text to count as Cyrillic. */
const MIN_LETTER_SHARE = 0.8;
/** Enough of the start to see whether it opens with a tag. */
const MARKUP_PREFIX_BYTES = 1024;

/**
 * Plain text, by a simple rule:
 * 1. no control characters but tab, line feed, form feed and carriage return (so no NUL: a UTF-16
 *    file, which is half NULs, is refused along with every binary format file-type missed);
 * 2. valid UTF-8 (a BOM is fine), or else single-byte Cyrillic: at least 80 % of the bytes at or
 *    above 0x80 fall where windows-1251 and KOI8-R keep their letters (0xC0–0xFF, plus Ё/ё at
 *    0xA8/0xB8), and no 0x98, which windows-1251 leaves undefined;
 * 3. not markup: text whose first non-blank character opens a tag (`<svg`, `<!DOCTYPE`, `<?xml`,
 *    `</`) is HTML, SVG or XML that file-type did not name, and a browser may run it.
 * A 10 MB file is checked in milliseconds (memchr per control byte, simdutf for UTF-8), so the
 * event loop barely notices; only the rare single-byte file is walked byte by byte.
 */
function isPlainText(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (CONTROL_BYTES.some((byte) => buffer.includes(byte))) return false;
  let start: string;
  if (isUtf8(buffer)) {
    start = new TextDecoder("utf-8").decode(buffer.subarray(0, MARKUP_PREFIX_BYTES));
  } else {
    if (buffer.includes(UNDEFINED_IN_WINDOWS_1251)) return false;
    let high = 0;
    let letters = 0;
    for (let i = 0; i < buffer.length; i++) {
      const byte = buffer[i]!;
      if (byte >= 0x80) {
        high++;
        if (byte >= 0xc0 || byte === 0xa8 || byte === 0xb8) letters++;
      }
    }
    if (letters < high * MIN_LETTER_SHARE) return false;
    start = buffer.toString("latin1", 0, MARKUP_PREFIX_BYTES);
  }
  return !/^\s*<[a-z!?/]/i.test(start);
}
