import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { compoundFile, NOTES_TEXT, windows1251 } from "../../tests/fixtures/files/builders";
import { detectFormat } from "./detect.server";
import { MAX_FILE_BYTES, type FormatKey } from "./formats";

const fixtures = path.resolve(__dirname, "../../tests/fixtures/files");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

describe("every fixture is detected by its content", () => {
  const expected: Record<string, FormatKey | null> = {
    "photo-gps.jpg": "jpeg",
    "screenshot.png": "png",
    "bomb.png": "png",
    "worksheet.pdf": "pdf",
    "plan.docx": "docx",
    "slides.pptx": "pptx",
    "marks.xlsx": "xlsx",
    "lesson.odt": "odt",
    "slides.odp": "odp",
    "marks.ods": "ods",
    "report.doc": "doc",
    "marks.xls": "xls",
    "lesson.ppt": "ppt",
    "notes.txt": "txt",
    "notes-1251.txt": "txt",
    "lies.pdf": "png",
    "evil.svg": null,
    "empty.bin": null,
    "archive.zip": null,
    "program.exe": null,
  };

  test("the table covers every fixture in the folder", () => {
    const files = fs.readdirSync(fixtures).filter((name) => !/\.(ts|md)$/.test(name));
    expect(Object.keys(expected).sort()).toEqual(files.sort());
  });

  test.each(Object.entries(expected))("%s → %s", async (name, format) => {
    expect(await detectFormat(fixture(name))).toBe(format);
  });
});

test("a PNG named .pdf is a PNG, and the name has nothing to do with it", async () => {
  expect(await detectFormat(fixture("lies.pdf"))).toBe("png");
  expect(fixture("lies.pdf").equals(fixture("screenshot.png"))).toBe(true);
});

test("a file one byte over the upload limit is still detected: the limit is the upload's to enforce", async () => {
  const bytes = Buffer.alloc(MAX_FILE_BYTES + 1, "а".repeat(10) + "\n");
  expect(await detectFormat(bytes)).toBe("txt");
});

describe("plain text", () => {
  const utf8 = (text: string) => Buffer.from(text, "utf8");

  test("UTF-8 with a byte-order mark is text", async () => {
    expect(await detectFormat(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(NOTES_TEXT)]))).toBe("txt");
  });

  test("tabs, Windows line ends and a form feed are text", async () => {
    expect(await detectFormat(utf8("Фамилия\tОценка\r\nИванов\t5\r\n\f"))).toBe("txt");
  });

  test("windows-1251 Cyrillic is text", async () => {
    expect(await detectFormat(windows1251("Контрольная работа № 3 — ответы\nЁлка, ёж\n"))).toBe("txt");
  });

  test("high bytes that are mostly not Cyrillic letters are not text", async () => {
    // Valid in no encoding we accept: 0x80–0xBF runs are UTF-8 continuation bytes without a lead.
    expect(await detectFormat(Buffer.from([0x41, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x41, 0x0a]))).toBeNull();
  });

  test("a byte windows-1251 leaves undefined is not text", async () => {
    expect(await detectFormat(Buffer.concat([windows1251("Привет"), Buffer.from([0x98])]))).toBeNull();
  });

  test("UTF-16 (half NUL bytes) is not accepted as text", async () => {
    expect(await detectFormat(Buffer.from("\ufeffПривет, коллеги", "utf16le"))).toBeNull();
  });

  test.each([
    ["NUL", 0x00],
    ["bell", 0x07],
    ["vertical tab", 0x0b],
    ["escape", 0x1b],
    ["delete", 0x7f],
  ])("a %s character makes it binary", async (_name, byte) => {
    expect(await detectFormat(Buffer.concat([utf8("Заметки "), Buffer.from([byte]), utf8(" к уроку")]))).toBeNull();
  });

  test.each([
    ["HTML", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"],
    ["HTML without a doctype", "  \n<html><script>alert(1)</script></html>"],
    ["SVG after blank lines", "\n\n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"],
    ["a closing tag first", "</p><script>alert(1)</script>"],
    ["XML", "<?xml version='1.0'?><note/>"],
  ])("markup is not text: %s", async (_name, text) => {
    expect(await detectFormat(utf8(text))).toBeNull();
    expect(await detectFormat(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]))).toBeNull();
  });

  test("text that only mentions a tag is still text", async () => {
    expect(await detectFormat(utf8("Тег <b> делает текст жирным.\n"))).toBe("txt");
    expect(await detectFormat(utf8("<< Контрольная >>\n"))).toBe("txt");
  });

  test("random bytes are not text", async () => {
    let seed = 7;
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 23));
    expect(await detectFormat(bytes)).toBeNull();
  });
});

describe("old Office files", () => {
  test("a Compound File with a Book stream (Excel 5) is xls", async () => {
    expect(await detectFormat(compoundFile("Book"))).toBe("xls");
  });

  test("a Compound File of something else (an MSI, a Works file) is refused", async () => {
    expect(await detectFormat(compoundFile("Contents"))).toBeNull();
  });

  test("stream names are read from the directory, not found anywhere in the file", async () => {
    const file = compoundFile("Contents");
    file.write("WordDocument", 512 * 3 + 100, "utf16le"); // inside the stream's data
    expect(await detectFormat(file)).toBeNull();
  });

  test("a directory whose sector chain loops is refused, not followed forever", async () => {
    const file = compoundFile("WordDocument");
    file.writeUInt32LE(1, 512 + 4); // the directory sector's next sector is itself
    expect(await detectFormat(file)).toBeNull();
  });

  test("a directory past the end of the file is refused", async () => {
    const file = compoundFile("WordDocument");
    file.writeUInt32LE(5000, 48);
    expect(await detectFormat(file)).toBeNull();
    expect(await detectFormat(file.subarray(0, 600))).toBeNull();
  });
});
