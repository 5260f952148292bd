import fs from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { describe, expect, it, test } from "vitest";
import { LINK_REL, MARKDOWN_VERSION, previewMarkdown, renderMarkdown } from "./markdown.server";

const badInput = path.resolve(__dirname, "../../tests/fixtures/bad-input");
const read = (file: string) => fs.readFileSync(path.join(badInput, file), "utf8");

/** Every tag and attribute of the output, as a browser-like parser sees it (entities decoded). */
function elementsOf(html: string): { name: string; attribs: Record<string, string> }[] {
  const elements: { name: string; attribs: Record<string, string> }[] = [];
  const parser = new Parser(
    { onopentag: (name, attribs) => elements.push({ name, attribs }) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return elements;
}

const FORBIDDEN_TEXT = ["<script", "<iframe", "<object", "<embed", "<style", "<svg", "<form", "<input", "<img", "<link", "<meta", "<base"];
const FORBIDDEN_ATTRIBUTES = new Set(["style", "src", "srcdoc", "formaction", "action", "target", "xlink:href", "xmlns:xlink"]);
const PAGE = "https://kollegi.test/t/1-vopros";

function isSafeHref(href: string): boolean {
  if (/^(https?|mailto):/i.test(href)) return true;
  // Anything else must be a path that a browser resolves to our own site.
  try {
    return new URL(href, PAGE).origin === new URL(PAGE).origin;
  } catch {
    return false;
  }
}

/** Why this HTML is unsafe to print into a page, or [] if it is safe. */
function dangersIn(html: string): string[] {
  const dangers = FORBIDDEN_TEXT.filter((needle) => html.toLowerCase().includes(needle));
  for (const { name, attribs } of elementsOf(html)) {
    for (const [attribute, value] of Object.entries(attribs)) {
      if (attribute.startsWith("on")) dangers.push(`<${name} ${attribute}>`);
      if (FORBIDDEN_ATTRIBUTES.has(attribute)) dangers.push(`<${name} ${attribute}>`);
      if (attribute === "href" && (name !== "a" || !isSafeHref(value))) dangers.push(`<${name} href="${value}">`);
    }
    if (name === "a" && attribs.rel !== LINK_REL) dangers.push(`<a rel="${attribs.rel}">`);
  }
  return dangers;
}

const corpora: Record<string, string[]> = {
  "XSS payloads": read("xss-payloads.txt").split("\n").filter(Boolean),
  "naughty strings": JSON.parse(read("blns.json")) as string[],
  "CommonMark examples": (JSON.parse(read("commonmark-spec-0.31.2-examples.json")) as { markdown: string }[]).map(
    (example) => example.markdown,
  ),
  "markdown-it fixtures": (JSON.parse(read("markdown-it-fixtures.json")) as { fixtures: { markdown: string }[] }).fixtures.map(
    (fixture) => fixture.markdown,
  ),
};

/**
 * Each corpus × placement renders about two thousand posts, some with formulas: seconds alone,
 * far longer on two busy cores. Time spent is the bench's business; this only says when it is stuck.
 */
const CORPUS_TIMEOUT_MS = 180_000;
const PATHOLOGICAL_TIMEOUT_MS = 60_000;

const placements: Record<string, (input: string) => string> = {
  "as the post": (input) => input,
  "inside a formula": (input) => `$${input}$ и $$${input}$$`,
  "as a link's text": (input) => `[${input}](https://example.org/)`,
  "as a link's address": (input) => `[ссылка](${input}) и ![картинка](${input})`,
};

test("the version is a positive whole number", () => {
  expect(Number.isInteger(MARKDOWN_VERSION) && MARKDOWN_VERSION > 0).toBe(true);
});

test("an inline formula becomes MathML", () => {
  const html = renderMarkdown("Площадь круга $S = \\pi r^2$.");
  expect(html).toContain("<math>");
  expect(html).toContain("<msup><mi>r</mi><mn>2</mn></msup>");
  expect(html).toContain('<annotation encoding="application/x-tex">S = \\pi r^2</annotation>');
});

test("a display formula on its own lines becomes a block of MathML", () => {
  const html = renderMarkdown("Решение:\n\n$$\n\\frac{a}{b} = \\sqrt{c}\n$$\n\nГотово.");
  expect(html).toContain('<p class="math-block"><span class="katex"><math display="block">');
  expect(html).toContain("<mfrac><mi>a</mi><mi>b</mi></mfrac>");
  expect(html).toContain("<p>Готово.</p>");
});

test("a display formula inside a sentence stays inside its paragraph", () => {
  const html = renderMarkdown("Видим $$x^2$$ и идём дальше");
  expect(html).toMatch(/^<p>Видим <span class="katex"><math display="block">.*<\/span> и идём дальше<\/p>\n$/s);
});

test("dollar amounts with no formula read as plain text", () => {
  expect(renderMarkdown("Тетрадь стоит $5 и $10, а учебник $20.")).toBe("<p>Тетрадь стоит $5 и $10, а учебник $20.</p>\n");
  expect(renderMarkdown("Это $ 5, а то $ 10")).toBe("<p>Это $ 5, а то $ 10</p>\n");
});

test("an escaped dollar is a dollar", () => {
  expect(renderMarkdown("\\$x\\$")).toBe("<p>$x$</p>\n");
});

test("an unclosed display formula does not swallow the rest of the post", () => {
  const html = renderMarkdown("$$\n\\frac{1}{2}\n\nДальше текст.\n\n# Заголовок");
  expect(html).toContain("<p>Дальше текст.</p>");
  expect(html).toContain("<h3>Заголовок</h3>");
  expect(html).not.toContain("<math");
});

test("a broken formula shows its source with the katex-error class instead of failing", () => {
  const html = renderMarkdown("Дробь $\\frac{1}{$ не закрыта");
  expect(html).toMatch(/<span class="katex-error" title="[^"]*">\\frac\{1\}\{<\/span>/);
  expect(html).not.toContain("style=");
});

test("a formula nested too deeply for KaTeX is shown as source", () => {
  const html = renderMarkdown(`$${"{".repeat(4000)}x$`);
  expect(html).toContain('<span class="katex-error" title="Формула слишком сложная">{{{');
});

test("a formula cannot make a link, an image or a huge box", () => {
  const html = renderMarkdown("$\\href{javascript:alert(1)}{x} \\url{https://a.b} \\includegraphics{x.png} \\rule{900em}{900em}$");
  expect(dangersIn(html)).toEqual([]);
  expect(html).toContain('<mspace mathbackground="black" width="20em" height="20em">');
});

test("a formula longer than a page of TeX is shown as source", () => {
  const html = renderMarkdown(`$${"x+".repeat(3000)}x$`);
  expect(html).toMatch(/^<p><span class="katex-error" title="Формула длиннее 5000 знаков">x\+x\+/);
});

test("past a thousand formulas in one post, the rest stay source text", () => {
  const html = renderMarkdown("$x$ ".repeat(1001));
  expect(html.match(/<math>/g)).toHaveLength(1000);
  expect(html).toMatch(/ \$x\$<\/p>\n$/);
});

test("links get rel ugc nofollow noopener and no target", () => {
  expect(renderMarkdown("[сайт](https://example.org) и https://edu.ru/x")).toBe(
    '<p><a href="https://example.org" rel="ugc nofollow noopener">сайт</a> и ' +
      '<a href="https://edu.ru/x" rel="ugc nofollow noopener">https://edu.ru/x</a></p>\n',
  );
});

test("e-mail addresses become mailto links", () => {
  expect(renderMarkdown("Пишите: ivanova@school.ru")).toContain('<a href="mailto:ivanova@school.ru"');
});

test("javascript:, data: and vbscript: links are not links", () => {
  for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)"]) {
    const html = renderMarkdown(`[жми](${href}) <${href}>`);
    expect(html).not.toContain("<a");
  }
});

