import type { TFunction } from "i18next";
import { formatBytes, type FormatKey } from "./formats";

/** What a file is in words, in the reader's language: "PDF · 2,4 МБ · 3 страницы". */
export function fileFacts(t: TFunction, locale: string, file: { format: FormatKey; byteSize: number; pages: number | null }): string {
  return [t(`files.format.${file.format}`), formatBytes(file.byteSize, locale), file.pages ? t("files.pages", { count: file.pages }) : null]
    .filter(Boolean)
    .join(" · ");
}
