/**
 * What server.mjs decides about a raw HTTP request before Remix sees it: which proxies to
 * trust, whether a POST came from this site, whether a path and a body can be read at all.
 * Pure functions, so that a unit test pins each rule; server.mjs gets them through the
 * server build's entry module.
 */

/** A megabyte of text is far past any post; bigger bodies are refused while they stream in. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * `TRUST_PROXY` as Express's "trust proxy" setting wants it. Express reads a string as a list of
 * addresses, so "1" (the number of proxies, as the README says) meant the address 0.0.0.1 and
 * nothing was trusted. A whole number is a hop count; true/false as such; anything else a
 * comma-separated list of addresses, subnets or Express's names (loopback, linklocal, uniquelocal).
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * CSRF: a state-changing request must come from a page of this very site: same scheme,
 * host and port. Browsers send Origin on every POST; a missing or foreign one is refused
 * (the Copenhagen Book). "null" (sandboxed frames, some redirects) is foreign.
 */
export function isSameOrigin(origin: string | undefined, expected: string): boolean {
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === new URL(expected).origin;
  } catch {
    return false;
  }
}

/** The type an accepted body is handed to Remix with: an empty body is an empty URL-encoded form. */
export function formContentType(contentType: string | undefined, body: Uint8Array): string {
  return body.length === 0 ? "application/x-www-form-urlencoded" : contentType!;
}

/** A Host header as a URL can carry it (name or address, optional port); anything else is a bad request. */
export function isValidHost(host: string | undefined): host is string {
  return typeof host === "string" && /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host);
}

/** `/t/%FF` cannot be decoded: a 400, not a stack trace from the router. */
export function isDecodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export type BodyProblem = { status: 400 | 415; message: string };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

const problem = (status: 400 | 415, ru: string, en: string): BodyProblem => ({ status, message: `${ru}\n${en}` });
const damaged = problem(400, "Форма пришла повреждённой. Отправьте её ещё раз.", "The form arrived damaged. Please send it again.");

/**
 * Every page of Kollegi posts HTML forms. A body of any other type, or one that does not parse
 * as the form it claims to be, is refused before any action runs (an action that wrote first
 * and read the form second answered 500 after the write). URL-encoded text must be UTF-8:
 * browsers always send it so, and a silent U+FFFD would change what the teacher wrote.
 */
export async function formBodyProblem(contentType: string | undefined, body: Uint8Array): Promise<BodyProblem | null> {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  // An empty body is an empty form, whatever form type it names (server.mjs passes it on as one).
  if (body.length === 0 && (type === "" || FORM_TYPES.includes(type))) return null;
  if (!FORM_TYPES.includes(type)) {
    return problem(415, "Сервер принимает только отправку форм.", "Only form submissions are accepted.");
  }
  if (type === "application/x-www-form-urlencoded") {
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
      for (const part of text.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, " "));
      return null;
    } catch {
      return damaged;
    }
  }
  try {
    await new Response(new Blob([Buffer.from(body)]), { headers: { "Content-Type": contentType! } }).formData();
    return null;
  } catch {
    return damaged;
  }
}
