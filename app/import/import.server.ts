/**
 * Imports threads from other Q&A sites, one JSON object per line
 * (docs/import-format.md): Stack Exchange HTML becomes Markdown,
 * then our own cooked HTML. Each source site is one "imported" account.
 *
 * Each thread is written whole or not at all (a savepoint per thread, one
 * commit per batch), so a crash never leaves half a thread; and
 * `threads.source_url` is unique, so running the same file again adds nothing.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import TurndownService from "turndown";
import { z } from "zod";
import { getDb, schema, type Tx } from "../../db/index";
import { enqueueThread } from "../../search/outbox";
import { renderMarkdown } from "~/markdown/markdown.server";
import { BODY_MAX, TAG_MAX, TAG_MIN, TAGS_MAX, TITLE_MAX } from "~/threads/schemas";
import { threadSlug } from "~/threads/slug";
import { tagIds } from "~/threads/threads.server";

const { networks, users, memberships, threads, posts, threadTags } = schema;

/** What a source says about its licence; a data set's README may know the version ("CC BY-SA 3.0"). */
export const DEFAULT_LICENCE = "CC BY-SA";

/** Lines per commit: one fsync per batch instead of per thread (each thread has its own savepoint). */
const LINES_PER_COMMIT = 50;

/** Never a valid argon2 hash, so no password can ever sign in to an imported account. */
const UNUSABLE_PASSWORD_HASH = "!imported";

const SITE_NAMES: Record<string, string> = {
  "matheducators.stackexchange.com": "Mathematics Educators Stack Exchange",
  "cseducators.stackexchange.com": "Computer Science Educators Stack Exchange",
};

export type ImportOptions = {
  now?: Date;
  /** Stored as threads.source_licence. */
  licence?: string;
};

export type ImportResult = {
  imported: number;
  answers: number;
  /** Lines whose thread was imported before (same source URL). */
  skipped: number;
  errors: { line: number; message: string }[];
};

export class UnknownNetworkError extends Error {
  constructor(slug: string) {
    super(`No network with the slug "${slug}". Create it first (/admin/networks/new).`);
    this.name = "UnknownNetworkError";
  }
}

/**
 * `input` is a file path, or the file's lines. Malformed lines are reported
 * with their (1-based) number and skipped; the rest are imported.
 */
export function importJsonl(networkSlug: string, input: string | readonly string[], options: ImportOptions = {}): ImportResult {
  const now = options.now ?? new Date();
  const licence = options.licence ?? DEFAULT_LICENCE;
  const db = getDb();
  const network = db.select({ id: networks.id }).from(networks).where(eq(networks.slug, networkSlug)).get();
  if (!network) throw new UnknownNetworkError(networkSlug);

  const lines = typeof input === "string" ? fs.readFileSync(input, "utf8").split(/\r?\n/) : input;
  const result: ImportResult = { imported: 0, answers: 0, skipped: 0, errors: [] };
  const accounts = new Map<string, number>();
  const authorFor = (host: string) => {
    let id = accounts.get(host);
    if (id === undefined) {
      id = importedAccount(host, network.id, now);
      accounts.set(host, id);
    }
    return id;
  };

  for (let from = 0; from < lines.length; from += LINES_PER_COMMIT) {
    // Converting and rendering happen before the transaction: the write lock stays short.
    const ready: { line: number; thread: PreparedThread; host: string }[] = [];
    lines.slice(from, from + LINES_PER_COMMIT).forEach((text, offset) => {
      if (text.trim() === "") return;
      const line = from + offset + 1;
      const read = readLine(text);
      if (read.kind === "ready") ready.push({ line, thread: read.thread, host: read.host });
      else if (read.kind === "imported before") result.skipped += 1;
      else result.errors.push({ line, message: read.message });
    });
    if (ready.length === 0) continue;
    for (const { host } of ready) authorFor(host);

    db.transaction((tx) => {
      for (const { line, thread, host } of ready) {
        const context = { networkId: network.id, authorId: authorFor(host), licence, siteName: siteName(host) };
        try {
          // A savepoint per thread: a thread that fails leaves nothing behind, and the others stay.
          if (tx.transaction((savepoint) => writeThread(savepoint, thread, context))) {
            result.imported += 1;
            result.answers += thread.answers.length;
          } else {
            result.skipped += 1;
          }
        } catch (error) {
          result.errors.push({ line, message: error instanceof Error ? error.message : String(error) });
        }
      }
    });
  }
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}

type ReadLine = { kind: "ready"; thread: PreparedThread; host: string } | { kind: "imported before" } | { kind: "error"; message: string };

/** One line, parsed and converted. */
function readLine(text: string): ReadLine {
  const parsed = parseLine(text);
  if (!parsed.ok) return { kind: "error", message: parsed.message };
  const source = parsed.thread;
  if (alreadyImported(source.source_id)) return { kind: "imported before" };
  try {
    const thread = prepare(source);
    if (typeof thread === "string") return { kind: "error", message: thread };
    return { kind: "ready", thread, host: new URL(source.source_id).hostname };
  } catch (error) {
    return { kind: "error", message: `cannot convert (${error instanceof Error ? error.message : String(error)})` };
  }
}