test("same-site paths and anchors stay links, other-site paths in disguise do not", () => {
  expect(renderMarkdown("[тема](/t/12-zakon-oma)")).toContain('<a href="/t/12-zakon-oma"');
  expect(renderMarkdown("[ниже](#otvet)")).toContain('<a href="#otvet"');
  expect(renderMarkdown("[x](//evil.example)")).toBe("<p>[x](//evil.example)</p>\n");
  expect(renderMarkdown("[y](/\\evil.example)")).toContain('<a href="/%5Cevil.example"');
});

test("raw HTML is shown as text", () => {
  expect(renderMarkdown('<b onclick="x()">жирный</b> <script>alert(1)</script>')).toBe(
    "<p>&lt;b onclick=«x()»&gt;жирный&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
  );
});

test("quotes become Russian «ёлочки» with „лапки“ inside", () => {
  expect(renderMarkdown("\"Ёлка\" и 'ель'")).toBe("<p>«Ёлка» и „ель“</p>\n");
});

test("spaced dashes between words become em dashes, minus signs stay", () => {
  expect(renderMarkdown("Москва - столица. Пример -- важный. 5 - 3 = 2, a - b")).toBe(
    "<p>Москва\u00a0— столица. Пример\u00a0— важный. 5 - 3 = 2, a - b</p>\n",
  );
  expect(renderMarkdown("Ответ --- да")).toBe("<p>Ответ — да</p>\n");
});

test("a single newline is a line break", () => {
  expect(renderMarkdown("строка один\nстрока два")).toBe("<p>строка один<br />\nстрока два</p>\n");
});

test("tables keep their alignment as classes, not inline styles", () => {
  const html = renderMarkdown("| Класс | Учеников |\n|:--|--:|\n| 8А | 27 |");
  expect(html).toContain('<th class="align-left">Класс</th>');
  expect(html).toContain('<td class="align-right">27</td>');
  expect(html).not.toContain("style");
});

