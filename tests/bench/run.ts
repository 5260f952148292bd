/**
 * `npm run bench`: build, generate (or reuse) a database at scale, start the
 * production server on it, put load on the rows in rows.ts, weigh a first
 * visit, price SQLite durability, and write it all to bench-results/.
 *
 *   npm run bench -- [--threads N] [--posts N] [--duration S] [--quick] [--no-build] [--fresh]
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { BENCH_PASSWORD, DEFAULTS, generate, type BenchThread, type GenerateResult } from "../../db/generate";
import { measureUploads, previewRows, threadWithTenPhotos, type UploadResult } from "./files";
import { measurePageWeight, type KindTotal, type PageWeight } from "./page-weight";
import { measureRelevance, type RelevanceResult } from "./relevance";
import { BENCH_ROWS, POSTER, SEARCH_ROWS, type BenchContext, type BenchRow } from "./rows";
import { measureLag, runReindex, type LagResult, type ReindexResult } from "./search";
import { startServer, type RunningServer } from "./server";
import { measureDurability } from "./sqlite-durability";
import type { SweepRow } from "./sweep";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const resultsDir = path.join(root, "bench-results");
const dbDir = path.join(resultsDir, "db");
const QUICK = { threads: 2_000, posts: 20_000, duration: 3 };
const NETWORK_SLUG = "bench-1";
const REQUEST_TIMEOUT_S = 10;
/** Lets the server settle (GC, sockets closing) so one row's tail does not land in the next. */
const PAUSE_BETWEEN_ROWS_MS = 1_000;

interface RowResult {
  name: string;
  path: string;
  method: string;
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  preflightStatus: number | null;
  peakRssKb?: number;
}

const USAGE = "Usage: npm run bench -- [--threads N] [--posts N] [--duration S] [--quick] [--no-build] [--fresh]";

function options() {
  const { values } = parseArgs({
    options: {
      threads: { type: "string" },
      posts: { type: "string" },
      duration: { type: "string" },
      quick: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
    },
  });
  const num = (name: string, v: string | undefined, fallback: number) => {
    const n = v === undefined ? fallback : Number(v.replace(/_/g, ""));
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1, not "${v}"`);
    return n;
  };
  const quick = values.quick ?? false;
  return {
    threads: num("threads", values.threads, quick ? QUICK.threads : DEFAULTS.threads),
    posts: num("posts", values.posts, quick ? QUICK.posts : DEFAULTS.posts),
    duration: num("duration", values.duration, quick ? QUICK.duration : 10),
    build: !values["no-build"],
    fresh: values.fresh ?? false,
    quick,
  };
}

const removeDb = (file: string) => {
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
};

/** A cached database is stale once the generator or the migrations change. */
function generatorFingerprint(): string {
  const digest = crypto.createHash("sha256");
  for (const file of ["db/generate.ts", "db/migrations/meta/_journal.json"]) digest.update(fs.readFileSync(path.join(root, file)));
  return digest.digest("hex").slice(0, 16);
}

type CachedGeneration = GenerateResult & { fingerprint?: string };

/** Databases are cached per scale: generating a million posts is the slowest step. */
async function ensureDatabase(
  threads: number,
  posts: number,
  fresh: boolean,
): Promise<{ file: string; generation: GenerateResult; cached: boolean }> {
  fs.mkdirSync(dbDir, { recursive: true });
  const file = path.join(dbDir, `bench-${threads}-${posts}.db`);
  const sidecar = file.replace(/\.db$/, ".json");
  const fingerprint = generatorFingerprint();
  if (!fresh && fs.existsSync(file) && fs.existsSync(sidecar)) {
    const generation = JSON.parse(fs.readFileSync(sidecar, "utf8")) as CachedGeneration;
    if (generation.fingerprint === fingerprint) return { file, generation, cached: true };
    console.log("The generator or the migrations changed since the cached database was made.");
  }
  console.log(`Generating ${threads} threads / ${posts} posts into ${path.relative(root, file)}`);
  // Generate beside the final name so an interrupted run never leaves a half database in the cache.
  const partial = `${file}.partial`;
  const generation = await generate({ out: partial, threads, posts });
  removeDb(file);
  fs.renameSync(partial, file);
  generation.file = file;
  fs.writeFileSync(sidecar, JSON.stringify({ ...generation, fingerprint }, null, 2));
  console.log(`  done in ${(generation.elapsedMs / 1000).toFixed(1)} s`);
  return { file, generation, cached: false };
}

function fiftyAnswerThreads(file: string): BenchThread[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT t.id, t.slug, n.slug AS networkSlug FROM threads t JOIN networks n ON n.id = t.network_id
         WHERE n.slug = ? AND t.answer_count = 50 AND t.deleted_at IS NULL ORDER BY t.id DESC LIMIT 5`,
      )
      .all(NETWORK_SLUG) as BenchThread[];
  } finally {
    sqlite.close();
  }
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD }),
  });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status >= 400 || cookies.length === 0) throw new Error(`Signing in as ${email} answered ${response.status}`);
  return cookies.join("; ");
}

