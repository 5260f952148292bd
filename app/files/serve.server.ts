/**
 * A file's answer: only through the permission of what it is attached to (a file of a
 * members-only network or of a pending form is a 404 to anyone else, also by a guessed id),
 * with headers that keep a stored file from acting as a page of this site: a download for
 * everything but images, nosniff, and a sandboxing CSP. A file anyone may read is cached a day
 * and revalidated by its ETag (the content hash) after; the rest is `private`.
 */
import { getAuth } from "~/auth/auth.server";
import { notFound } from "~/http/responses.server";
import { can } from "~/permissions/permissions";
import { attachmentAccess, readableByAnyone } from "./access.server";
import { FORMATS, isFormatKey } from "./formats";
import { contentDispositionHeader } from "./names";
import { blobKey, fileStore, previewKey } from "./storage.server";

/** What may run inside a served file if a browser renders it anyway: nothing. */
const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
/**
 * A reader's browser keeps a public file a day (a slow link fetches it once); a shared cache
 * (a school's proxy) ten minutes, so a photo a moderator removes is gone from it soon after.
 */
const PUBLIC_CACHE = "public, max-age=86400, s-maxage=600";
const PRIVATE_CACHE = "private, max-age=3600";

/** One address per file: the id (and a preview's width) as plain digits, never `1e3`, `0x10` or `320.0`. */
const DIGITS = /^[1-9]\d{0,15}$/;

export async function fileResponse(request: Request, idParam: string | undefined, widthParam: string | null): Promise<Response> {
  if (!DIGITS.test(idParam ?? "") || (widthParam !== null && !DIGITS.test(widthParam))) throw notFound();
  const width = widthParam === null ? null : Number(widthParam);
  const auth = await getAuth(request);
  const access = attachmentAccess(Number(idParam), auth.user);
  if (!access || !can("readAttachment", access.context)) throw notFound();
  const { file } = access;
  if (width !== null && !file.previewWidths.split(",").map(Number).includes(width)) throw notFound();
  const etag = `"${file.hash.slice(0, 32)}${width === null ? "" : `.w${width}`}"`;
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": readableByAnyone(access) ? PUBLIC_CACHE : PRIVATE_CACHE,
    "Content-Security-Policy": FILE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
  for (const cookie of auth.headers.getSetCookie?.() ?? []) headers.append("Set-Cookie", cookie);
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const bytes = await fileStore().read(width === null ? blobKey(file.storageKey) : previewKey(file.storageKey, width));
  if (!bytes) throw notFound();
  const format = isFormatKey(file.format) ? FORMATS[file.format] : null;
  const image = format?.kind === "image";
  headers.set("Content-Type", width !== null ? "image/webp" : file.mime === "text/plain" ? "text/plain; charset=utf-8" : file.mime);
  headers.set("Content-Length", String(bytes.length));
  headers.set("Content-Disposition", contentDispositionHeader(file.name, image ? "inline" : "attachment"));
  return new Response(new Uint8Array(bytes), { status: 200, headers });
}
