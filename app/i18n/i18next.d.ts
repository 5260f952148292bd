/**
 * Typed keys (decision 022): t() accepts only keys the Russian translation has, and checks
 * the {{values}} its options name against the string's placeholders.
 */
import "i18next";
import type { ru } from "./locales/ru";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: { common: typeof ru };
  }
}