async function runRow(row: BenchRow, ctx: BenchContext, duration: number): Promise<RowResult> {
  const target = await row.target(ctx);
  const method = target.method ?? "GET";
  let preflightStatus: number | null = null;
  try {
    // A row whose body is made per request (setupRequest) is checked with the first such body.
    const setup = target.requests?.[0]?.setupRequest;
    const first =
      typeof setup === "function" ? setup({ method, path: target.path, headers: target.headers, body: target.body }, {}) : undefined;
    const body = (first as { body?: unknown } | undefined)?.body ?? target.body;
    const response = await fetch(ctx.baseUrl + target.path, {
      method,
      redirect: "manual",
      headers: target.headers as Record<string, string> | undefined,
      body: body === undefined ? undefined : (body as string),
    });
    await response.arrayBuffer();
    preflightStatus = response.status;
  } catch {
    preflightStatus = null;
  }
  if (preflightStatus === null || !row.expect.includes(preflightStatus)) {
    console.warn(`  ! ${row.name}: a single request answered ${preflightStatus ?? "nothing"}, expected ${row.expect.join("/")}`);
  }
  const result = await autocannon({
    url: ctx.baseUrl + target.path,
    method,
    headers: target.headers,
    body: target.body,
    requests: target.requests,
    connections: row.connections,
    duration,
    timeout: REQUEST_TIMEOUT_S,
  });
  const statusCodes: Record<string, number> = {};
  let unexpected = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const count = stat.count ?? 0;
    statusCodes[code] = count;
    if (!row.expect.includes(Number(code))) unexpected += count;
  }
  return {
    name: row.name,
    path: target.path,
    method,
    connections: row.connections,
    durationS: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.mean,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    // autocannon's `errors` already includes its timeouts.
    errors: result.errors + unexpected,
    timeouts: result.timeouts,
    statusCodes,
    preflightStatus,
  };
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface RssReport {
  startKb: number | null;
  peakSampledKb: number;
  vmHwmKb: number | null;
}
const mb = (kib: number | null) => (kib === null ? "n/a" : `${(kib / 1024).toFixed(1)} MB`);

function printReport(rows: RowResult[], weights: PageWeight[], durability: ReturnType<typeof measureDurability>, rss: RssReport) {
  console.log("\nLoad (autocannon, loopback)");
  console.log(
    table(
      ["row", "conn", "req/s", "p50 ms", "p99 ms", "errors", "RSS MB", "statuses"],
      rows.map((r) => [
        r.name,
        r.connections,
        r.requestsPerSecond.toFixed(1),
        r.p50Ms.toFixed(1),
        r.p99Ms.toFixed(1),
        r.errors,
        r.peakRssKb ? (r.peakRssKb / 1024).toFixed(0) : "",
        Object.entries(r.statusCodes)
          .map(([code, n]) => `${code}×${n}`)
          .join(" "),
      ]),
    ),
  );
  for (const weight of weights) {
    console.log(`\nPage weight of a first visit to ${new URL(weight.url).pathname}`);
    const line = (name: string, t: KindTotal) => [name, t.requests, kb(t.rawBytes), kb(t.gzipBytes), kb(t.wireBytes)];
    console.log(
      table(
        ["kind", "requests", "raw", "gzip", "as served"],
        (["html", "css", "js", "other"] as const)
          .filter((k) => weight.byKind[k].requests > 0)
          .map((k) => line(k, weight.byKind[k]))
          .concat([line("total", weight.total)]),
      ),
    );
    const own = weight.assets.filter((a) => !a.servedGzip).length;
    if (own)
      console.log(
        `(${own} of ${weight.assets.length} responses came uncompressed; their gzip column is zlib level 6, or raw when smaller)`,
      );
  }
  console.log("\nSQLite single-row commits (WAL)");
  console.log(
    table(
      ["synchronous", "commits", "commits/s"],
      durability.map((d) => [d.synchronous, d.commits, d.commitsPerSecond.toFixed(0)]),
    ),
  );
  console.log(`\nServer RSS: ${mb(rss.startKb)} after start, peak sampled ${mb(rss.peakSampledKb)}, VmHWM ${mb(rss.vmHwmKb)}`);
}