// ── Parsing ─────────────────────────────────────────────────────────────

const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const time = z
  .string()
  .datetime({ offset: true, message: "must be an ISO 8601 time" })
  .transform((value) => new Date(value));

const answerLine = z.object({
  body: z.string().trim().min(1, "is empty"),
  score: z.number().int().default(0),
  accepted: z.boolean().default(false),
  created_at: time,
});

const threadLine = z
  .object({
    source_id: z
      .string()
      .url("must be a URL")
      .refine((url) => /^https?:\/\//i.test(url), "must be an http(s) URL"),
    title: z
      .string()
      .transform((title) => title.normalize("NFC").trim().replace(/\s+/g, " "))
      .pipe(
        z
          .string()
          .min(1, "is empty")
          .max(TITLE_MAX, `is longer than ${TITLE_MAX} characters`)
          .refine((title) => !CONTROL_CHARACTERS.test(title), "has control characters"),
      ),
    body_markdown_or_html: z.string().trim().min(1, "is empty"),
    // Bad tags are dropped one by one (normalizeTags), not the whole thread.
    tags: z.array(z.unknown()).default([]),
    created_at: time,
    answers: z.array(answerLine).default([]),
  })
  .refine((thread) => thread.answers.filter((answer) => answer.accepted).length <= 1, {
    message: "more than one answer is accepted",
    path: ["answers"],
  });

type ThreadLine = z.infer<typeof threadLine>;

function parseLine(text: string): { ok: true; thread: ThreadLine } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = threadLine.safeParse(json);
  if (parsed.success) return { ok: true, thread: parsed.data };
  const message = parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; ");
  return { ok: false, message };
}

function alreadyImported(sourceUrl: string): boolean {
  return getDb().select({ id: threads.id }).from(threads).where(eq(threads.sourceUrl, sourceUrl)).get() !== undefined;
}

// ── Converting ──────────────────────────────────────────────────────────

type Body = { source: string; html: string };
type PreparedThread = {
  sourceUrl: string;
  title: string;
  createdAt: Date;
  question: Body;
  answers: (Body & { score: number; accepted: boolean; createdAt: Date })[];
  tags: string[];
};

/** The thread ready to write, or why it cannot be imported. */
function prepare(source: ThreadLine): PreparedThread | string {
  const converter = markdownConverter(source.source_id);
  const question = toBody(source.body_markdown_or_html, converter);
  if (typeof question === "string") return `question ${question}`;
  const answers: PreparedThread["answers"] = [];
  for (const [index, answer] of source.answers.entries()) {
    const body = toBody(answer.body, converter);
    if (typeof body === "string") return `answers.${index} ${body}`;
    answers.push({ ...body, score: answer.score, accepted: answer.accepted, createdAt: answer.created_at });
  }
  return {
    sourceUrl: source.source_id,
    title: source.title,
    createdAt: source.created_at,
    question,
    answers,
    tags: normalizeTags(source.tags),
  };
}

function toBody(body: string, converter: TurndownService): Body | string {
  // Turndown leaves lines of bare indentation between loose list items.
  const markdown = looksLikeHtml(body)
    ? converter
        .turndown(body)
        .replace(/^[ \t]+$/gm, "")
        .trim()
    : body.trim();
  if (markdown === "") return "body is empty once converted to Markdown";
  if ([...markdown].length > BODY_MAX) return `body is longer than ${BODY_MAX} characters once converted to Markdown`;
  return { source: markdown, html: renderMarkdown(markdown) };
}

/** Stack Exchange bodies always start with a block element; a Markdown body does not. */
function looksLikeHtml(body: string): boolean {
  return /^\s*<(p|div|h[1-6]|ul|ol|pre|blockquote|table|hr|img|a|br|em|strong|code)\b[^>]*>/i.test(body);
}

