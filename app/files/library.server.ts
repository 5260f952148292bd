/**
 * The materials library of a network: the files attached to its courses' module materials and
 * its knowledge-base entries (never forum posts), each with where it is from, found by name and
 * description, narrowed to one course, to the knowledge base, or to a knowledge-base tag.
 *
 * Search is matched here, not in SQL: SQLite's lower() and LIKE fold ASCII only, so «Дроби»
 * would not find «дроби». The network's files are a bounded set (five per module or entry), so
 * the page reads their names and descriptions, at most LIBRARY_SCAN_MAX of them newest first,
 * folds them (app/files/library.ts) and pages the matches; only the page's rows are then read
 * in full. Each word of the search is looked for by its Russian (or English) stem, the one the
 * forum's search uses (search/analyzer.ts), so «проценты» finds «о процентах». A column kept
 * folded would be the next step if a network ever outgrows that.
 *
 * Also here: saving a module's or an entry's files with their descriptions, in the caller's
 * transaction.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "../../db/index";
import { stem, words as analyzedWords } from "../../search/analyzer";
import { attachmentViews, filesReply, readAttachmentField, setAttachments, type AttachmentView } from "./attachments.server";
import {
  foldForSearch,
  hasDescriptionErrors,
  LIBRARY_PAGE_SIZE,
  LIBRARY_SCAN_MAX,
  matchesWords,
  readDescriptions,
  searchWords,
  type Descriptions,
  type LibraryQuery,
} from "./library";

const { attachments, courseModules, courses, kbEntries, kbEntryTags, tags } = schema;

/** A module's or an entry's files as its form sends them: the attachments in order, a description for each. */
export type FilesInput = { ids: number[]; descriptions: Descriptions };

type LibraryOwner = { moduleId: number } | { kbEntryId: number };

const ownedBy = (owner: LibraryOwner) =>
  "moduleId" in owner ? eq(attachments.moduleId, owner.moduleId) : eq(attachments.kbEntryId, owner.kbEntryId);

/**
 * Makes the module or entry hold these files with these descriptions. Files a moderator removed
 * are not in the form, and stay where they are (setAttachments never lets them go): the page
 * keeps saying so, and the record is the moderators'.
 */
export function saveFiles(tx: Tx, owner: LibraryOwner, userId: number, files: FilesInput, now = new Date()): void {
  setAttachments(tx, owner, userId, files.ids, now);
  for (const id of files.ids) {
    const description = files.descriptions[id];
    if (description === undefined) continue;
    tx.update(attachments)
      .set({ description })
      .where(and(eq(attachments.id, id), ownedBy(owner)))
      .run();
  }
}

/**
 * A module's or an entry's form, its files part: the file field as it comes back (carried,
 * chosen now, refused) and a description for each file. `ok`: nothing to say beside the field.
 */
export async function readFilesForm(formData: FormData, userId: number, locale: string, owner: LibraryOwner | null, now = new Date()) {
  const field = await readAttachmentField(formData, userId, locale, owner, now);
  const descriptions = readDescriptions(formData, field.ids);
  return {
    reply: { ...filesReply(field), descriptions: descriptions.values, descriptionErrors: descriptions.errors },
    ok: field.errors.length === 0 && !hasDescriptionErrors(descriptions.errors),
    input: { ids: field.ids, descriptions: descriptions.values } satisfies FilesInput,
  };
}

/** What a module's or an entry's form starts with: its live files (not removed by a moderator) and their descriptions. */
export function filesForEditing(views: AttachmentView[]) {
  const live = views.filter((file) => !file.removed);
  const descriptions: Descriptions = Object.fromEntries(live.map((file) => [file.id, file.description]));
  return { attachments: live, descriptions };
}

/** A file of the library: on show (not removed by a moderator), in a module or an entry of the network. */
const inLibraryOf = (networkId: number) =>
  and(
    isNull(attachments.removedAt),
    or(
      inArray(
        attachments.moduleId,
        getDb()
          .select({ id: courseModules.id })
          .from(courseModules)
          .innerJoin(courses, eq(courses.id, courseModules.courseId))
          .where(eq(courses.networkId, networkId)),
      ),
      inArray(attachments.kbEntryId, getDb().select({ id: kbEntries.id }).from(kbEntries).where(eq(kbEntries.networkId, networkId))),
    ),
  );

export type LibraryItem = AttachmentView & {
  source:
    | { kind: "module"; courseId: number; courseTitle: string; moduleId: number; moduleTitle: string }
    | { kind: "kbEntry"; entryId: number; entryTitle: string; tags: string[] };
};

export type LibraryPage = {
  items: LibraryItem[];
  total: number;
  page: number;
  pageCount: number;
  /** The search read only the newest LIBRARY_SCAN_MAX files. */
  partial: boolean;
};

/** A stem this short («д» of «да») would match nearly anything: the word is looked for as typed. */
const STEM_MIN = 3;

/** The search's words as the library looks for them: their stems, or, for a search of signs only, what was typed. */
function searchTerms(q: string): string[] {
  const tokens = analyzedWords(q);
  if (tokens.length === 0) return searchWords(q);
  return [...new Set(tokens.map((word) => foldForSearch(stem(word).length >= STEM_MIN ? stem(word) : word)))];
}

