/**
 * The keys the code names are the keys the translations have (decision 022): no Russian key is
 * left unused, and no t("key") call leaves a {{placeholder}} of its text unfilled (i18next's types
 * let a call without options through; these tests catch it).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ru } from "./locales/ru";

const PLURAL = /_(zero|one|two|few|many|other)$/;
const APP = path.resolve(__dirname, "..");
const SCANNED = [APP, path.resolve(APP, "../db"), path.resolve(APP, "../search")];

function flatten(node: object, prefix = ""): [string, string][] {
  return Object.entries(node).flatMap(([name, value]): [string, string][] =>
    typeof value === "string" ? [[`${prefix}${name}`, value]] : flatten(value as object, `${prefix}${name}.`),
  );
}

/** Every Russian key, plural forms by their stem ("network.answers"), with its texts. */
const texts = new Map<string, string[]>();
for (const [key, text] of flatten(ru)) {
  const stem = key.replace(PLURAL, "");
  texts.set(stem, [...(texts.get(stem) ?? []), text]);
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "locales" || entry.name === "node_modules" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** A template literal's text with every ${…} as a wildcard: `mentoring.${form}.optionLoad` → /^mentoring\.[\w]+\.optionLoad$/. */
function templates(code: string): RegExp[] {
  const found: RegExp[] = [];
  for (let start = code.indexOf("`"); start !== -1; start = code.indexOf("`", start + 1)) {
    let pattern = "";
    let i = start + 1;
    for (; i < code.length && code[i] !== "`"; i++) {
      if (code[i] === "$" && code[i + 1] === "{") {
        let depth = 1;
        for (i += 2; i < code.length && depth > 0; i++) {
          if (code[i] === "{") depth++;
          else if (code[i] === "}") depth--;
        }
        i--;
        pattern += "\\w+";
      } else pattern += code[i]!.replace(/[.*+?^()|[\]\\]/g, "\\$&");
    }
    const bar = pattern.indexOf("\\|");
    const text = bar === -1 ? pattern : pattern.slice(0, bar);
    if (/^[a-z]\w*(\\\.(\w|\\w\+)+)+$|^[a-z]\w*\\\.\\w\+/.test(text)) found.push(new RegExp(`^${text}$`));
    start = i;
  }
  return found;
}

const code = SCANNED.flatMap(sources).map((file) => fs.readFileSync(file, "utf8"));
const literals = new Set(code.flatMap((text) => [...text.matchAll(/["']([a-z]\w*(?:\.\w+)+)(?:\|[^"']*)?["']/g)].map((m) => m[1]!)));
const patterns = code.flatMap(templates);

describe("translation keys", () => {
  it("every Russian key is named by the code, literally or by a template", () => {
    const unused = [...texts.keys()].filter((key) => !literals.has(key) && !patterns.some((p) => p.test(key)));
    expect(unused).toEqual([]);
  });

  it('t("key") without options is only for texts without placeholders', () => {
    const calls = code.flatMap((text) => [...text.matchAll(/\bt\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!));
    const unfilled = calls.filter((key) => texts.get(key)?.some((text) => text.includes("{{")));
    expect(unfilled).toEqual([]);
  });
});
