/**
 * Typed translation keys (decision 022). t() itself is typed through i18next's
 * CustomTypeOptions (app/i18n/i18next.d.ts); these types serve the places that carry a key
 * as a string before it meets t(): form messages ("errors.tooShort|10", app/utils/validation.ts),
 * keys a server module or a loader hands back, keys built from a value.
 */
import type { ParseKeys } from "i18next";
import type { ru } from "./locales/ru";

/** Every key t() accepts: "errors.required"; a plural by its stem, "network.answers". */
export type TranslationKey = Exclude<ParseKeys<"common">, TemplateStringsArray>;

/** A message key: any translation key (an alias that says the string travels before it is shown). */
export type MessageKey = TranslationKey;

/**
 * A message as it travels from a server module or schema to the page: a key, or a key with its
 * values as `message()` builds it ("errors.tooShort|10"). A misspelt key fails the typecheck.
 */
export type Message = MessageKey | `${MessageKey}|${string}`;

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";

/** The Russian string (or, for a plural stem, its forms) a key names. */
type TextAt<T, K extends string> = K extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? TextAt<T[Head], Rest>
    : never
  : T[(K | `${K}_${PluralSuffix}`) & keyof T];

type Names<S> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? (Name extends `${infer Bare},${string}` ? Bare : Name) | Names<Rest>
  : never;

/** The {{placeholders}} of a key's Russian text ("count" for a plural). */
export type Placeholders<K extends TranslationKey> = Names<TextAt<typeof ru, K>>;

/** What `message(key, ...)` takes after the key: nothing, a count, or every named value. */
export type MessageArgs<K extends MessageKey> = [Placeholders<K>] extends [never]
  ? []
  : [Placeholders<K>] extends ["count"]
    ? [count: number]
    : [values: Record<Placeholders<K>, string | number>];