/** One page of the network's library, newest attached first. */
export function libraryPage(networkId: number, query: Pick<LibraryQuery, "q" | "from" | "tag" | "page">): LibraryPage {
  const db = getDb();
  const { from, tag } = query;
  const candidates = db
    .select({ id: attachments.id, name: attachments.name, description: attachments.description })
    .from(attachments)
    .where(
      and(
        inLibraryOf(networkId),
        from === "kb" ? isNotNull(attachments.kbEntryId) : undefined,
        typeof from === "number"
          ? inArray(attachments.moduleId, db.select({ id: courseModules.id }).from(courseModules).where(eq(courseModules.courseId, from)))
          : undefined,
        tag === null
          ? undefined
          : inArray(
              attachments.kbEntryId,
              db
                .select({ id: kbEntryTags.entryId })
                .from(kbEntryTags)
                .innerJoin(tags, eq(tags.id, kbEntryTags.tagId))
                .where(and(eq(tags.networkId, networkId), eq(tags.name, tag))),
            ),
      ),
    )
    .orderBy(desc(attachments.attachedAt), desc(attachments.id))
    .limit(LIBRARY_SCAN_MAX + 1)
    .all();
  const partial = candidates.length > LIBRARY_SCAN_MAX;
  const words = searchTerms(query.q);
  const matched = candidates.slice(0, LIBRARY_SCAN_MAX).filter((row) => matchesWords(words, row.name, row.description));
  const pageCount = Math.max(1, Math.ceil(matched.length / LIBRARY_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const shown = matched.slice((page - 1) * LIBRARY_PAGE_SIZE, page * LIBRARY_PAGE_SIZE);
  return { items: itemsOf(shown), total: matched.length, page, pageCount, partial: partial && words.length > 0 };
}

/** The page's rows in full: the file, and where it is from (a module and its course, or an entry and its tags). */
function itemsOf(rows: { id: number }[]): LibraryItem[] {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((row) => row.id);
  const places = db
    .select({
      id: attachments.id,
      moduleId: courseModules.id,
      moduleTitle: courseModules.title,
      courseId: courses.id,
      courseTitle: courses.title,
      entryId: kbEntries.id,
      entryTitle: kbEntries.title,
    })
    .from(attachments)
    .leftJoin(courseModules, eq(courseModules.id, attachments.moduleId))
    .leftJoin(courses, eq(courses.id, courseModules.courseId))
    .leftJoin(kbEntries, eq(kbEntries.id, attachments.kbEntryId))
    .where(inArray(attachments.id, ids))
    .all();
  const entryIds = places.flatMap((place) => (place.entryId === null ? [] : [place.entryId]));
  const entryTags = entryIds.length
    ? db
        .select({ entryId: kbEntryTags.entryId, name: tags.name })
        .from(kbEntryTags)
        .innerJoin(tags, eq(tags.id, kbEntryTags.tagId))
        .where(inArray(kbEntryTags.entryId, entryIds))
        .orderBy(asc(tags.name))
        .all()
    : [];
  const views = new Map(attachmentViews(ids).map((view) => [view.id, view]));
  return rows.flatMap((row): LibraryItem[] => {
    const view = views.get(row.id);
    const place = places.find((p) => p.id === row.id);
    if (!view || !place) return [];
    if (place.moduleId !== null && place.courseId !== null) {
      const source = {
        kind: "module" as const,
        courseId: place.courseId,
        courseTitle: place.courseTitle ?? "",
        moduleId: place.moduleId,
        moduleTitle: place.moduleTitle ?? "",
      };
      return [{ ...view, source }];
    }
    if (place.entryId === null) return [];
    const entryTagNames = entryTags.filter((t) => t.entryId === place.entryId).map((t) => t.name);
    const source = { kind: "kbEntry" as const, entryId: place.entryId, entryTitle: place.entryTitle ?? "", tags: entryTagNames };
    return [{ ...view, source }];
  });
}

/**
 * What the library's filters offer: the courses whose modules hold files, the knowledge-base
 * tags whose entries do, and how many files the knowledge base holds, each with its count.
 */
export function libraryFacets(networkId: number) {
  const db = getDb();
  const live = isNull(attachments.removedAt);
  const courseRows = db
    .select({ id: courses.id, title: courses.title, count: sql<number>`count(*)` })
    .from(attachments)
    .innerJoin(courseModules, eq(courseModules.id, attachments.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .where(and(live, eq(courses.networkId, networkId)))
    .groupBy(courses.id)
    .orderBy(asc(courses.title))
    .all();
  const tagRows = db
    .select({ name: tags.name, count: sql<number>`count(distinct ${attachments.id})` })
    .from(attachments)
    .innerJoin(kbEntries, eq(kbEntries.id, attachments.kbEntryId))
    .innerJoin(kbEntryTags, eq(kbEntryTags.entryId, kbEntries.id))
    .innerJoin(tags, eq(tags.id, kbEntryTags.tagId))
    .where(and(live, eq(kbEntries.networkId, networkId)))
    .groupBy(tags.name)
    .orderBy(desc(sql`count(distinct ${attachments.id})`), asc(tags.name))
    .all();
  const kb = db
    .select({ count: sql<number>`count(*)` })
    .from(attachments)
    .innerJoin(kbEntries, eq(kbEntries.id, attachments.kbEntryId))
    .where(and(live, eq(kbEntries.networkId, networkId)))
    .get();
  return { courses: courseRows, tags: tagRows, kbCount: kb?.count ?? 0 };
}
