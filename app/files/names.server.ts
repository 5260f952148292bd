/**
 * The Content-Disposition header a download is sent with; import it from names.ts. It lives in
 * a `.server` file because the content-disposition package needs Node's path and buffer, which
 * the browser bundle has not (a page importing displayName would otherwise fail to build).
 */
import contentDisposition from "content-disposition";
import { transliterate } from "transliteration";

/**
 * `attachment; filename="plan-uroka.docx"; filename*=UTF-8''%D0%BF%D0%BB%D0%B0%D0%BD...`:
 * every browser reads the UTF-8 name (RFC 6266 / 8187); the ASCII fallback, for the rare client
 * that does not, is the name transliterated (план → plan) rather than content-disposition's
 * default of question marks.
 */
export function contentDispositionHeader(name: string, disposition: "inline" | "attachment"): string {
  const fallback = transliterate(name).replace(/[^\x20-\x7E]/g, "_");
  return contentDisposition(name, { type: disposition, fallback });
}
