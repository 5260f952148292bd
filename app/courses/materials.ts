/**
 * A module's materials as the curator types them: one per line, a link with an optional title
 * before it ("Запись вебинара https://…"). Only http(s) links are taken: a javascript: or data:
 * address is refused on input and never rendered as a link.
 */
export type Material = { title: string; url: string };

const URL_AT_END = /(\S+)\s*$/;

function safeUrl(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The materials, and the number (1-based) of the first line that is not a title plus an http(s) link. */
export function parseMaterials(raw: string): { materials: Material[]; invalidLine: number | null } {
  const materials: Material[] = [];
  let invalidLine: number | null = null;
  raw.split("\n").forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "") return;
    const candidate = URL_AT_END.exec(trimmed)![1]!;
    const url = safeUrl(candidate);
    if (url === null) {
      invalidLine ??= index + 1;
      return;
    }
    const title = trimmed
      .slice(0, trimmed.length - candidate.length)
      .replace(/[\s:—–-]+$/u, "")
      .trim();
    materials.push({ title: title || url, url });
  });
  return { materials, invalidLine };
}
