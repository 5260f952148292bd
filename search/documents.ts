/**
 * Index side: what goes into Meilisearch.
 *
 * The pure mapping from a thread, as SQLite holds it, to the document Meilisearch
 * indexes. Hidden answers never get here (load.ts leaves them out); deleted threads
 * are removed from the index instead of mapped.
 */
import { stemText } from "./analyzer";

export type ThreadSource = {
  id: number;
  networkId: number;
  networkSlug: string;
  networkName: string;
  visibility: "public" | "members";
  kind: "question" | "discussion";
  title: string;
  slug: string;
  tags: string[];
  authorId: number;
  authorName: string;
  openingHtml: string;
  acceptedHtml: string | null;
  answersHtml: string[];
  answerCount: number;
  meTooCount: number;
  score: number;
  moduleId: number | null;
  courseId: number | null;
  createdAt: Date;
  lastActivityAt: Date;
};

export type ThreadDocument = ReturnType<typeof toDocument>;

/** Answers beyond this are left out of the index: the question and best answers carry the meaning. */
const ANSWERS_TEXT_MAX = 20_000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** Cooked HTML to plain text for indexing (our own renderer's output, so a simple pass suffices). */
export function htmlToText(html: string): string {
  return html
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(
      /&(#?\w+);/g,
      (match, name: string) => ENTITIES[name] ?? (name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1)) || 32) : match),
    )
    .replace(/\s+/g, " ")
    .trim();
}

export function toDocument(thread: ThreadSource) {
  const body = htmlToText(thread.openingHtml);
  const accepted = thread.acceptedHtml ? htmlToText(thread.acceptedHtml) : "";
  const answers = thread.answersHtml.map(htmlToText).join(" \n ").slice(0, ANSWERS_TEXT_MAX);
  const tagsText = thread.tags.join(" ");
  return {
    id: thread.id,
    networkId: thread.networkId,
    networkSlug: thread.networkSlug,
    networkName: thread.networkName,
    visibility: thread.visibility,
    kind: thread.kind,
    slug: thread.slug,
    title: thread.title,
    title_stem: stemText(thread.title),
    tags: thread.tags,
    tags_stem: stemText(tagsText),
    body,
    body_stem: stemText(body),
    accepted,
    accepted_stem: stemText(accepted),
    answers,
    answers_stem: stemText(answers),
    solved: thread.acceptedHtml !== null,
    /** Solved threads first among equals: the next teacher wants the answer, not the question. */
    solvedRank: thread.acceptedHtml !== null ? 1 : 0,
    authorId: thread.authorId,
    authorName: thread.authorName,
    answerCount: thread.answerCount,
    meTooCount: thread.meTooCount,
    score: thread.score,
    moduleId: thread.moduleId,
    courseId: thread.courseId,
    createdAt: thread.createdAt.getTime(),
    lastActivityAt: thread.lastActivityAt.getTime(),
  };
}

/** A knowledge-base entry as SQLite holds it (search/load.ts), for the entries index. */
export type KbSource = {
  id: number;
  networkId: number;
  networkSlug: string;
  networkName: string;
  visibility: "public" | "members";
  title: string;
  summaryHtml: string;
  tags: string[];
  /** Titles of the source threads: a teacher may type the question, not the entry's title. */
  sourceTitles: string[];
  helpful: number;
  notHelpful: number;
  reviewedAt: Date;
};

export type KbDocument = ReturnType<typeof toKbDocument>;

export function toKbDocument(entry: KbSource) {
  const summary = htmlToText(entry.summaryHtml);
  const questions = entry.sourceTitles.join(" \n ");
  return {
    id: entry.id,
    networkId: entry.networkId,
    networkSlug: entry.networkSlug,
    networkName: entry.networkName,
    visibility: entry.visibility,
    title: entry.title,
    title_stem: stemText(entry.title),
    tags: entry.tags,
    tags_stem: stemText(entry.tags.join(" ")),
    questions,
    questions_stem: stemText(questions),
    summary,
    summary_stem: stemText(summary),
    helpful: entry.helpful,
    /** Among equally relevant entries, the ones readers found helpful first. */
    helpfulRank: entry.helpful - entry.notHelpful,
    reviewedAt: entry.reviewedAt.getTime(),
  };
}
