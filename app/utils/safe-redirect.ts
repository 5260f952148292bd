/** Only same-site paths, so a crafted ?redirectTo cannot send a teacher elsewhere. */
const HERE = "http://kollegi.invalid";

/**
 * The path to go back to, or `fallback`. Parsed as a browser would parse it (tabs and newlines
 * dropped, backslashes read as slashes), so "/\t/evil.example" cannot become "//evil.example";
 * what comes back is percent-encoded ASCII, safe for a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  return url.pathname + url.search + url.hash;
}
