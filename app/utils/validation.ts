/**
 * Building blocks for the zod schemas of every form. Messages are i18n keys with their values
 * ("errors.tooShort|10"), turned into words where they are shown (messageText, used by
 * app/components/forms.tsx).
 */
import type { TFunction } from "i18next";
import { z } from "zod";
import type { Message, MessageArgs, MessageKey } from "~/i18n/keys";

/** A message's values: a count (it picks the plural form), or named values for its {{placeholders}}. */
export type MessageValues = number | Record<string, string | number>;

/**
 * "key", "key|10" (a count) or "key|time=14%3A05%3A30" (named values): a string, as conform carries
 * errors. The key must exist, and the values are the ones its text has placeholders for.
 */
export function message<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message {
  const values: MessageValues | undefined = args[0];
  if (values === undefined) return key;
  if (typeof values === "number") return `${key}|${values}` as Message;
  return `${key}|${new URLSearchParams(Object.entries(values).map(([name, value]) => [name, String(value)]))}` as Message;
}

/** t() called with a key read from a message at run time (checked when the message was built). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A message built by `message`, in the reader's words: every value goes to its placeholder. */
export function messageText(typed: TFunction, raw: string): string {
  const t = typed as unknown as Translate;
  const bar = raw.indexOf("|");
  if (bar === -1) return t(raw);
  const key = raw.slice(0, bar);
  const values = raw.slice(bar + 1);
  if (/^\d+$/.test(values)) return t(key, { count: Number(values) });
  const options: Record<string, unknown> = Object.fromEntries(new URLSearchParams(values));
  if (typeof options.count === "string") options.count = Number(options.count);
  return t(key, options);
}

/** C0/C1 controls, and bidi overrides that make a name read backwards. */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/** In multi-line text, tabs and line breaks are fine. */
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const normalize = (s: string, multiLine: boolean) => (multiLine ? s.replace(/\r\n?/g, "\n") : s).normalize("NFC").trim();

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
