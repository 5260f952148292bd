/** Responses every route gives the same way. */
import { json, type HeadersFunction } from "@remix-run/node";
import { getLocale } from "~/i18n/i18next.server";
import { message } from "~/utils/validation";

/**
 * A throttled form: 429 with Retry-After, and the form's reply saying in the reader's language
 * when to try again (the time is the server's clock, e.g. "after 14:05:30").
 */
export async function tooManyAttempts<Reply>(
  request: Request,
  retryAt: Date,
  reply: (formError: string) => Reply,
  now = new Date(),
) {
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
