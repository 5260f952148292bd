/**
 * What server.mjs decides about a raw HTTP request before Remix sees it: which proxies to
 * trust, whether a POST came from this site, whether a path and a body can be read at all.
 * Pure functions, so that a unit test pins each rule; server.mjs gets them through the
 * server build's entry module.
 */

import busboy from "busboy";
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { MAX_FILE_BYTES, MAX_FILES_PER_ITEM, MIB } from "~/files/formats";

/** A megabyte of text is far past any post; bigger bodies are refused while they stream in. */
export const MAX_BODY_BYTES = 2 * MIB;

/**
 * A form with files: each file is cut off at MAX_FILE_BYTES while it streams (and named in
 * REFUSED_FILE_FIELD for the action to explain), so what is held is bounded by the file
 * limits; this bounds only a body that goes on and on.
 */
export const MAX_MULTIPART_BYTES = 200 * MIB;

/**
 * Files the edge did not keep, one entry each, as JSON `{ name, reason }` ("tooLarge", "tooMany"):
 * the form's action tells the teacher next to the file field, and what they typed comes back.
 */
export const REFUSED_FILE_FIELD = "_refusedFile";

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
export function formBodyProblem(contentType: string | undefined, body: Uint8Array): BodyProblem | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  // An empty body is an empty form, whatever form type it names (server.mjs passes it on as one).
  if (body.length === 0 && (type === "" || FORM_TYPES.includes(type))) return null;
  if (!FORM_TYPES.includes(type)) {
    return problem(415, "Сервер принимает только отправку форм.", "Only form submissions are accepted.");
  }
  // Multipart forms are read as they stream, by readMultipart.
  if (type !== "application/x-www-form-urlencoded") return damaged;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    for (const part of text.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, " "));
    return null;
  } catch {
    return damaged;
  }
}

export type RefusedFile = { name: string; reason: "tooLarge" | "tooMany" };

export type MultipartResult = { ok: true; form: FormData } | { ok: false; problem: BodyProblem } | { ok: false; tooLarge: true };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a multipart form as it streams in (busboy), for server.mjs: text fields must be UTF-8
 * (read as bytes and decoded strictly; a silent U+FFFD would change what the teacher wrote),
 * files are kept whole up to MAX_FILE_BYTES, and a longer file is cut off, discarded and named
 * in REFUSED_FILE_FIELD, so that the page answers "this file is over 10 MB" beside the field and
 * keeps the text, where a 413 would lose it. Files past MAX_FILES_PER_ITEM (+1 for the form's
 * empty file input) are dropped the same way. Text past MAX_BODY_BYTES, or a body past
 * MAX_MULTIPART_BYTES, is too large.
 */
export function readMultipart(stream: Readable, headers: IncomingHttpHeaders): Promise<MultipartResult> {
  // An empty body is an empty form, as for URL-encoded ones.
  if (headers["content-length"] === "0") return Promise.resolve({ ok: true, form: new FormData() });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: MultipartResult) => {
      if (settled) return;
      settled = true;
      stream.unpipe();
      resolve(result);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        defCharset: "latin1",
        defParamCharset: "utf8",
        // busboy calls a file cut when it reaches fileSize: one byte past the limit is over it.
        limits: { fileSize: MAX_FILE_BYTES + 1, files: MAX_FILES_PER_ITEM + 1, fieldSize: MAX_BODY_BYTES, fields: 2_000, parts: 2_100 },
      });
    } catch {
      return resolve({ ok: false, problem: damaged });
    }
    const form = new FormData();
    const pending: Promise<void>[] = [];
    let received = 0;
    let textBytes = 0;
    stream.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_MULTIPART_BYTES) settle({ ok: false, tooLarge: true });
    });
    parser.on("field", (name, value, info) => {
      textBytes += value.length;
      if (info.valueTruncated || textBytes > MAX_BODY_BYTES) return settle({ ok: false, tooLarge: true });
      try {
        form.append(name, utf8.decode(Buffer.from(value, "latin1")));
      } catch {
        settle({ ok: false, problem: damaged });
      }
    });
    parser.on("file", (name, file, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let cut = false;
      file.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (!cut) chunks.push(chunk);
      });
      file.on("limit", () => {
        cut = true;
        chunks.length = 0;
      });
      pending.push(
        new Promise((done) =>
          file.on("close", () => {
            // An empty file input: the browser sends a part with no name and no bytes.
            if (!info.filename && size === 0) return done();
            if (cut)
              form.append(REFUSED_FILE_FIELD, JSON.stringify({ name: info.filename ?? "", reason: "tooLarge" } satisfies RefusedFile));
            else form.append(name, new File([Buffer.concat(chunks)], info.filename ?? "", { type: info.mimeType }));
            done();
          }),
        ),
      );
    });
    parser.on("filesLimit", () => form.append(REFUSED_FILE_FIELD, JSON.stringify({ name: "", reason: "tooMany" } satisfies RefusedFile)));
    parser.on("fieldsLimit", () => settle({ ok: false, tooLarge: true }));
    parser.on("partsLimit", () => settle({ ok: false, tooLarge: true }));
    parser.on("error", () => settle({ ok: false, problem: damaged }));
    parser.on("close", () => void Promise.all(pending).then(() => settle({ ok: true, form })));
    stream.on("error", () => settle({ ok: false, problem: damaged }));
    stream.pipe(parser);
  });
}

/** The files the edge cut off or dropped, as it named them in REFUSED_FILE_FIELD (a forged entry only shows a message). */
export function refusedFiles(formData: FormData): RefusedFile[] {
  return formData.getAll(REFUSED_FILE_FIELD).flatMap((entry) => {
    if (typeof entry !== "string") return [];
    try {
      const parsed = JSON.parse(entry) as Partial<RefusedFile>;
      if (typeof parsed.name !== "string" || (parsed.reason !== "tooLarge" && parsed.reason !== "tooMany")) return [];
      return [{ name: parsed.name, reason: parsed.reason }];
    } catch {
      return [];
    }
  });
}
