import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { defaultNS, fallbackLanguage, i18nConfig, isLocale, resources, supportedLanguages, type Locale } from "./i18n";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** The language a person picked sticks for a year, signed in or not. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: ONE_YEAR_SECONDS,
  secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
});

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

/**
 * One ready i18next instance per language for the whole process: making one per request
 * (what RemixI18Next.getFixedT does) costs more than rendering the page. Safe to share:
 * each instance's language never changes.
 */
const instances = new Map<Locale, i18n>();

export function instanceFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    instance.use(initReactI18next);
    // With inline resources and initImmediate off, init completes synchronously.
    void instance.init({ ...i18nConfig, lng: locale, resources, initImmediate: false });
    memoizeTranslations(instance);
    instances.set(locale, instance);
  }
  return instance;
}

/** Options the shared instances' t() can be memoized under: nothing but the key and a count varies. */
const PASSIVE_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);
const MEMO_LIMIT = 20_000;

/**
 * A thread page asks for the same few dozen strings hundreds of times (every answer's
 * buttons), and each i18next lookup walks options, resources and plural rules: an
 * eighth of a signed-in page's render. A language's instance never changes, so a
 * string without interpolation (or with only a count) is looked up once.
 */
function memoizeTranslations(instance: i18n): void {
  const translate = instance.t.bind(instance) as (key: unknown, options?: Record<string, unknown>) => unknown;
  const memo = new Map<string, unknown>();
  const memoKey = (key: unknown, options: Record<string, unknown> | undefined): string | null => {
    if (typeof key !== "string") return null;
    if (options === undefined) return key;
    if (typeof options !== "object" || options === null) return null;
    let count = "";
    for (const name in options) {
      const value = options[name];
      if (name === "count" && typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 1000) count = String(value);
      else if (name === "lng" || name === "lngs" ? value != null && value !== instance.language : !PASSIVE_OPTIONS.has(name)) return null;
      else if (name === "keyPrefix" && value) return null;
      else if (
        name === "ns" &&
        value != null &&
        value !== defaultNS &&
        !(Array.isArray(value) && value.length === 1 && value[0] === defaultNS)
      )
        return null;
    }
    return count ? `${key}\u0000${count}` : key;
  };
  const memoized = (key: unknown, options?: Record<string, unknown>) => {
    const k = memoKey(key, options);
    if (k === null) return translate(key, options);
    if (memo.has(k)) return memo.get(k);
    const value = translate(key, options);
    if (memo.size < MEMO_LIMIT && typeof value === "string") memo.set(k, value);
    return value;
  };
  instance.t = memoized as unknown as typeof instance.t;
}

export async function getLocale(request: Request): Promise<Locale> {
  const locale = await i18next.getLocale(request);
  return isLocale(locale) ? locale : fallbackLanguage;
}

export async function getT(request: Request): Promise<TFunction> {
  const locale = await getLocale(request);
  return instanceFor(locale).getFixedT(locale);
}