/** In its own process: the domain code opens the one connection DATABASE_PATH names (tests/bench/sweep.ts). */
function measureSweepInChild(): SweepRow[] | null {
  const child = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/sweep.ts", "--json"], { cwd: root, encoding: "utf8" });
  if (child.status !== 0) {
    console.warn(`Deadline sweep measurement failed: ${child.stderr}`);
    return null;
  }
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as SweepRow[];
}

function printSweep(rows: SweepRow[] | null) {
  if (!rows) return;
  console.log("\nMentor deadline sweep, 10,000 open assignments (one sweep)");
  console.log(
    table(
      ["case", "ms", "escalated", "warned"],
      rows.map((r) => [r.case, r.ms.toFixed(1), r.escalated, r.warned]),
    ),
  );
}

/** The server's memory around the uploads: what it had, its peak, what it kept. */
const uploadRss = (u: UploadResult) =>
  `server RSS ${(u.startRssKb / 1024).toFixed(0)} MB before, peak ${(u.peakRssKb / 1024).toFixed(0)} MB, ${(u.endRssKb / 1024).toFixed(0)} MB after`;

async function main(): Promise<number> {
  let opts: ReturnType<typeof options>;
  try {
    opts = options();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/:/g, "-");
  fs.mkdirSync(resultsDir, { recursive: true });
  const loadAtStart = os.loadavg();
  // Two cores leave no headroom: a test run or a browser beside the bench skews every number.
  if (loadAtStart[0]! > 0.5 * os.cpus().length) {
    console.warn(`Note: load average is ${loadAtStart[0]!.toFixed(2)} on ${os.cpus().length} CPUs; numbers will be noisy.`);
  }

  if (opts.build) {
    console.log("Building (npx remix build)…");
    const build = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) {
      console.error("The build failed.");
      return 1;
    }
  }
  const { file, generation, cached } = await ensureDatabase(opts.threads, opts.posts, opts.fresh);
  // Rows that write (logins make sessions) must not leak into the next run: work on a copy.
  const working = path.join(dbDir, `work-${opts.threads}-${opts.posts}.db`);
  removeDb(working);
  fs.copyFileSync(file, working);

  let server: RunningServer | undefined;
  let stopping: Promise<number | null> | undefined;
  const stopServer = () => (stopping ??= server ? server.stop() : Promise.resolve(null));
  let interrupted = false;
  // `on`, not `once`: npm and tsx relay Ctrl-C a second time, which must not cut the clean-up short.
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.error("\nInterrupted: stopping the server.");
    void stopServer().finally(() => {
      removeDb(working);
      process.exit(130);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const logFile = path.join(resultsDir, `${stamp}.server.log`);
    try {
      server = await startServer({ cwd: root, databasePath: working, logFile });
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return 1;
    }
    console.log(`Server up at ${server.baseUrl} (pid ${server.pid}, log ${path.relative(root, logFile)})`);
    const baseUrl = server.baseUrl;
    const ctx: BenchContext = {
      baseUrl,
      origin: baseUrl,
      networkSlug: NETWORK_SLUG,
      databasePath: working,
      fiftyAnswerThreads: fiftyAnswerThreads(working),
      signIn: (email) => signIn(baseUrl, email),
    };

    const rows: RowResult[] = [];
    let serverDied: string | null = null;
    for (const row of BENCH_ROWS) {
      console.log(`Row: ${row.name} @ ${row.connections} connections, ${opts.duration} s`);
      server.takeWindowPeakKb();
      const result = await runRow(row, ctx, opts.duration);
      rows.push({ ...result, peakRssKb: server.takeWindowPeakKb() });
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ROWS_MS));
      const exit = server.exit();
      if (exit) {
        // Something else may have stopped it (a `pkill node` elsewhere on the machine): see the log.
        serverDied = `the server exited (code ${exit.code}, signal ${exit.signal}) during "${row.name}" @ ${row.connections}`;
        console.error(`  ! ${serverDied}; remaining rows skipped`);
        break;
      }
    }

    let reindexResult: ReindexResult | null = null;
    let lag: LagResult | null = null;
    if (!serverDied) {
      console.log("Search: full reindex of the bench database…");
      reindexResult = runReindex(root, working);
      console.log(
        "  ",
        "error" in reindexResult
          ? `failed: ${reindexResult.error}`
          : `${reindexResult.documents} threads in ${reindexResult.seconds.toFixed(1)} s (${reindexResult.perSecond.toFixed(0)}/s)`,
      );
      for (const row of SEARCH_ROWS) {
        console.log(`Row: ${row.name} @ ${row.connections} connections, ${opts.duration} s`);
        server.takeWindowPeakKb();
        rows.push({ ...(await runRow(row, ctx, opts.duration)), peakRssKb: server.takeWindowPeakKb() });
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ROWS_MS));
      }
      console.log("Search: post → findable lag…");
      lag = await measureLag({ baseUrl, cookie: await ctx.signIn(POSTER), networkSlug: NETWORK_SLUG, count: opts.quick ? 30 : 200 });
      console.log(
        `   p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms over ${lag.posts} posts (${lag.notFound} not found)${lag.stoppedEarly ? `; ${lag.stoppedEarly}` : ""}`,
      );
    }

    let files: UploadResult | null = null;
    let photoThread: string | null = null;
    if (!serverDied) {
      try {
        console.log("Files: ten 12 MP phone photos of about 3 MB uploaded one after another…");
        const { ids, ...uploads } = await measureUploads(ctx, server, 10);
        files = uploads;
        console.log(`   ${uploads.p50Ms} ms p50, ${uploads.maxMs} ms max to processed previews; ${uploadRss(uploads)}`);
        const made = await threadWithTenPhotos(ctx, ids);
        photoThread = made.threadPath;
        for (const row of previewRows(made.previewPath)) {
          console.log(`Row: ${row.name} @ ${row.connections} connections, ${opts.duration} s`);
          server.takeWindowPeakKb();
          rows.push({ ...(await runRow(row, ctx, opts.duration)), peakRssKb: server.takeWindowPeakKb() });
          await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ROWS_MS));
        }
      } catch (error) {
        console.warn(`Files failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    // A first visit to the network page, a 50-answer thread page and a thread with 10 photos, as a signed-out reader.
    const weights: PageWeight[] = [];
    const thread = ctx.fiftyAnswerThreads[0];
    for (const page of [
      `/n/${NETWORK_SLUG}`,
      ...(thread ? [`/t/${thread.id}-${thread.slug}`] : []),
      ...(photoThread ? [photoThread] : []),
    ]) {
      try {
        weights.push(await measurePageWeight(`${baseUrl}${page}`));
      } catch (error) {
        console.warn(`Page weight of ${page} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const rss: RssReport = { startKb: server.startRssKb, peakSampledKb: server.peakRssKb(), vmHwmKb: await stopServer() };
    const durability = measureDurability(path.join(resultsDir, "tmp"));
    const sweep = measureSweepInChild();
    console.log("Relevance on the real Q&A corpus…");
    const relevance: RelevanceResult | null = await measureRelevance().catch((error: unknown) => {
      console.warn(`Relevance failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });

    printReport(rows, weights, durability, rss);
    if (files) {
      console.log(
        `\nUploads: ${files.uploads} photos of ${(files.photoBytes / 2 ** 20).toFixed(1)} MB, ${files.p50Ms} ms p50 / ${files.maxMs} ms max until the previews exist, ${uploadRss(files)}`,
      );
    }
    printSweep(sweep);
    if (reindexResult && !("error" in reindexResult)) {
      console.log(
        `\nSearch reindex: ${reindexResult.documents} threads in ${reindexResult.seconds.toFixed(1)} s (${reindexResult.perSecond.toFixed(0)} documents/s)`,
      );
    }
    if (lag)
      console.log(
        `Post → findable lag: p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms over ${lag.posts} posts (${lag.notFound} not found)`,
      );
    if (relevance) {
      console.log(
        `Relevance, recall@5 on ${relevance.queries} inflected titles (matheducators): Kollegi analyzer ${(relevance.recallStemmed * 100).toFixed(1)}%, plain Meilisearch ${(relevance.recallPlain * 100).toFixed(1)}%`,
      );
    }
    const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" });
    const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" });
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: git.status === 0 ? git.stdout.trim() : null,
      uncommittedChanges: dirty.status === 0 ? dirty.stdout.trim().length > 0 : null,
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? null,
        memoryMb: Math.round(os.totalmem() / 2 ** 20),
      },
      scale: { threads: opts.threads, posts: opts.posts, durationS: opts.duration, quick: opts.quick },
      database: { file: path.relative(root, file), cached, bytes: fs.statSync(file).size, generation },
      loadAverageAtStart: loadAtStart,
      serverDied,
      rows,
      pageWeights: weights,
      sqlite: durability,
      mentorDeadlineSweep: sweep,
      serverRss: { ...rss, sampleEveryMs: 200 },
      search: { reindex: reindexResult, lag, relevance },
      files,
    };
    const out = path.join(resultsDir, `${stamp}.json`);
    fs.writeFileSync(out, JSON.stringify(report, null, 2));
    console.log(`\nWrote ${path.relative(root, out)}`);
    return serverDied ? 2 : 0;
  } finally {
    await stopServer();
    removeDb(working);
    fs.rmSync(`${working}.meili`, { recursive: true, force: true });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
