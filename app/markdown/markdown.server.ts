/**
 * The one Markdown setup. Every write stores the source and the "cooked" HTML
 * made here (docs/decisions/007-cooked-html.md); pages print the HTML as is.
 *
 * markdown-it (raw HTML off, links limited to http/https/mailto and same-site
 * paths) → formulas through KaTeX as MathML → sanitize-html with an explicit
 * allowlist, in case any step above lets something through.
 */
import katex, { type KatexOptions } from "katex";
import markdownIt from "markdown-it";
import type { Env, MarkdownIt, StateBlock, StateCore, StateInline, Token } from "markdown-it";
import sanitizeHtml from "sanitize-html";

/** Bump when the HTML for the same source changes, then run `npm run rerender`. */
export const MARKDOWN_VERSION = 1;

/** User content: search engines should not count it as ours, nor follow it (spam). */
export const LINK_REL = "ugc nofollow noopener";

const KATEX_OPTIONS: KatexOptions = {
  // MathML needs no KaTeX stylesheet or fonts; every browser we support renders MathML Core.
  output: "mathml",
  throwOnError: false,
  // No \href, \url, \includegraphics, \htmlClass…: a formula must not become a link or an image.
  trust: false,
  // Cyrillic in formulas (S_{бок}) is normal here, not a mistake worth a warning in the log.
  strict: "ignore",
  // \rule{1000em}{1000em} would cover the page.
  maxSize: 20,
  // \def\a{\a\a}\a must stop early; real school formulas need far fewer expansions.
  maxExpand: 300,
};

const md = markdownIt({
  html: false,
  // Only URLs with a scheme (linkify-it's default): fuzzy matching of a bare "school.ru"
  // costs up to a second on a hostile 50,000-character post.
  linkify: true,
  typographer: true,
  quotes: "«»„“",
  breaks: true,
  langPrefix: "language-",
});

md.validateLink = isSafeUrl;
md.use(math);
md.core.ruler.before("replacements", "russian_dashes", russianDashes);
md.core.ruler.push("images_as_links", imagesAsLinks);
md.core.ruler.push("demote_headings", demoteHeadings);
md.core.ruler.push("table_align_classes", tableAlignClasses);
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", LINK_REL);
  return self.renderToken(tokens, idx, options);
};

/** The longest Markdown field (a post body, threads/schemas BODY_MAX); a preview renders no more. */
const PREVIEW_MAX = 50_000;

/**
 * A form's Preview: the same renderer, over at most PREVIEW_MAX characters, so a pasted megabyte
 * costs no more than the longest text anyone may save (the form says the text is too long).
 */
export function previewMarkdown(source: unknown): string {
  // What the form sent, unchecked: a text, or nothing to show (a file, a repeated field).
  return renderMarkdown((typeof source === "string" ? source : "").slice(0, PREVIEW_MAX));
}

/** Markdown source → the HTML stored beside it. Never throws on user input. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source, {}), SANITIZE_OPTIONS);
}

// ── Links ───────────────────────────────────────────────────────────────

/**
 * http(s) and mailto, plus same-site paths ("/t/12-…") and anchors ("#…"),
 * which cannot leave the site. Anything else stays plain text.
 */
function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return true;
  // "//host" and "/\host" are other sites in disguise.
  return /^(\/(?![/\\])|#)/.test(trimmed);
}

// ── Formulas ────────────────────────────────────────────────────────────

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

/**
 * A real post has a few dozen formulas of a few hundred characters. Past these
 * limits a formula stays source text: 12,000 tiny formulas, or one of 50,000
 * characters, would each cost most of a second of CPU on every save.
 */
const MAX_FORMULAS = 1000;
const MAX_FORMULA_LENGTH = 5000;

