/**
 * Index side, also used by the queries (app/search/queries.server.ts stems what is typed the same way).
 *
 * Meilisearch does not stem Russian: «урокам физики» would not find «урок физики».
 * So Kollegi indexes a stemmed copy of every text beside the original and stems the
 * query the same way (Snowball stemmers from @orama/stemmers). ё and е are one letter
 * here, as teachers type them interchangeably.
 */
import { stemmer as englishStemmer } from "@orama/stemmers/english";
import { stemmer as russianStemmer } from "@orama/stemmers/russian";

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Words too common to carry meaning; they still match as typed, they are just not stemmed copies. */
export const STOP_WORDS = new Set([
  "и",
  "в",
  "во",
  "не",
  "что",
  "он",
  "на",
  "я",
  "с",
  "со",
  "как",
  "а",
  "то",
  "все",
  "она",
  "так",
  "его",
  "но",
  "да",
  "ты",
  "к",
  "у",
  "же",
  "вы",
  "за",
  "бы",
  "по",
  "только",
  "ее",
  "мне",
  "было",
  "вот",
  "от",
  "меня",
  "еще",
  "нет",
  "о",
  "из",
  "ему",
  "ли",
  "если",
  "уже",
  "или",
  "ни",
  "быть",
  "был",
  "до",
  "вас",
  "нибудь",
  "уж",
  "вам",
  "там",
  "потом",
  "себя",
  "ничего",
  "ей",
  "может",
  "они",
  "тут",
  "где",
  "есть",
  "надо",
  "ней",
  "для",
  "мы",
  "тебя",
  "их",
  "чем",
  "была",
  "сам",
  "чтоб",
  "без",
  "будто",
  "чего",
  "раз",
  "тоже",
  "себе",
  "под",
  "будет",
  "ж",
  "тогда",
  "кто",
  "этот",
  "того",
  "потому",
  "этого",
  "какой",
  "совсем",
  "ним",
  "здесь",
  "этом",
  "один",
  "почти",
  "мой",
  "тем",
  "чтобы",
  "нее",
  "были",
  "куда",
  "зачем",
  "всех",
  "при",
  "об",
  "это",
  "эти",
  "эта",
  "the",
  "a",
  "an",
  "and",
  "or",
  "of",
  "to",
  "in",
  "on",
  "for",
  "is",
  "are",
  "be",
  "with",
  "as",
  "at",
  "by",
  "it",
  "this",
  "that",
  "how",
  "what",
  "do",
  "does",
  "i",
  "my",
  "we",
  "you",
  "from",
  "can",
]);

export function normalize(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/ё/g, "е");
}

export function words(text: string): string[] {
  return normalize(text).match(WORD) ?? [];
}

/** The Snowball stem of one normalised word, Russian or English by its script; other scripts stay as they are. */
export function stem(word: string): string {
  if (CYRILLIC.test(word)) return russianStemmer(word).replace(/ё/g, "е");
  if (LATIN.test(word)) return englishStemmer(word);
  return word;
}

/** The stemmed copy of a text that goes into the index beside the original. */
export function stemText(text: string): string {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem)
    .join(" ");
}

/**
 * The query Meilisearch gets: the stems first, then the forms as typed that differ from
 * their stem. With matchingStrategy "last" Meilisearch drops words from the end when not
 * all match, so it gives up the typed forms before the stems; documents that also match the
 * typed forms match more words and rank above stem-only matches.
 */
export function analyzeQuery(query: string): string {
  const typed = words(query);
  const stems = typed.filter((w) => !STOP_WORDS.has(w)).map(stem);
  const forms = typed.filter((w) => !stems.includes(w));
  return [...new Set([...stems, ...forms])].join(" ");
}

/** Stems only: for "is this the same question?", where the exact wording does not matter. */
export function stemQuery(query: string): string {
  return [
    ...new Set(
      words(query)
        .filter((w) => !STOP_WORDS.has(w))
        .map(stem),
    ),
  ].join(" ");
}
