import { z } from "zod";
import { tagsField } from "~/threads/schemas";
import { message, optionalTextField, textField } from "~/utils/validation";

export const KB_TITLE_MIN = 10;
export const KB_TITLE_MAX = 150;
export const KB_SUMMARY_MIN = 20;
export const KB_SUMMARY_MAX = 20_000;
/** An entry distils a few threads; past ten it is a chapter, not an entry. */
export const KB_SOURCES_MAX = 10;

/** Thread links as copied from the address bar (/t/12-slug, https://…/t/12) or bare numbers, one per line or comma-separated. */
export function parseThreadRefs(raw: string): number[] | null {
  const parts = raw.split(/[\s,;]+/).filter(Boolean);
  const ids: number[] = [];
  for (const part of parts) {
    const match = /^(?:https?:\/\/[^/]+)?(?:\/t\/)?(\d{1,9})(?:-[^\s?#]*)?(?:[?#]\S*)?$/.exec(part);
    if (!match) return null;
    ids.push(Number(match[1]));
  }
  return [...new Set(ids)];
}

export const sourcesField = z
  .string({ required_error: message("kb.errors.sourcesRequired") })
  .transform((raw, ctx) => {
    const ids = parseThreadRefs(raw);
    if (ids === null) {
      ctx.addIssue({ code: "custom", message: message("kb.errors.sourcesFormat") });
      return z.NEVER;
    }
    return ids;
  })
  .superRefine((ids, ctx) => {
    if (ids.length === 0) ctx.addIssue({ code: "custom", message: message("kb.errors.sourcesRequired") });
    else if (ids.length > KB_SOURCES_MAX) ctx.addIssue({ code: "custom", message: message("kb.errors.sourcesTooMany", KB_SOURCES_MAX) });
  });

export const entrySchema = z.object({
  title: textField({ min: KB_TITLE_MIN, max: KB_TITLE_MAX }),
  summary: textField({ min: KB_SUMMARY_MIN, max: KB_SUMMARY_MAX, multiLine: true }),
  sources: sourcesField,
  tags: tagsField,
});
export type EntryInput = z.infer<typeof entrySchema>;
/** Editing says, optionally, what changed (for the audit log). */
export const entryEditSchema = entrySchema.extend({ reason: optionalTextField({ max: 200 }) });

export const feedbackSchema = z.object({ helpful: z.enum(["yes", "no"]) });
