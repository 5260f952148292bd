/**
 * Building blocks for the zod schemas of every form. Messages are i18n keys
 * ("errors.tooShort|10"), translated where they are shown (app/components/forms.tsx).
 */
import { z } from "zod";

export const message = (key: string, count?: number) => (count === undefined ? key : `${key}|${count}`);

/** C0/C1 controls, and bidi overrides that make a name read backwards. */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/** In multi-line text, tabs and line breaks are fine. */
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const normalize = (s: string, multiLine: boolean) =>
  (multiLine ? s.replace(/\r\n?/g, "\n") : s).normalize("NFC").trim();

type TextOptions = { min?: number; max: number; multiLine?: boolean };

/** A required text field: trimmed, NFC, length in characters (not UTF-16 units), no control characters. */
export function textField({ min = 1, max, multiLine = false }: TextOptions) {
  return z
    .string({ required_error: message("errors.required"), invalid_type_error: message("errors.required") })
    .transform((s) => normalize(s, multiLine))
    .superRefine((value, ctx) => {
      const length = [...value].length;
      if (length === 0) ctx.addIssue({ code: "custom", message: message("errors.required") });
      else if (length < min) ctx.addIssue({ code: "custom", message: message("errors.tooShort", min) });
      else if (length > max) ctx.addIssue({ code: "custom", message: message("errors.tooLong", max) });
      else if ((multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value)) {
        ctx.addIssue({ code: "custom", message: message("errors.controlChars") });
      }
    });
}

/**
 * An optional text field: empty or missing becomes "". (No z.pipe here: conform turns
 * an empty string into undefined inside a pipe, which would read as "required".)
 */
export function optionalTextField({ max, multiLine = false }: Omit<TextOptions, "min">) {
  return z
    .string()
    .optional()
    .transform((s) => normalize(s ?? "", multiLine))
    .superRefine((value, ctx) => {
      if ([...value].length > max) ctx.addIssue({ code: "custom", message: message("errors.tooLong", max) });
      else if ((multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value)) {
        ctx.addIssue({ code: "custom", message: message("errors.controlChars") });
      }
    });
}

/** RFC 5321 caps an address at 254 characters. */
const EMAIL_MAX = 254;

const emailFormat = z.string().email();

export const emailField = z
  .string({ required_error: message("errors.required") })
  .transform((s) => s.normalize("NFC").trim().toLowerCase())
  .superRefine((value, ctx) => {
    if (value.length === 0) ctx.addIssue({ code: "custom", message: message("errors.required") });
    else if (value.length > EMAIL_MAX) ctx.addIssue({ code: "custom", message: message("errors.tooLong", EMAIL_MAX) });
    else if (!emailFormat.safeParse(value).success) ctx.addIssue({ code: "custom", message: message("errors.email") });
  });

export const PASSWORD_MIN = 10;
/** Argon2 takes any length; a cap stops a megabyte "password" from costing CPU. */
export const PASSWORD_MAX = 256;

/** Passwords are not trimmed or normalised beyond NFC: what the person typed is the secret. */
export const passwordField = z
  .string({ required_error: message("errors.required") })
  .transform((s) => s.normalize("NFC"))
  .superRefine((value, ctx) => {
    const length = [...value].length;
    if (length === 0) ctx.addIssue({ code: "custom", message: message("errors.required") });
    else if (length < PASSWORD_MIN) ctx.addIssue({ code: "custom", message: message("errors.tooShort", PASSWORD_MIN) });
    else if (length > PASSWORD_MAX) ctx.addIssue({ code: "custom", message: message("errors.tooLong", PASSWORD_MAX) });
  });

/** For login: any non-empty value up to the cap (old accounts may predate today's rules). */
export const loginPasswordField = z
  .string({ required_error: message("errors.required") })
  .min(1, message("errors.required"))
  .max(PASSWORD_MAX, message("errors.tooLong", PASSWORD_MAX));
