import { z } from "zod";
import { emailField, message, optionalTextField, textField } from "~/utils/validation";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const networkSchema = z.object({
  name: textField({ min: 3, max: 120 }),
  slug: textField({ min: 2, max: 40 }).refine((s) => SLUG_PATTERN.test(s), message("errors.slugFormat")),
  region: textField({ min: 2, max: 120 }),
  timeZone: textField({ max: 64 }).refine(isTimeZone, message("errors.unknownTimeZone")),
  description: optionalTextField({ max: 2000, multiLine: true }),
  visibility: z.enum(["public", "members"], {
    required_error: message("errors.required"),
    invalid_type_error: message("errors.required"),
  }),
});

export type NetworkInput = z.infer<typeof networkSchema>;

export const roleSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(["mentor", "moderator"]),
  grant: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const addMemberSchema = z.object({ email: emailField });
