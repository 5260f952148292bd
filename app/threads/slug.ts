import { slugify } from "transliteration";

/** Long enough to read, short enough for a link pasted into a chat. */
export const SLUG_MAX = 60;

/** The Latin slug of a (mostly Russian) title: «Закон Ома в 8 классе» → zakon-oma-v-8-klasse. */
export function threadSlug(title: string): string {
  const slug = slugify(title, { lowercase: true, separator: "-", trim: true })
    .replace(/[^a-z0-9-]+/g, "")
    .replace(/-{2,}/g, "-")
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, "");
  return slug || "thread";
}
