/**
 * How many pages a document has ("PDF, 3 страницы"), read cheaply from what the file itself
 * declares: nothing is rendered or fully parsed. A number we cannot read is simply not shown,
 * so every failure is null and nothing here throws.
 */
import zlib from "node:zlib";
import { unzipSync } from "fflate";
import type { FormatKey } from "./formats";

/** A metadata part bigger than this is not metadata: skip it rather than inflate a zip bomb. */
const MAX_ZIP_ENTRY_BYTES = 1024 * 1024;
/** A count past this is a damaged or lying file, not a worksheet. */
const MAX_PAGES = 100_000;

export function documentPages(bytes: Uint8Array, format: FormatKey): number | null {
  try {
    switch (format) {
      case "pdf":
        return pdfPages(bytes);
      case "docx":
        return zipCount(bytes, "docProps/app.xml", /<(?:\w+:)?Pages>\s*(\d+)\s*</);
      case "pptx":
        return zipCount(bytes, "docProps/app.xml", /<(?:\w+:)?Slides>\s*(\d+)\s*</);
      // ODF's page count: pages of a text, slides (draw pages) of a presentation. object-count
      // counts drawings and frames, not slides, so it is not used.
      case "odt":
      case "odp":
        return zipCount(bytes, "meta.xml", /\bmeta:page-count\s*=\s*["'](\d+)["']/);
      default:
        // Spreadsheets have sheets, not pages; images and text have no count worth showing.
        return null;
    }
  } catch {
    return null;
  }
}

const plausible = (count: number) => (Number.isSafeInteger(count) && count > 0 && count <= MAX_PAGES ? count : null);

/** One small entry of a zip, read through its declared size: entries over 1 MB are never inflated. */
function zipCount(bytes: Uint8Array, entry: string, pattern: RegExp): number | null {
  const files = unzipSync(bytes, { filter: (file) => file.name === entry && file.originalSize <= MAX_ZIP_ENTRY_BYTES });
  const data = files[entry];
  if (data === undefined) return null;
  const match = pattern.exec(new TextDecoder().decode(data));
  return match ? plausible(Number(match[1])) : null;
}

/** Inflated object streams, together, at most: the page tree is small; a bigger total is not worth it. */
const MAX_OBJECT_STREAM_BYTES = 4 * 1024 * 1024;

/**
 * A PDF's page count, tried in three ways:
 * 1. the root page tree's /Count: trailer /Root → the catalog's /Pages → that object's /Count
 *    (the last definition of an object wins, as incremental updates append new ones);
 * 2. when the catalog sits in a compressed object stream (Word and most modern writers put it
 *    there), the largest /Count of any /Type /Pages dictionary, in the file's text or in its
 *    inflated /ObjStm streams: the root's count is the sum of its children's;
 * 3. failing that, the number of /Type /Page dictionaries (never /Pages).
 */
function pdfPages(bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (!text.startsWith("%PDF-")) return null;

  const root = lastMatch(text, /\/Root\s+(\d+)\s+(\d+)\s+R/g);
  const catalog = root ? objectBody(text, root[1]!, root[2]!) : null;
  const pagesRef = catalog ? /\/Pages\s+(\d+)\s+(\d+)\s+R/.exec(catalog) : null;
  const pageTree = pagesRef ? objectBody(text, pagesRef[1]!, pagesRef[2]!) : null;
  const rootCount = pageTree ? /\/Count\s+(\d+)/.exec(pageTree) : null;
  if (rootCount) return plausible(Number(rootCount[1]));

  const readable = [text, ...objectStreams(bytes, text)];
  let largest = 0;
  for (const part of readable) {
    for (const tree of first(part.matchAll(/\/Type\s*\/Pages\b/g), MAX_DICTIONARIES)) {
      const count = /\/Count\s+(\d+)/.exec(dictionaryAround(part, tree.index));
      if (count) largest = Math.max(largest, Number(count[1]));
    }
  }
  if (largest > 0) return plausible(largest);

  const pages = readable.reduce((sum, part) => sum + (part.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0), 0);
  return pages > 0 ? plausible(pages) : null;
}

/** The Flate-compressed object streams' text, inflated with a cap on the total. */
function objectStreams(bytes: Uint8Array, text: string): string[] {
  const streams: string[] = [];
  let budget = MAX_OBJECT_STREAM_BYTES;
  for (const type of first(text.matchAll(/\/Type\s*\/ObjStm\b/g), MAX_DICTIONARIES)) {
    const dictionary = dictionaryAround(text, type.index);
    const end = dictionaryEnd(text, type.index);
    const stream = /^\s*stream\r?\n/.exec(text.slice(end, end + 20));
    if (!/\/FlateDecode\b/.test(dictionary) || /\/DecodeParms\b/.test(dictionary) || !stream) continue;
    const from = end + stream[0].length;
    const to = text.indexOf("endstream", from);
    if (to === -1 || budget <= 0) break;
    try {
      const inflated = zlib.inflateSync(bytes.subarray(from, to), { maxOutputLength: budget, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      budget -= inflated.length;
      streams.push(inflated.toString("latin1"));
    } catch {
      // A damaged or oversized stream: count with what the others give.
    }
  }
  return streams;
}

/** How far from a /Type a dictionary's other keys are looked for. */
const DICTIONARY_REACH = 2000;
/** Page-tree nodes or object streams looked at, at most: a 10,000-page PDF has about a thousand of each. */
const MAX_DICTIONARIES = 10_000;

/**
 * The dictionary a key at `at` belongs to, roughly: from the nearest `<<` before it to the
 * nearest `>>` after, each looked for within 2,000 characters. Found by searching those windows,
 * never the whole file or a backtracking pattern, so a file of ten million `<` (or of `/Type
 * /Pages` without a `<<`) costs what any other file does.
 */
function dictionaryAround(text: string, at: number): string {
  const from = Math.max(0, at - DICTIONARY_REACH);
  const open = text.slice(from, at).lastIndexOf("<<");
  return text.slice(open === -1 ? at : from + open, dictionaryEnd(text, at));
}

function dictionaryEnd(text: string, at: number): number {
  const close = text.slice(at, at + DICTIONARY_REACH).indexOf(">>");
  return close === -1 ? Math.min(text.length, at + DICTIONARY_REACH) : at + close + 2;
}

function* first<T>(items: Iterable<T>, limit: number): Generator<T> {
  let taken = 0;
  for (const item of items) {
    if (taken++ >= limit) return;
    yield item;
  }
}

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(pattern)) last = match;
  return last;
}

/** The text of object `id gen` up to its endobj (its last definition). */
function objectBody(text: string, id: string, generation: string): string | null {
  const start = lastMatch(text, new RegExp(`(?:^|[^0-9])${id}\\s+${generation}\\s+obj\\b`, "g"));
  if (!start) return null;
  const from = start.index + start[0].length;
  const end = text.indexOf("endobj", from);
  return text.slice(from, end === -1 ? from + 4096 : end);
}
