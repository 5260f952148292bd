/** Only same-site paths, so a crafted ?redirectTo cannot send a teacher elsewhere. */
const HERE = "http://kollegi.invalid";

/**
 * The path to go back to, or `fallback`. Parsed as a browser would parse it (tabs and newlines
 * dropped, backslashes read as slashes, dot segments resolved), so neither "/\t/evil.example"
 * nor "/.//evil.example" can become "//evil.example"; what comes back is percent-encoded ASCII,
 * safe for a Location header, and what a browser reads from it is a path of this site.
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
  // A normalised path that starts with two slashes is, in a Location header, another host.
  if (url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
