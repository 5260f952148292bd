/** The moderation forms; messages are i18n keys, shown beside their fields in the reader's language. */
import { z } from "zod";
import { parseThreadRefs } from "~/kb/schemas";
import { message, optionalTextField, textField } from "~/utils/validation";

export const FLAG_REASONS = ["spam", "rude", "off_topic", "wrong_network", "duplicate", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
/** Lengths offered on the forms, as Discourse offers them: a moderator picks, never types a date. */
export const SILENCE_DAYS = [1, 3, 7, 30, 90] as const;
export const SUSPEND_DAYS = [1, 7, 30, 365, 3650] as const;

export const REASON_MIN = 5;
export const REASON_MAX = 500;
export const NOTE_MAX = 500;

/** What the author (or the log's reader) is told: a few words at least, never a whole letter. */
export const reasonField = textField({ min: REASON_MIN, max: REASON_MAX, multiLine: true });

export const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: message("moderation.errors.chooseReason") }) }),
    note: optionalTextField({ max: NOTE_MAX, multiLine: true }),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "other" && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: message("moderation.errors.noteRequired") });
    }
  });

/** Keeping needs no reason; hiding and deleting tell the author why. */
export const decisionSchema = z
  .object({
    postId: z.coerce.number().int().positive(),
    decision: z.enum(["keep", "hide", "delete"]),
    reason: optionalTextField({ max: REASON_MAX, multiLine: true }),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "keep") return;
    const length = [...value.reason].length;
    if (length === 0) ctx.addIssue({ code: "custom", path: ["reason"], message: message("moderation.errors.reasonRequired") });
    else if (length < REASON_MIN) ctx.addIssue({ code: "custom", path: ["reason"], message: message("errors.tooShort", REASON_MIN) });
  });

export const lockSchema = z.object({ reason: reasonField });
export const removeSchema = z.object({ reason: reasonField });
/** Taking a file off a post, a module or an entry: the reason is what its uploader reads where the file was. */
export const attachmentRemovalSchema = z.object({ attachmentId: z.coerce.number().int().positive(), reason: reasonField });
export const moveSchema = z.object({
  network: z.string({ required_error: message("moderation.errors.chooseNetwork") }).min(1, message("moderation.errors.chooseNetwork")),
  reason: optionalTextField({ max: REASON_MAX, multiLine: true }),
});

export const duplicateSchema = z.object({
  canonical: z.string({ required_error: message("moderation.errors.canonicalRequired") }).transform((raw, ctx) => {
    const ids = parseThreadRefs(raw.trim());
    if (!ids || ids.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: message(ids?.length === 0 ? "moderation.errors.canonicalRequired" : "moderation.errors.canonicalFormat"),
      });
      return z.NEVER;
    }
    return ids[0]!;
  }),
  merge: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

const days = (allowed: readonly number[]) =>
  z.coerce
    .number({ errorMap: () => ({ message: message("moderation.errors.chooseDuration") }) })
    .refine((n) => allowed.includes(n), message("moderation.errors.chooseDuration"));

export const silenceSchema = z.object({
  network: z.string({ required_error: message("moderation.errors.chooseNetwork") }).min(1, message("moderation.errors.chooseNetwork")),
  days: days(SILENCE_DAYS),
  reason: reasonField,
});

export const suspendSchema = z.object({ days: days(SUSPEND_DAYS), reason: reasonField });