/** The same rules as a teacher's tags: lower case, 2–40 characters, at most 5; others are dropped. */
function normalizeTags(raw: readonly unknown[]): string[] {
  const names = raw
    .filter((tag): tag is string => typeof tag === "string")
    .map((tag) => tag.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase())
    .filter((tag) => {
      const length = [...tag].length;
      return length >= TAG_MIN && length <= TAG_MAX && !CONTROL_CHARACTERS.test(tag) && !/[#<>,;]/.test(tag);
    });
  return [...new Set(names)].slice(0, TAGS_MAX);
}

/** A `$…$` or `$$…$$` formula, or an escaped dollar: left exactly as written. */
const MATH_IN_TEXT = /\\\$|\$\$[\s\S]+?\$\$|\$(?:\\.|[^$\\\n])+?\$/g;

/**
 * A Stack Exchange HTML → Markdown converter for one source page: its links
 * are often site-relative ("/questions/12", "//i.stack.imgur.com/…"), and
 * must become absolute or they would point into our own site.
 */
function markdownConverter(base: string): TurndownService {
  const turndown = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
    hr: "---",
  });
  const escapeMarkdown = turndown.escape.bind(turndown);
  // Turndown escapes Markdown characters in text ("x_1" → "x\_1"), which would break
  // the TeX of the formulas Stack Exchange keeps as text: escape around them only.
  turndown.escape = (text: string) => {
    let out = "";
    let last = 0;
    for (const match of text.matchAll(MATH_IN_TEXT)) {
      out += escapeMarkdown(text.slice(last, match.index)) + tightFormula(match[0]);
      last = match.index + match[0].length;
    }
    return out + escapeMarkdown(text.slice(last));
  };
  const absolute = (href: string | null) => {
    try {
      return new URL((href ?? "").trim(), base).href;
    } catch {
      return "";
    }
  };
  turndown.addRule("absoluteLinks", {
    filter: (node) => node.nodeName === "A" && Boolean(node.getAttribute("href")),
    replacement: (content, node) => {
      const href = absolute(node.getAttribute("href"));
      return href ? `[${content.trim() || turndown.escape(href)}](${markdownUrl(href)})` : content;
    },
  });
  turndown.addRule("absoluteImages", {
    filter: "img",
    replacement: (_content, node) => {
      const element = node;
      const src = absolute(element.getAttribute("src"));
      const alt = turndown.escape((element.getAttribute("alt") ?? "").replace(/\s+/g, " ").trim());
      return src ? `![${alt}](${markdownUrl(src)})` : alt;
    },
  });
  return turndown;
}

/** MathJax accepts "$ x $"; our renderer, like pandoc, wants "$x$" (so that "$5 and $10" stays text). */
function tightFormula(segment: string): string {
  if (!/^\$[^$]/.test(segment)) return segment;
  const tex = segment.slice(1, -1).trim();
  return tex === "" ? segment : `$${tex}$`;
}

/** Parentheses and spaces would end a Markdown link destination early. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

// ── Writing ─────────────────────────────────────────────────────────────

function siteName(host: string): string {
  return SITE_NAMES[host] ?? host;
}

/** The one account that stands for a source site, a member of the network. */
function importedAccount(host: string, networkId: number, now: Date): number {
  const email = `imported+${host}@kollegi.invalid`;
  return getDb().transaction((tx) => {
    tx.insert(users)
      .values({
        email,
        displayName: siteName(host),
        passwordHash: UNUSABLE_PASSWORD_HASH,
        isImported: true,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    const user = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!;
    tx.insert(memberships).values({ userId: user.id, networkId, joinedAt: now }).onConflictDoNothing().run();
    return user.id;
  });
}

/** Writes the whole thread, in the caller's savepoint; false when its source URL is already here. */
function writeThread(
  tx: Tx,
  thread: PreparedThread,
  context: { networkId: number; authorId: number; licence: string; siteName: string },
): boolean {
  const { networkId, authorId } = context;
  const lastActivityAt = new Date(Math.max(thread.createdAt.getTime(), ...thread.answers.map((a) => a.createdAt.getTime())));
  const created = tx
    .insert(threads)
    .values({
      networkId,
      authorId,
      kind: "question",
      title: thread.title,
      slug: threadSlug(thread.title),
      answerCount: thread.answers.length,
      sourceUrl: thread.sourceUrl,
      sourceLicence: context.licence,
      lastActivityAt,
      createdAt: thread.createdAt,
    })
    .onConflictDoNothing({ target: threads.sourceUrl })
    .returning({ id: threads.id })
    .get();
  if (!created) return false;

  tx.insert(posts)
    .values({
      threadId: created.id,
      authorId,
      isOpening: true,
      bodySource: thread.question.source,
      bodyHtml: thread.question.html,
      createdAt: thread.createdAt,
    })
    .run();
  for (const answer of thread.answers) {
    const post = tx
      .insert(posts)
      .values({
        threadId: created.id,
        authorId,
        bodySource: answer.source,
        bodyHtml: answer.html,
        score: answer.score,
        createdAt: answer.createdAt,
      })
      .returning({ id: posts.id })
      .get();
    if (answer.accepted) {
      // The source does not say when it was accepted; the answer's own time is the earliest it could be.
      tx.update(threads)
        .set({
          acceptedPostId: post.id,
          acceptedById: authorId,
          acceptedComment: `Принятый ответ на ${context.siteName}`,
          acceptedAt: answer.createdAt,
        })
        .where(eq(threads.id, created.id))
        .run();
    }
  }
  const tagIdList = tagIds(tx, networkId, thread.tags);
  if (tagIdList.length > 0) {
    tx.insert(threadTags)
      .values(tagIdList.map((tagId) => ({ threadId: created.id, tagId })))
      .run();
  }
  enqueueThread(tx, created.id);
  return true;
}
