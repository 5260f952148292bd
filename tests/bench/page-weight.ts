/**
 * What a teacher on a slow, metered link downloads on a first visit: the HTML
 * and every stylesheet, script, module preload and icon it names (and fonts or
 * images those stylesheets name), raw and gzipped.
 */
import http from "node:http";
import zlib from "node:zlib";

export type AssetKind = "html" | "css" | "js" | "other";

export interface Asset {
  url: string;
  kind: AssetKind;
  status: number;
  rawBytes: number;
  /** As sent when the server gzipped it; otherwise our own level-6 gzip, or raw when gzip would not shrink it. */
  gzipBytes: number;
  /** Body bytes actually on the wire, as the server chose to send them. */
  wireBytes: number;
  servedGzip: boolean;
}

export interface KindTotal {
  requests: number;
  rawBytes: number;
  gzipBytes: number;
  wireBytes: number;
}
export interface PageWeight {
  url: string;
  assets: Asset[];
  byKind: Record<AssetKind, KindTotal>;
  total: KindTotal;
}

function getRaw(url: string): Promise<{ status: number; encoding: string | undefined; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // node:http, not fetch: fetch would decompress and hide the bytes on the wire.
    const request = http.get(url, { headers: { "Accept-Encoding": "gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          encoding: response.headers["content-encoding"],
          type: response.headers["content-type"] ?? "",
          body: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`Timed out fetching ${url}`)));
    request.on("error", reject);
  });
}

async function fetchAsset(url: string, kind: AssetKind): Promise<{ asset: Asset; text: string }> {
  const { status, encoding, body } = await getRaw(url);
  const servedGzip = encoding === "gzip";
  const raw = servedGzip ? zlib.gunzipSync(body) : body;
  // Tiny files grow under gzip, which is why servers (compression's 1 KB threshold) leave them alone.
  const gzipBytes = servedGzip ? body.length : Math.min(raw.length, zlib.gzipSync(raw, { level: 6 }).length);
  return { asset: { url, kind, status, rawBytes: raw.length, gzipBytes, wireBytes: body.length, servedGzip }, text: raw.toString("utf8") };
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return out;
}

const kindOf = (href: string): AssetKind => {
  const pathname = href.split(/[?#]/)[0] ?? "";
  if (pathname.endsWith(".css")) return "css";
  if (/\.m?js$/.test(pathname)) return "js";
  return "other";
};

/** The sub-resources a browser would fetch for this HTML before the page is usable. */
export function pageResources(html: string): { href: string; kind: AssetKind }[] {
  const found: { href: string; kind: AssetKind }[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
    if (!attrs.href) continue;
    if (rel.includes("stylesheet")) found.push({ href: attrs.href, kind: "css" });
    else if (rel.includes("modulepreload")) found.push({ href: attrs.href, kind: "js" });
    else if (rel.includes("icon") || rel.includes("preload")) found.push({ href: attrs.href, kind: kindOf(attrs.href) });
  }
  // Images as the page names them (attachments' previews: the src, what a 1× screen loads; lazy ones counted too).
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = attributes(tag).src;
    if (src && !src.startsWith("data:")) found.push({ href: src, kind: "other" });
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attributes(tag).src;
    if (src) found.push({ href: src, kind: "js" });
  }
  // Remix starts hydration with an inline module that imports the entry and route chunks.
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const m of (body ?? "").matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["']([^"']+)["']/g)) {
      found.push({ href: m[1]!, kind: "js" });
    }
  }
  return found;
}

export async function measurePageWeight(url: string): Promise<PageWeight> {
  const page = await fetchAsset(url, "html");
  if (page.asset.status !== 200) throw new Error(`Page weight: ${url} answered ${page.asset.status}`);
  const origin = new URL(url).origin;
  const seen = new Set<string>([url]);
  const assets: Asset[] = [page.asset];
  const queue = pageResources(page.text);
  while (queue.length) {
    const { href, kind } = queue.shift()!;
    const absolute = new URL(href, url);
    if (absolute.origin !== origin || seen.has(absolute.href)) continue;
    seen.add(absolute.href);
    const { asset, text } = await fetchAsset(absolute.href, kind);
    assets.push(asset);
    if (kind === "css") {
      for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        if (!m[1]!.startsWith("data:")) queue.push({ href: new URL(m[1]!, absolute).href, kind: "other" });
      }
    }
  }
  const empty = (): KindTotal => ({ requests: 0, rawBytes: 0, gzipBytes: 0, wireBytes: 0 });
  const byKind: Record<AssetKind, KindTotal> = { html: empty(), css: empty(), js: empty(), other: empty() };
  const total = empty();
  for (const asset of assets) {
    for (const bucket of [byKind[asset.kind], total]) {
      bucket.requests++;
      bucket.rawBytes += asset.rawBytes;
      bucket.gzipBytes += asset.gzipBytes;
      bucket.wireBytes += asset.wireBytes;
    }
  }
  return { url, assets, byKind, total };
}
