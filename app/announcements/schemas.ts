import { z } from "zod";
import { message, textField } from "~/utils/validation";

export const ANNOUNCEMENT_TITLE_MIN = 5;
export const ANNOUNCEMENT_TITLE_MAX = 150;
export const ANNOUNCEMENT_BODY_MIN = 10;
export const ANNOUNCEMENT_BODY_MAX = 20_000;

const fields = {
  title: textField({ min: ANNOUNCEMENT_TITLE_MIN, max: ANNOUNCEMENT_TITLE_MAX }),
  body: textField({ min: ANNOUNCEMENT_BODY_MIN, max: ANNOUNCEMENT_BODY_MAX, multiLine: true }),
  /** A checkbox: "on" when ticked, absent when not (conform turns it into a boolean). */
  ackRequired: z.boolean().default(false),
};

export const editAnnouncementSchema = z.object(fields);

/** "network" or a course id; whether the author may publish there is the permissions module's call. */
export const audienceField = z
  .string({ required_error: message("announcements.errors.audience"), invalid_type_error: message("announcements.errors.audience") })
  .regex(/^(network|[1-9]\d{0,8})$/, message("announcements.errors.audience"))
  .transform((v) => (v === "network" ? null : Number(v)));

export const newAnnouncementSchema = z.object({ ...fields, audience: audienceField });

export type AnnouncementInput = { title: string; body: string; ackRequired: boolean };