test("fenced code is escaped and keeps its language as a class", () => {
  expect(renderMarkdown("```html\n<script>alert('x')</script>\n```")).toBe(
    "<pre><code class=\"language-html\">&lt;script&gt;alert('x')&lt;/script&gt;\n</code></pre>\n",
  );
});

test("a code language that is not a plain name is dropped", () => {
  expect(renderMarkdown('```"><img src=x onerror=alert(1)>\nx\n```')).toBe("<pre><code>x\n</code></pre>\n");
});

test("an image becomes a link to it named by its alt text", () => {
  expect(renderMarkdown('![**Схема** цепи](https://example.org/c.png "Рис. 1")')).toBe(
    '<p><a href="https://example.org/c.png" title="Рис. 1" rel="ugc nofollow noopener">Схема цепи</a></p>\n',
  );
});

test("an image inside a link becomes the link's text", () => {
  expect(renderMarkdown("[![значок](https://a.example/i.png)](https://b.example/)")).toBe(
    '<p><a href="https://b.example/" rel="ugc nofollow noopener">значок</a></p>\n',
  );
});

test("headings move below the page's own h1 and h2", () => {
  expect(renderMarkdown("# Раз\n## Два\n#### Четыре\n###### Шесть")).toBe("<h3>Раз</h3>\n<h4>Два</h4>\n<h6>Четыре</h6>\n<h6>Шесть</h6>\n");
});

describe.each(Object.entries(corpora))("every one of the %s", (_corpus, inputs) => {
  test.each(Object.entries(placements))(
    "renders safely %s",
    (_placement, place) => {
      const unsafe = inputs
        .map((input) => ({ input, dangers: dangersIn(renderMarkdown(place(input))) }))
        .filter(({ dangers }) => dangers.length > 0);
      expect(unsafe).toEqual([]);
    },
    CORPUS_TIMEOUT_MS,
  );
});

/**
 * markdown-it's and cmark's parser-DoS inputs, plus formula ones, cut to our
 * 50,000-character post limit. A quadratic rule would hang here for minutes;
 * how fast they run is the bench's business, not this test's.
 */
const POST_MAX = 50_000;
const pathological: Record<string, string> = {
  "nested inlines": "*".repeat(60000) + "a" + "*".repeat(60000),
  "nested strong emphasis": "*a **a ".repeat(5000) + "b" + " a** a*".repeat(5000),
  "emphasis closers with no openers": "a_ ".repeat(30000),
  "emphasis openers with no closers": "_a ".repeat(30000),
  "link closers with no openers": "a]".repeat(10000),
  "link openers with no closers": "[a".repeat(10000),
  "mismatched openers and closers": "*a_ ".repeat(50000),
  "openers and closers multiple of 3": "a**b" + "c* ".repeat(50000),
  "link openers and emphasis closers": "[ a_".repeat(10000),
  "[ (]( repeated": "[ (](".repeat(40000),
  "![[]() repeated": "![[]()".repeat(20000),
  "nested brackets": "[".repeat(20000) + "a" + "]".repeat(20000),
  "nested block quotes": "> ".repeat(50000) + "a",
  "deeply nested lists": Array.from({ length: 1000 }, (_, x) => "  ".repeat(x) + "* a\n").join(""),
  backticks: Array.from({ length: 3000 }, (_, x) => "e" + "`".repeat(x)).join(""),
  "unclosed links": "[a](<b".repeat(30000),
  "unclosed HTML comments": "</" + "<!--".repeat(100000),
  "autolink openers": "<".repeat(400000) + ">",
  "spaces before a hard break": "x" + " ".repeat(150000) + "x  \nx",
  "10,000 dollars": "$".repeat(10000),
  "dollars between letters": "$a".repeat(25000),
  "lines of $$": "$$a\n".repeat(12000),
  "escaped dollars after long backslash runs": ("\\".repeat(99) + "$").repeat(500),
  "many small formulas": "$x$ ".repeat(12500),
  "one huge formula": "$" + "x+".repeat(25000) + "x$",
  "nested fractions": "$" + "\\frac{1}{".repeat(2000) + "}".repeat(2000) + "$",
  "runaway macro": "$\\def\\a{\\a\\a}\\a$",
  "spaced dashes": "Москва - столица -- ".repeat(2500),
};

test.each(Object.entries(pathological))(
  "a post of %s still renders",
  (_name, input) => {
    expect(renderMarkdown(input.slice(0, POST_MAX))).toMatch(/^</);
  },
  PATHOLOGICAL_TIMEOUT_MS,
);

describe("previewMarkdown", () => {
  it("renders no more than the longest text anyone may save, whatever is pasted", () => {
    const pasted = "абв ".repeat(50_000);
    const html = previewMarkdown(pasted);
    expect(html.startsWith("<p>абв")).toBe(true);
    expect(html.length).toBeLessThan(50_100);
    expect(previewMarkdown(null)).toBe("");
  });
});
