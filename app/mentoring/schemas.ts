import { z } from "zod";
import { TAG_MAX, TAG_MIN } from "~/threads/schemas";
import { message, optionalTextField, textField } from "~/utils/validation";
import { isCalendarDate } from "~/utils/zoned-time";

export const NOTE_MIN = 5;
export const NOTE_MAX = 500;
export const CAPACITY_MIN = 1;
/** Past a few dozen open questions nobody answers in a day; the cap catches a typo like 500. */
export const CAPACITY_MAX = 50;
export const MENTOR_TAGS_MAX = 12;

const id = z.coerce
  .number({ invalid_type_error: message("errors.required") })
  .int()
  .positive();
const mentorChoice = z.coerce
  .number({ required_error: message("mentoring.errors.chooseMentor"), invalid_type_error: message("mentoring.errors.chooseMentor") })
  .int()
  .positive(message("mentoring.errors.chooseMentor"));

export const assignmentSchema = z.object({ assignmentId: id });

/** A hand-off carries a note for the colleague: what is asked, what was tried. */
export const handOffSchema = z.object({
  assignmentId: id,
  to: mentorChoice,
  note: textField({ min: NOTE_MIN, max: NOTE_MAX, multiLine: true }),
});

export const declineSchema = z.object({
  assignmentId: id,
  reason: textField({ min: NOTE_MIN, max: NOTE_MAX, multiLine: true }),
});

export const reassignSchema = z.object({
  assignmentId: id,
  to: mentorChoice,
  note: optionalTextField({ max: NOTE_MAX, multiLine: true }),
});

/** Like a question's tags (same words, same rules per tag), but a mentor may list more, or none yet. */
const mentorTagsField = z
  .string()
  .optional()
  .transform((raw) => [
    ...new Set(
      (raw ?? "")
        .split(/[,;\n]/)
        .map((t) => t.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase())
        .filter(Boolean),
    ),
  ])
  .superRefine((tags, ctx) => {
    if (tags.length > MENTOR_TAGS_MAX) ctx.addIssue({ code: "custom", message: message("errors.tagsTooMany", MENTOR_TAGS_MAX) });
    else if (tags.some((t) => [...t].length < TAG_MIN || [...t].length > TAG_MAX)) {
      ctx.addIssue({ code: "custom", message: message("errors.tagLength", TAG_MAX) });
    } else if (tags.some((t) => /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069#<>]/u.test(t))) {
      ctx.addIssue({ code: "custom", message: message("errors.tagChars") });
    }
  });

export const profileSchema = z.object({
  tags: mentorTagsField,
  capacity: z
    .number({ required_error: message("errors.required"), invalid_type_error: message("mentoring.errors.capacity") })
    .int(message("mentoring.errors.capacity"))
    .min(CAPACITY_MIN, message("mentoring.errors.capacity"))
    .max(CAPACITY_MAX, message("mentoring.errors.capacity")),
  awayUntil: z
    .string()
    .optional()
    .refine((value) => value === undefined || isCalendarDate(value), message("mentoring.errors.date")),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const REPORT_PERIODS = [7, 30, 90] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export function reportPeriod(raw: string | null): ReportPeriod {
  const days = Number(raw);
  return (REPORT_PERIODS as readonly number[]).includes(days) ? (days as ReportPeriod) : 30;
}
