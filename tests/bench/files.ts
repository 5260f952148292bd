/**
 * Files in `npm run bench` (issue 14): a teacher's 3 MB phone photo uploaded (time until its
 * previews exist, the server's memory meanwhile), a preview served (not a page-cache hit: every
 * request goes through the session, the permission check and a read from the store), and a
 * thread page with 10 photos as a first visit weighs it (the HTML, its assets and the previews
 * the <img> tags name).
 */
import sharp from "sharp";
import type { BenchContext, BenchRow } from "./rows";
import { POSTER } from "./rows";

/** A 12 MP JPEG of about 3 MB, like a phone's photo of a blackboard: smooth shapes with grain. */
export async function phonePhoto(seed: number): Promise<Buffer> {
  const width = 500;
  const height = 375;
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed * 2_654_435_761;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    pixels[i] = (Math.sin(i / 97 + seed) * 60 + 128 + ((state >>> 16) % 120) - 60) | 0;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .resize(4000, 3000, { kernel: "cubic" })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export type UploadResult = {
  uploads: number;
  photoBytes: number;
  p50Ms: number;
  maxMs: number;
  startRssKb: number;
  peakRssKb: number;
  endRssKb: number;
};

type Server = { takeWindowPeakKb: () => number; currentRssKb: () => number };

/** One signed-in teacher uploads different photos one after another through the JavaScript path. */
export async function measureUploads(ctx: BenchContext, server: Server, count: number): Promise<UploadResult & { ids: number[] }> {
  const cookie = await ctx.signIn(POSTER);
  const photos = await Promise.all(Array.from({ length: count }, (_, i) => phonePhoto(i + 1)));
  const times: number[] = [];
  const ids: number[] = [];
  server.takeWindowPeakKb();
  const startRssKb = server.currentRssKb();
  for (const [i, photo] of photos.entries()) {
    const body = new FormData();
    body.append("files", new File([new Uint8Array(photo)], `доска-${i + 1}.jpg`, { type: "image/jpeg" }));
    const started = performance.now();
    const response = await fetch(`${ctx.baseUrl}/files/upload`, { method: "POST", body, headers: { Cookie: cookie, Origin: ctx.origin } });
    const answer = (await response.json()) as { attachments: { id: number }[]; errors: string[] };
    times.push(performance.now() - started);
    if (!response.ok || answer.errors.length || !answer.attachments[0]) {
      throw new Error(`Upload ${i + 1} failed: ${response.status} ${JSON.stringify(answer)}`);
    }
    ids.push(answer.attachments[0].id);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    uploads: count,
    photoBytes: Math.round(photos.reduce((sum, p) => sum + p.length, 0) / count),
    p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    maxMs: Math.round(sorted.at(-1)!),
    startRssKb,
    peakRssKb: server.takeWindowPeakKb(),
    endRssKb: server.currentRssKb(),
    ids,
  };
}

/**
 * A public question with 5 photos and an answer with 5 more (the limit is 5 a post), published
 * through the ask and answer forms; returns the thread's path and one preview's path.
 */
export async function threadWithTenPhotos(ctx: BenchContext, ids: number[]): Promise<{ threadPath: string; previewPath: string }> {
  if (ids.length < 10) throw new Error("ten uploaded photos are needed");
  const cookie = await ctx.signIn(POSTER);
  const post = async (path: string, fields: Record<string, string>, attachments: number[]) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    for (const id of attachments) body.append("attachment", String(id));
    const response = await fetch(`${ctx.baseUrl}${path}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Cookie: cookie, Origin: ctx.origin },
    });
    const location = response.headers.get("location");
    if (response.status !== 302 || !location)
      throw new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return location;
  };
  const threadPath = await post(
    `/n/${ctx.networkSlug}/ask`,
    {
      intent: "publish",
      confirmed: "1",
      kind: "question",
      title: `Фото доски с урока: как улучшить оформление задач ${Date.now()}`,
      body: "Сфотографировала доску после урока. Что бы вы поменяли в оформлении?",
      tags: "оформление",
    },
    ids.slice(0, 5),
  );
  await post(threadPath.split("#")[0]!, { intent: "answer", body: "Вот как у меня: пять фото с моих уроков." }, ids.slice(5, 10));
  const html = await (await fetch(`${ctx.baseUrl}${threadPath.split("#")[0]}`)).text();
  const previewPath = /src="(\/files\/\d+\/preview\/\d+)"/.exec(html)?.[1];
  if (!previewPath) throw new Error("The thread page shows no preview");
  return { threadPath: threadPath.split("#")[0]!, previewPath };
}

/** Previews read as the page names them, signed out and signed in. */
export function previewRows(previewPath: string): BenchRow[] {
  return [
    {
      name: "image preview, signed out (through the permission check, not cached)",
      connections: 10,
      expect: [200],
      target: () => ({ path: previewPath }),
    },
    {
      name: "image preview, signed in (through the permission check, not cached)",
      connections: 10,
      expect: [200],
      target: async (ctx) => ({ path: previewPath, headers: { Cookie: await ctx.signIn(POSTER) } }),
    },
  ];
}
