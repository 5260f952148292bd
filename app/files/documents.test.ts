import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { ooxml, pdf, WORD_DOCUMENT } from "../../tests/fixtures/files/builders";
import { documentPages } from "./documents.server";
import type { FormatKey } from "./formats";

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, "../../tests/fixtures/files", name));

test.each<[string, FormatKey, number | null]>([
  ["worksheet.pdf", "pdf", 3],
  ["plan.docx", "docx", 2],
  ["slides.pptx", "pptx", 4],
  ["lesson.odt", "odt", 5],
  ["slides.odp", "odp", 6],
  ["marks.xlsx", "xlsx", null],
  ["marks.ods", "ods", null],
  ["report.doc", "doc", null],
  ["notes.txt", "txt", null],
  ["photo-gps.jpg", "jpeg", null],
])("%s (%s) has %s pages", (name, format, pages) => {
  expect(documentPages(fixture(name), format)).toBe(pages);
});

describe("PDF", () => {
  test("an incremental update's page tree wins over the original one", () => {
    const original = pdf(3);
    const update = Buffer.from(
      "2 0 obj\n<< /Type /Pages /Kids [4 0 R 6 0 R 8 0 R 4 0 R] /Count 4 >>\nendobj\ntrailer\n<< /Size 10 /Root 1 0 R /Prev 0 >>\n%%EOF\n",
      "latin1",
    );
    expect(documentPages(Buffer.concat([original, update]), "pdf")).toBe(4);
  });

  test("a page tree inside a compressed object stream is read from the inflated stream", () => {
    const objects = "<< /Type /Catalog /Pages 3 0 R >>\n<< /Type /Pages /Kids [4 0 R] /Count 7 >>\n";
    const stream = zlib.deflateSync(Buffer.from(`2 0 3 34 ${objects}`, "latin1"));
    const file = Buffer.concat([
      Buffer.from(`%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 2 /First 9 /Filter /FlateDecode /Length ${stream.length} >>\nstream\n`, "latin1"),
      stream,
      Buffer.from("\nendstream\nendobj\n5 0 obj\n<< /Type /XRef /Root 2 0 R /Size 6 >>\nstream\nendstream\nendobj\n%%EOF\n", "latin1"),
    ]);
    expect(documentPages(file, "pdf")).toBe(7);
  });

  test("without a readable page tree, /Type /Page objects are counted (never /Pages)", () => {
    const withoutCount = pdf(3).toString("latin1").replace("/Count 3", "").replace("/Root 1 0 R", "");
    expect(documentPages(Buffer.from(withoutCount, "latin1"), "pdf")).toBe(3);
  });

  test("an absurd count is not shown", () => {
    expect(documentPages(Buffer.from(pdf(3).toString("latin1").replace("/Count 3", "/Count 999999999"), "latin1"), "pdf")).toBeNull();
  });

  test.each([
    ["ten million '<'", "<".repeat(10_000_000)],
    ["a million page-tree keys outside any dictionary", "/Type/Pages".repeat(1_000_000)],
    ["a million object-stream keys with no stream", "/Type/ObjStm /Filter /FlateDecode".repeat(300_000)],
  ])("a 10 MB PDF of %s is read in one pass and has no count", (_name, body) => {
    expect(documentPages(Buffer.from(`%PDF-1.7\n${body}`, "latin1"), "pdf")).toBeNull();
  });

  test.each([
    ["the first 40 bytes", pdf(3).subarray(0, 40)],
    ["a PDF header and noise", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 0xa7)])],
    ["no bytes", new Uint8Array(0)],
    ["a PNG", fixture("screenshot.png")],
  ])("%s: no count", (_name, bytes) => {
    expect(documentPages(bytes, "pdf")).toBeNull();
  });
});

describe("Office and OpenDocument", () => {
  test("a docx whose app.xml inflates past 1 MB is skipped, not inflated (a zip bomb)", () => {
    const padding = " ".repeat(5 * 1024 * 1024);
    const bomb = ooxml("docx", WORD_DOCUMENT, `${padding}<Pages>2</Pages>`);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(documentPages(bomb, "docx")).toBeNull();
  });

  test("a zip that claims an entry is small inflates no more than it claims", () => {
    const zip = zipSync({ "docProps/app.xml": strToU8(`<Properties>${" ".repeat(2 * 1024 * 1024)}<Pages>9</Pages></Properties>`) });
    // Rewrite the entry's uncompressed size in the central directory (offset 24 of its header) to 100.
    const central = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    Buffer.from(zip.buffer).writeUInt32LE(100, central + 24);
    expect(documentPages(zip, "docx")).toBeNull();
  });

  test("a docx without app.xml has no count", () => {
    expect(documentPages(zipSync({ "word/document.xml": strToU8(WORD_DOCUMENT) }), "docx")).toBeNull();
  });

  test.each<[string, Uint8Array]>([
    ["half a docx", fixture("plan.docx").subarray(0, 600)],
    ["not a zip", fixture("notes.txt")],
    ["no bytes", new Uint8Array(0)],
  ])("%s: no count, no throw", (_name, bytes) => {
    for (const format of ["docx", "pptx", "odt", "odp"] as const) expect(documentPages(bytes, format)).toBeNull();
  });
});
