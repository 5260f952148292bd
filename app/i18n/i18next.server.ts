import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nConfig, isLocale, resources, supportedLanguages, type Locale } from "./i18n";

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
    instances.set(locale, instance);
  }
  return instance;
}

export async function getLocale(request: Request): Promise<Locale> {
  const locale = await i18next.getLocale(request);
  return isLocale(locale) ? locale : fallbackLanguage;
}

export async function getT(request: Request): Promise<TFunction> {
  const locale = await getLocale(request);
  return instanceFor(locale).getFixedT(locale);
}