/** `$…$` inline, `$$…$$` display (inline in a paragraph, or as a block of its own). */
function math(markdown: MarkdownIt): void {
  markdown.inline.ruler.after("escape", "math_inline", mathInline);
  markdown.block.ruler.after("blockquote", "math_block", mathBlock, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  markdown.renderer.rules.math_inline = (tokens, idx, _options, env) => renderFormula(tokens[idx]!, env, false);
  markdown.renderer.rules.math_inline_display = (tokens, idx, _options, env) => renderFormula(tokens[idx]!, env, true);
  markdown.renderer.rules.math_block = (tokens, idx, _options, env) =>
    `<p class="math-block">${renderFormula(tokens[idx]!, env, true)}</p>\n`;
}

/** `env` lives for one render: it counts that post's formulas. */
function renderFormula(token: Token, env: Env | undefined, displayMode: boolean): string {
  const tex = token.content;
  const formulas = (typeof env?.formulas === "number" ? env.formulas : 0) + 1;
  if (env) env.formulas = formulas;
  if (formulas > MAX_FORMULAS) return md.utils.escapeHtml(`${token.markup}${tex}${token.markup}`);
  if (tex.length > MAX_FORMULA_LENGTH) return formulaError(tex, `Формула длиннее ${MAX_FORMULA_LENGTH} знаков`);
  try {
    return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode });
  } catch {
    // KaTeX shows its own ParseErrors; this is anything else, e.g. a stack overflow on {{{{…}}}}.
    return formulaError(tex, "Формула слишком сложная");
  }
}

/** The same shape as KaTeX's own error output: the source, escaped, with the reason as a title. */
function formulaError(tex: string, reason: string): string {
  return `<span class="katex-error" title="${md.utils.escapeHtml(reason)}">${md.utils.escapeHtml(tex)}</span>`;
}

function isEscaped(src: string, pos: number): boolean {
  let backslashes = 0;
  for (let i = pos - 1; i >= 0 && src.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The next `delimiter` at or after `from` that no backslash escapes, or -1. */
function findClosing(src: string, delimiter: string, from: number, max: number): number {
  let at = src.indexOf(delimiter, from);
  while (at !== -1 && at < max && isEscaped(src, at)) at = src.indexOf(delimiter, at + 1);
  return at !== -1 && at + delimiter.length <= max ? at : -1;
}

/**
 * Pandoc's rules, so that prices stay prices: `$` opens only before a
 * non-space, closes only after a non-space and not before a digit, and only
 * the first candidate is tried ("$5 и $10" is text).
 */
function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  const display = src.charCodeAt(pos + 1) === DOLLAR;
  const delimiter = display ? "$$" : "$";
  const start = pos + delimiter.length;
  const close = findClosing(src, delimiter, start, posMax);
  const content = close === -1 ? "" : src.slice(start, close);
  const valid = display
    ? content.trim() !== ""
    : content !== "" && !/\s/.test(content[0]!) && !/\s/.test(content[content.length - 1]!) && !/[0-9]/.test(src[close + 1] ?? "");
  if (!valid) {
    // Consume both dollars of "$$", or the second would be retried as an opener.
    if (!silent) state.pending += delimiter;
    state.pos = start;
    return true;
  }
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.markup = delimiter;
    token.content = content;
  }
  state.pos = close + delimiter.length;
  return true;
}

/**
 * A block that starts with `$$` on its own line and ends with `$$` at the end
 * of a later line. A blank line ends the search: an unclosed `$$` never
 * swallows the rest of the post.
 */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const lineText = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
  const first = lineText(startLine);
  if (!first.startsWith("$$")) return false;
  const rest = first.slice(2).trimEnd();

  const lines: string[] = [];
  let lastLine = startLine;
  if (rest.includes("$$")) {
    // "$$x$$" alone on its line is a block; "$$a$$ и $$b$$" is a paragraph.
    if (rest.indexOf("$$") !== rest.length - 2 || rest.length === 2) return false;
    lines.push(rest.slice(0, -2));
  } else {
    lines.push(rest);
    let found = false;
    for (let line = startLine + 1; line < endLine; line++) {
      const text = lineText(line).trimEnd();
      if (text === "" || state.sCount[line]! < state.blkIndent) return false;
      const at = text.indexOf("$$");
      if (at !== -1) {
        if (at !== text.length - 2) return false;
        lines.push(text.slice(0, -2));
        lastLine = line;
        found = true;
        break;
      }
      lines.push(text);
    }
    if (!found) return false;
  }
  const content = lines.join("\n").trim();
  if (content === "") return false;
  if (silent) return true;

  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content;
  token.markup = "$$";
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}

// ── Token rewrites ──────────────────────────────────────────────────────

/** Calls `visit` on the text of each inline run, skipping autolinked URLs. */
function eachText(state: StateCore, visit: (token: Token) => void): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let inAutolink = 0;
    for (const token of block.children) {
      if (token.type === "link_open" && token.info === "auto") inAutolink++;
      else if (token.type === "link_close" && inAutolink > 0) inAutolink--;
      else if (token.type === "text" && inAutolink === 0) visit(token);
    }
  }
}

