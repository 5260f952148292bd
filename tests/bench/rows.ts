/**
 * The load rows of `npm run bench`. A new row (thread page, posting an answer,
 * search…) is one more entry in BENCH_ROWS; the runner needs no change.
 */
import type autocannon from "autocannon";
import { BENCH_PASSWORD, type BenchThread } from "../../db/generate";

export interface BenchContext {
  baseUrl: string;
  /** What a browser on this site sends as Origin; the server refuses other non-GET requests. */
  origin: string;
  networkSlug: string;
  /** Threads with exactly 50 answers, found in the database under test. */
  fiftyAnswerThreads: BenchThread[];
  /** A signed-in Cookie header for the given bench account, for rows that act as a teacher. */
  signIn: (email: string) => Promise<string>;
}

export type RowTarget = Pick<autocannon.Options, "method" | "headers" | "body" | "requests"> & { path: string };

export interface BenchRow {
  name: string;
  connections: number;
  /** Statuses that mean success; every other status counts as an error. */
  expect: number[];
  target: (ctx: BenchContext) => RowTarget | Promise<RowTarget>;
}

export const BENCH_EMAIL = (n: number) => `user${n}@bench.kollegi.test`;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export const BENCH_ROWS: BenchRow[] = [
  {
    name: "home page, signed out",
    connections: 10,
    expect: [200],
    target: () => ({ path: "/" }),
  },
  {
    name: "network page, signed out",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: `/n/${ctx.networkSlug}` }),
  },
  {
    // The target for this one: p99 ≤ 50 ms.
    name: "network page, signed out",
    connections: 50,
    expect: [200],
    target: (ctx) => ({ path: `/n/${ctx.networkSlug}` }),
  },
  {
    // Dominated by argon2id on purpose: it shows how many sign-ins per second two cores absorb.
    name: "login POST",
    connections: 10,
    expect: [302, 303],
    target: (ctx) => ({
      path: "/login",
      method: "POST",
      headers: { Origin: ctx.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: BENCH_EMAIL(2), password: BENCH_PASSWORD }),
    }),
  },
  {
    name: "thread page (50 answers), signed out",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: threadPath(ctx) }),
  },
  {
    name: "thread page (50 answers), signed out",
    connections: 50,
    expect: [200],
    target: (ctx) => ({ path: threadPath(ctx) }),
  },
  {
    // Signed in, nothing is cached: every request renders.
    name: "thread page (50 answers), signed in",
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: threadPath(ctx), headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    name: "thread page (50 answers), signed in",
    connections: 50,
    expect: [200],
    target: async (ctx) => ({ path: threadPath(ctx), headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    name: "network page, signed in",
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: `/n/${ctx.networkSlug}`, headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    // 10 concurrent posters, synchronous=FULL; each body differs (the same body twice in 5 minutes is refused).
    name: "posting an answer",
    connections: 10,
    expect: [302, 303],
    target: async (ctx) => {
      const cookie = await ctx.signIn(POSTER);
      const thread = ctx.fiftyAnswerThreads[1] ?? ctx.fiftyAnswerThreads[0]!;
      let n = 0;
      return {
        path: `/t/${thread.id}-${thread.slug}`,
        method: "POST",
        headers: { Origin: ctx.origin, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        requests: [
          {
            setupRequest: (request) => {
              n += 1;
              return {
                ...request,
                body: form({
                  intent: "answer",
                  body: `Ответ для замера номер ${n} (${process.pid}): попробуйте объяснить через опыт с $I = U/R$.`,
                }),
              };
            },
          },
        ],
      };
    },
  },
];

/** Run after the full reindex, through the forum's search page (signed out, so public networks). */
export const SEARCH_ROWS: BenchRow[] = [
  { name: "search, one word", connections: 10, expect: [200], target: () => ({ path: `/search?q=${encodeURIComponent("урокам")}` }) },
  {
    name: "search, three words",
    connections: 10,
    expect: [200],
    target: () => ({ path: `/search?q=${encodeURIComponent("проверка тетрадей физика")}` }),
  },
  {
    name: "search, filtered",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: `/search?q=${encodeURIComponent("урок")}&network=${ctx.networkSlug}&status=solved&sort=newest` }),
  },
];

export { POSTER };

/** User 3 moderates bench-1 (see db/generate.ts), so may read, answer and vote there. */
const POSTER = BENCH_EMAIL(3);

function threadPath(ctx: BenchContext): string {
  const thread = ctx.fiftyAnswerThreads[0]!;
  return `/t/${thread.id}-${thread.slug}`;
}
