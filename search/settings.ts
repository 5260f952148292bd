/** Index side: the Meilisearch settings of the threads index and the knowledge-base index (ranking, stop words, filters). */
import type { Settings } from "meilisearch";
import { STOP_WORDS } from "./analyzer";

/**
 * Typed forms come before their stemmed copies in every attribute pair, so with the
 * "attribute" rule an exact title match outranks a stem-only one; the "words" rule
 * (first) already favours documents that match the typed forms as well as the stems.
 */
export const INDEX_SETTINGS: Settings = {
  searchableAttributes: [
    "title",
    "title_stem",
    "tags",
    "tags_stem",
    "accepted",
    "accepted_stem",
    "body",
    "body_stem",
    "answers",
    "answers_stem",
  ],
  filterableAttributes: ["networkId", "visibility", "tags", "solved", "kind", "authorId", "courseId", "moduleId"],
  sortableAttributes: ["createdAt", "lastActivityAt", "score"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "solvedRank:desc", "score:desc"],
  displayedAttributes: [
    "id",
    "slug",
    "title",
    "tags",
    "solved",
    "kind",
    "networkId",
    "networkSlug",
    "networkName",
    "authorId",
    "authorName",
    "answerCount",
    "meTooCount",
    "lastActivityAt",
    "createdAt",
    "body",
    "accepted",
  ],
  stopWords: [...STOP_WORDS],
  typoTolerance: { enabled: true },
  // Kollegi never searches within facet values; building that structure slowed every update.
  facetSearch: false,
  pagination: { maxTotalHits: 5000 },
};

/**
 * The knowledge-base index (search/kb-index.ts): queried before the threads index, so a curated
 * entry is offered first whenever it matches well enough (docs/decisions/010).
 */
export const KB_INDEX_SETTINGS: Settings = {
  searchableAttributes: ["title", "title_stem", "questions", "questions_stem", "tags", "tags_stem", "summary", "summary_stem"],
  filterableAttributes: ["networkId", "visibility", "tags"],
  sortableAttributes: ["reviewedAt"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "helpfulRank:desc"],
  displayedAttributes: ["id", "title", "tags", "networkId", "networkSlug", "networkName", "summary", "helpful"],
  stopWords: [...STOP_WORDS],
  typoTolerance: { enabled: true },
  facetSearch: false,
};
