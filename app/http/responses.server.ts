/**
 * Responses every route gives the same way: the thrown 404, 403 and 400 that the shared error
 * boundary (app/components/error-boundary.tsx) turns into a page, and the 400 of a form sent
 * back with its errors next to the fields.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type HeadersFunction } from "@remix-run/node";
import type { z } from "zod";
import { getLocale } from "~/i18n/i18next.server";
import { message } from "~/utils/validation";
import type { Message, MessageKey } from "~/i18n/keys";

/** Something that is not there, or that the reader may not know is there: `throw notFound()`. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/**
 * A refusal: `throw forbidden()`. A translation key as the message makes the error page say
 * why ("enrol in the course to ask here") instead of the generic text.
 */
export function forbidden(messageKey?: MessageKey): Response {
  return json({ message: messageKey ?? "forbidden" }, { status: 403 });
}

/** A request no form of ours sends (an unknown intent, a forged id): `throw badRequest()`. */
export function badRequest(): Response {
  return new Response("Bad request", { status: 400 });
}

/**
 * A form of buttons and hidden fields (a vote, a role switch, "mark as read"), parsed with its
 * schema: nobody typed it, so anything that does not parse is a 400, not a message.
 */
export function parseOrBadRequest<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema): z.output<Schema> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") throw badRequest();
  return submission.value;
}

/** A form sent back with its errors (400): the page renders again, the errors beside the fields, the input kept. */
export function invalidForm<Data>(data: Data, init?: ResponseInit) {
  return json(data, { ...init, status: 400 });
}

type Submission = {
  reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }) => SubmissionResult<string[]>;
};

/**
 * A valid form the domain refused: its message (a translation key) next to the field it is
 * about, or for the whole form when the refusal names no field.
 */
export function fieldErrorReply(submission: Submission, refusal: { field?: string; error: Message }, options?: { hideFields?: string[] }) {
  return refusal.field
    ? submission.reply({ fieldErrors: { [refusal.field]: [refusal.error] }, ...options })
    : submission.reply({ formErrors: [refusal.error], ...options });
}

/**
 * The form as it was typed, with no validation messages: it came back for a preview or for its
 * files, not to be published, so a half-written form is not shown in red.
 */
export function keepTyped(submission: Submission) {
  return { ...submission.reply(), status: undefined, error: undefined };
}

/**
 * A throttled form: 429 with Retry-After, and the form's reply saying in the reader's language
 * when to try again (the time is the server's clock, e.g. "after 14:05:30").
 */
export async function tooManyAttempts<Reply>(request: Request, retryAt: Date, reply: (formError: string) => Reply, now = new Date()) {
  const locale = await getLocale(request);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(retryAt);
  const retryAfter = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return json(reply(message("errors.throttled", { time })), { status: 429, headers: { "Retry-After": String(retryAfter) } });
}

/**
 * A route's `headers` for pages whose action may throttle: Remix keeps only cookies from an
 * action's headers on a page rendered without JavaScript, so Retry-After is passed on here.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  const cacheControl = loaderHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};
