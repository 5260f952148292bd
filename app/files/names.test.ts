import fs from "node:fs";
import path from "node:path";
import contentDisposition from "content-disposition";
import { describe, expect, test } from "vitest";
import { FORMATS, type FormatKey } from "./formats";
import { contentDispositionHeader, displayName, MAX_NAME_LENGTH } from "./names";

const badInput = path.resolve(__dirname, "../../tests/fixtures/bad-input");
const naughty: string[] = JSON.parse(fs.readFileSync(path.join(badInput, "blns.json"), "utf8"));
const payloads = fs.readFileSync(path.join(badInput, "xss-payloads.txt"), "utf8").split("\n").filter(Boolean);

describe("displayName", () => {
  test.each<[string, FormatKey, string]>([
    ["worksheet.exe", "pdf", "worksheet.pdf"],
    ["photo.JPG", "jpeg", "photo.JPG"],
    ["photo.jpeg", "jpeg", "photo.jpeg"],
    ["photo.png", "jpeg", "photo.jpg"],
    ["План урока.DOCX", "docx", "План урока.DOCX"],
    ["../../etc/passwd", "txt", "passwd.txt"],
    ["C:\\Users\\x\\план.docx", "docx", "план.docx"],
    ["/var/www/../uploads/%2e%2e/отчёт.pdf", "pdf", "отчёт.pdf"],
    ["invoice\u202Efdp.exe", "pdf", "invoicefdp.pdf"],
    ["\u2066report\u2069\u200F.pdf", "pdf", "report.pdf"],
    ["tab\there\r\nand line.txt", "txt", "tab here and line.txt"],
    ["  many    spaces\u00a0 .pdf  ", "pdf", "many spaces.pdf"],
    [".hidden.pdf", "pdf", "hidden.pdf"],
    ["...pdf", "pdf", "file.pdf"],
    [".pdf", "pdf", "file.pdf"],
    ["....", "pdf", "file.pdf"],
    ["", "docx", "file.docx"],
    ["/", "png", "file.png"],
    ["Контрольная 7.2", "pdf", "Контрольная 7.2.pdf"],
    ["Ответы", "pdf", "Ответы.pdf"],
    ["photo.jpg.exe", "jpeg", "photo.jpg.jpg"],
    ["День знаний 🎉👨‍👩‍👧.jpg", "jpeg", "День знаний 🎉👨‍👩‍👧.jpg"],
  ])("%j as %s → %j", (raw, format, shown) => {
    expect(displayName(raw, format)).toBe(shown);
  });

  test("decomposed Cyrillic (й as и and a combining breve, as a Mac sends it) is composed", () => {
    const decomposed = "\u0437\u0430\u0438\u0306\u043a\u0430.pdf"; // за + и + ◌̆ + ка
    expect(displayName(decomposed, "pdf")).toBe("\u0437\u0430\u0439\u043a\u0430.pdf"); // зайка
  });

  test("a 300-character name is cut in its stem, keeping the extension", () => {
    const name = displayName(`${"Контрольная работа ".repeat(16)}.docx`, "docx");
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(name.length).toBeGreaterThan(MAX_NAME_LENGTH - 10);
    expect(name).toMatch(/^Контрольная работа .*[^ ]\.docx$/);
  });

  test("a cut never splits an emoji", () => {
    const family = "👨‍👩‍👧"; // 8 UTF-16 units
    const name = displayName(`${family.repeat(40)}.png`, "png");
    const stem = name.slice(0, -".png".length);
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(stem).toBe(family.repeat(stem.length / family.length));
    expect(stem.length).toBeGreaterThan(0);
  });

  test.each(Object.keys(FORMATS) as FormatKey[])("every name ends in an extension that says %s", (format) => {
    const name = displayName("worksheet.exe", format);
    const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    expect(format === "jpeg" ? ["jpg", "jpeg"] : [FORMATS[format].ext]).toContain(extension);
  });

  describe.each([
    ["the Big List of Naughty Strings", naughty],
    ["the XSS payloads", payloads],
  ])("every one of %s, as a name", (_list, names) => {
    const shown = names.flatMap((raw) => [
      displayName(raw, "pdf"),
      displayName(`${raw}.pdf`, "pdf"),
      displayName(`${raw}\\${raw}`, "docx"),
    ]);

    test("is short, one plain path part, with the detected extension", () => {
      for (const name of shown) {
        expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(name).toMatch(/\.(pdf|docx)$/);
        expect(name).not.toMatch(/[/\\]/);
        expect(name).not.toMatch(/^[.\s]/);
        expect(name).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u);
        expect(name).not.toMatch(/\s\s/u);
        expect(name).toBe(name.normalize("NFC"));
      }
    });

    test("stays the same when cleaned again", () => {
      for (const name of shown) expect(displayName(name, name.endsWith(".pdf") ? "pdf" : "docx")).toBe(name);
    });

    test("makes a header that is ASCII and reads back as the same name", () => {
      for (const name of shown) {
        const header = contentDispositionHeader(name, "attachment");
        expect(header).toMatch(/^[\x20-\x7E]+$/);
        expect(contentDisposition.parse(header).parameters.filename).toBe(name);
      }
    });
  });
});

describe("contentDispositionHeader", () => {
  test("a Cyrillic name has a transliterated ASCII fallback and the UTF-8 name in filename*", () => {
    const header = contentDispositionHeader("План урока.docx", "attachment");
    expect(header).toBe(`attachment; filename="Plan uroka.docx"; filename*=UTF-8''${encodeURIComponent("План урока.docx")}`);
    expect(contentDisposition.parse(header)).toEqual({ type: "attachment", parameters: { filename: "План урока.docx" } });
  });

  test("an emoji the fallback cannot spell becomes an underscore there, and stays whole in filename*", () => {
    const header = contentDispositionHeader("🎉.png", "inline");
    expect(header).toMatch(/^inline; filename="[\x20-\x7E]*\.png"; filename\*=UTF-8''%F0%9F%8E%89\.png$/);
  });

  test("an ASCII name needs only filename", () => {
    expect(contentDispositionHeader("plan.docx", "inline")).toBe('inline; filename="plan.docx"');
  });

  test("quotes and backslashes are escaped", () => {
    const header = contentDispositionHeader('say "hi".pdf', "attachment");
    expect(contentDisposition.parse(header).parameters.filename).toBe('say "hi".pdf');
  });
});
