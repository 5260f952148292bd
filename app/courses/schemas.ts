import { z } from "zod";
import { message, optionalTextField, textField } from "~/utils/validation";
import { parseMaterials } from "./materials";

/** More addresses than this in one paste is not a course list; the rest is reported, not processed. */
export const EMAILS_PER_PASTE_MAX = 2_000;

export const COURSE_TITLE_MIN = 5;
export const COURSE_TITLE_MAX = 150;
export const COURSE_DESCRIPTION_MAX = 20_000;
export const MODULE_TITLE_MIN = 3;
export const MODULE_TITLE_MAX = 150;
/** A module's description is a line or two under its title; the material itself lives in the links. */
export const MODULE_DESCRIPTION_MAX = 1_000;
export const MATERIALS_MAX = 5_000;
/** A pasted enrolment list: 300 emails with names around them fit many times over. */
export const EMAILS_TEXT_MAX = 200_000;

/** An <input type="date"> value, optional: "" or YYYY-MM-DD that is a real day. */
const dateField = z
  .string()
  .optional()
  .transform((s) => (s ?? "").trim())
  .superRefine((value, ctx) => {
    if (value === "") return;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!day || day.toISOString().slice(0, 10) !== value || Number(match![1]) < 2000 || Number(match![1]) > 2100) {
      ctx.addIssue({ code: "custom", message: message("courses.errors.date") });
    }
  })
  .transform((value) => (value === "" ? null : value));

export const courseSchema = z
  .object({
    title: textField({ min: COURSE_TITLE_MIN, max: COURSE_TITLE_MAX }),
    description: optionalTextField({ max: COURSE_DESCRIPTION_MAX, multiLine: true }),
    startsOn: dateField,
    endsOn: dateField,
    enrolment: z.enum(["open", "list"], { required_error: message("errors.required"), invalid_type_error: message("errors.required") }),
  })
  .superRefine((course, ctx) => {
    if (course.startsOn && course.endsOn && course.endsOn < course.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: message("courses.errors.endsBeforeStart") });
    }
  });
export type CourseInput = z.infer<typeof courseSchema>;

export const moduleSchema = z.object({
  title: textField({ min: MODULE_TITLE_MIN, max: MODULE_TITLE_MAX }),
  description: optionalTextField({ max: MODULE_DESCRIPTION_MAX, multiLine: true }),
  materials: optionalTextField({ max: MATERIALS_MAX, multiLine: true }).superRefine((raw, ctx) => {
    const { invalidLine } = parseMaterials(raw);
    if (invalidLine !== null) ctx.addIssue({ code: "custom", message: message("courses.errors.materialLine", invalidLine) });
  }),
  dueOn: dateField,
});
export type ModuleInput = z.infer<typeof moduleSchema>;

export const emailsSchema = z.object({
  emails: z.string({ required_error: message("courses.errors.emailsRequired") }).superRefine((raw, ctx) => {
    if (raw.trim() === "") ctx.addIssue({ code: "custom", message: message("courses.errors.emailsRequired") });
    else if (raw.length > EMAILS_TEXT_MAX) ctx.addIssue({ code: "custom", message: message("errors.tooLong", EMAILS_TEXT_MAX) });
  }),
});

export const curatorSchema = z.object({
  email: z
    .string({ required_error: message("errors.required") })
    .transform((s) => s.normalize("NFC").trim().toLowerCase())
    .pipe(z.string().min(1, message("errors.required")).max(254, message("errors.tooLong", 254)).email(message("errors.email"))),
});

const rowId = z.coerce.number().int().positive();

/** The buttons beside a module on the course's edit page (move, save, delete) name it. */
export const moduleRowSchema = z.object({ moduleId: rowId });

/** The remove buttons of the people page: an enrolled teacher or a curator, or a pending invite. */
export const personRowSchema = z.object({ userId: rowId });
export const inviteRowSchema = z.object({ email: z.string() });
