/** Shared i18next settings for the server and the browser. */
import { en } from "./locales/en";
import { ru } from "./locales/ru";

export const supportedLanguages = ["ru", "en"] as const;
export type Locale = (typeof supportedLanguages)[number];
/** Most Kollegi teachers read Russian; English when the browser or the user asks for it. */
export const fallbackLanguage: Locale = "ru";
export const defaultNS = "common";

export const resources = {
  ru: { common: ru },
  en: { common: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS,
  ns: [defaultNS],
  interpolation: { escapeValue: false },
};
