/**
 * The search part of `npm run bench`: a full reindex of the bench database into the
 * server's Meilisearch (time, documents/s), and the lag from posting a question to
 * finding it through the search page (p50/p99).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

export type ReindexResult = { documents: number; seconds: number; perSecond: number } | { error: string };
export type LagResult = { posts: number; p50Ms: number; p99Ms: number; maxMs: number; notFound: number; stoppedEarly?: string };

/** Runs `npm run reindex` against the running server's bundled Meilisearch (found through data/meili.url beside the DB). */
export function runReindex(root: string, databasePath: string): ReindexResult {
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "app/cli/reindex.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath, MEILI_URL: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - started) / 1000;
  const match = /Reindexed (\d+) threads/.exec(run.stdout);
  if (run.status !== 0 || !match) return { error: (run.stderr || run.stdout).slice(-500) };
  const documents = Number(match[1]);
  return { documents, seconds, perSecond: documents / seconds };
}

const LAG_POLL_MS = 25;
const LAG_GIVE_UP_MS = 10_000;
/** Three posts in a row never found means search is not keeping up at all: say so rather than wait 200 × 10 s. */
const LAG_GIVE_UP_AFTER_MISSES = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Posts `count` questions one after another and times each until /search finds it. */
export async function measureLag(options: { baseUrl: string; cookie: string; networkSlug: string; count: number }): Promise<LagResult> {
  const lags: number[] = [];
  let notFound = 0;
  let missesInARow = 0;
  let stoppedEarly: string | undefined;
  let attempted = 0;
  const rejected: Record<number, number> = {};
  for (let i = 0; i < options.count; i += 1) {
    if (missesInARow >= LAG_GIVE_UP_AFTER_MISSES) {
      const statuses = Object.entries(rejected)
        .map(([status, n]) => `${n}× ${status}`)
        .join(", ");
      stoppedEarly = `stopped after ${attempted} posts: ${missesInARow} in a row were ${statuses ? `refused (${statuses})` : "posted but"} not found within ${LAG_GIVE_UP_MS / 1000} s`;
      break;
    }
    attempted += 1;
    const token = `лагзамер${Date.now().toString(36)}x${i}`;
    const response = await fetch(`${options.baseUrl}/n/${options.networkSlug}/ask`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: options.baseUrl, Cookie: options.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        kind: "question",
        title: `Замер задержки поиска ${token}`,
        body: `Вопрос для замера задержки поиска, метка ${token}.`,
        tags: "замер",
        confirmed: "1",
        intent: "publish",
      }),
    });
    await response.arrayBuffer();
    const posted = performance.now();
    if (response.status !== 302) {
      notFound += 1;
      missesInARow += 1;
      rejected[response.status] = (rejected[response.status] ?? 0) + 1;
      continue;
    }
    let lag: number | null = null;
    while (performance.now() - posted < LAG_GIVE_UP_MS) {
      const html = await (await fetch(`${options.baseUrl}/search?q=${encodeURIComponent(token)}`)).text();
      // Highlighting wraps the matched parts in <mark>, splitting the token: compare the text.
      if (
        html
          .split('class="thread-row"')
          .slice(1)
          .some((row) => row.replace(/<[^>]+>/g, "").includes(token))
      ) {
        lag = performance.now() - posted;
        break;
      }
      await new Promise((r) => setTimeout(r, LAG_POLL_MS));
    }
    if (lag === null) {
      notFound += 1;
      missesInARow += 1;
    } else {
      lags.push(lag);
      missesInARow = 0;
    }
  }
  lags.sort((a, b) => a - b);
  return {
    posts: attempted,
    ...(stoppedEarly ? { stoppedEarly } : {}),
    p50Ms: Math.round(percentile(lags, 50)),
    p99Ms: Math.round(percentile(lags, 99)),
    maxMs: Math.round(lags[lags.length - 1] ?? 0),
    notFound,
  };
}