/**
 * Russian typography: a spaced dash is an em dash, never a hyphen or an en
 * dash, and stays on the line of the word before it. " - " is only taken for
 * a dash between Cyrillic words, so "5 - 3" and "a - b" keep their minus.
 */
function russianDashes(state: StateCore): void {
  eachText(state, (token) => {
    // Single spaces on purpose: " +-- +" backtracks quadratically over a long run of spaces.
    token.content = token.content
      .replace(/ --(?= )/g, "\u00a0—")
      .replace(/(\p{Script=Cyrillic}[,.!?»"]?) -(?= (?:\p{Script=Cyrillic}|[«"]))/gu, "$1\u00a0—");
  });
}

/**
 * Our pages allow no images from other sites (CSP), and we have no uploads:
 * an image becomes a link to it, named by its alt text.
 */
function imagesAsLinks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let linkDepth = 0;
    const out: Token[] = [];
    for (const token of block.children) {
      if (token.type === "link_open") linkDepth++;
      if (token.type === "link_close") linkDepth--;
      if (token.type !== "image") {
        out.push(token);
        continue;
      }
      const src = String(token.attrGet("src") ?? "");
      const text = new state.Token("text", "", 0);
      // The alt text as words: "![**Схема** цепи](…)" reads "Схема цепи".
      text.content = (token.children ?? []).map((child) => child.content).join("") || src;
      if (linkDepth > 0) {
        // Already inside a link: a link in a link is not HTML.
        out.push(text);
        continue;
      }
      const open = new state.Token("link_open", "a", 1);
      open.attrs = [["href", src]];
      const title = token.attrGet("title");
      if (title) open.attrSet("title", String(title));
      out.push(open, text, new state.Token("link_close", "a", -1));
    }
    block.children = out;
  }
}

/** The page owns h1 and h2; a post's "# Title" becomes h3. */
function demoteHeadings(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    }
  }
}

/** Our CSP forbids inline styles: markdown-it's style="text-align:…" becomes a class. */
function tableAlignClasses(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "th_open" && token.type !== "td_open") continue;
    const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet("style")))?.[1];
    token.attrs = align ? [["class", `align-${align}`]] : null;
  }
}

// ── Sanitizing ──────────────────────────────────────────────────────────

/** What KaTeX's MathML output uses; no mglyph (images), maction or annotation-xml (HTML inside). */
const MATHML_TAGS = [
  "math",
  "semantics",
  "annotation",
  "mrow",
  "mi",
  "mn",
  "mo",
  "ms",
  "mtext",
  "mspace",
  "msup",
  "msub",
  "msubsup",
  "mfrac",
  "msqrt",
  "mroot",
  "mover",
  "munder",
  "munderover",
  "mtable",
  "mtr",
  "mtd",
  "mlabeledtr",
  "mstyle",
  "mpadded",
  "mphantom",
  "menclose",
];

/** Presentation only: lengths, colours and keywords. No href, src, style or altimg. */
const MATHML_ATTRIBUTES = [
  "mathvariant",
  "mathcolor",
  "mathbackground",
  "mathsize",
  "displaystyle",
  "scriptlevel",
  "fence",
  "stretchy",
  "separator",
  "lspace",
  "rspace",
  "minsize",
  "maxsize",
  "largeop",
  "movablelimits",
  "symmetric",
  "accent",
  "accentunder",
  "form",
  "width",
  "height",
  "depth",
  "voffset",
  "linebreak",
  "notation",
  "linethickness",
  "columnalign",
  "rowalign",
  "columnlines",
  "rowlines",
  "columnspacing",
  "rowspacing",
  "side",
  "rowspan",
  "columnspan",
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "s",
    "code",
    "pre",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    ...MATHML_TAGS,
  ],
  allowedAttributes: {
    ...Object.fromEntries(MATHML_TAGS.map((tag) => [tag, MATHML_ATTRIBUTES])),
    a: ["href", "title", "rel"],
    ol: ["start"],
    code: ["class"],
    th: ["class"],
    td: ["class"],
    p: ["class"],
    span: ["class", "title"],
    math: ["display", ...MATHML_ATTRIBUTES],
    annotation: ["encoding"],
  },
  allowedClasses: {
    code: [/^language-[\p{L}\p{N}#+._-]{1,40}$/u],
    th: ["align-left", "align-center", "align-right"],
    td: ["align-left", "align-center", "align-right"],
    p: ["math-block"],
    span: ["katex", "katex-display", "katex-error"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
  },
};
