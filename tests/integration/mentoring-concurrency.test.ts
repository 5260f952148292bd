/**
 * Two server processes at once, for real: child Node processes on the same SQLite file
 * start together and post questions or run the deadline sweep side by side.
 * Capacity must hold and every escalation must happen exactly once.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databasePath, getDb, schema } from "../../db/index";
import { claimSlot } from "~/mentoring/assign.server";
import { makeNetwork, makeUser } from "./helpers";
import { ask, at, mentorIn, notificationsOf } from "./mentoring-fixtures";

const root = path.resolve(__dirname, "../..");
/** Two Node processes compile the app's modules with tsx before they start: slow on busy cores. */
const CHILDREN_TIMEOUT_MS = 180_000;

type Child = { ready: Promise<void>; go: () => void; result: Promise<unknown> };

/**
 * A child process with the app's modules loaded and the database open. It says "ready" and
 * waits; `go` starts its `body`, whose last line of output is its JSON result.
 */
function child(body: string, args: unknown): Child {
  const script = `
    const args = JSON.parse(process.argv[1]);
    const { getDb } = await import(${JSON.stringify(path.join(root, "db/index.ts"))});
    const { createThread } = await import(${JSON.stringify(path.join(root, "app/threads/threads.server.ts"))});
    const { sweepAllDeadlines } = await import(${JSON.stringify(path.join(root, "app/mentoring/escalation.server.ts"))});
    getDb();
    process.stdout.write("ready\\n");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    ${body}
  `;
  const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, JSON.stringify(args)], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath() },
  });
  let out = "";
  let err = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  proc.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith("ready\n")) markReady();
  });
  proc.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<unknown>((resolve, reject) => {
    proc.on("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && !err.trim()) resolve(JSON.parse(last));
      else reject(new Error(`child exited ${code}:\n${err}`));
    });
  });
  // A child that dies while loading never says ready: let its error surface instead of a wait.
  return { ready: Promise.race([ready, result.then(() => undefined)]), go: () => proc.stdin.end("go\n"), result };
}

/** Starts every child's body at the same moment, once all of them are loaded, and collects the results. */
async function together(children: Child[]): Promise<unknown[]> {
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
  return Promise.all(children.map((c) => c.result));
}

function openLoad(networkId: number) {
  return getDb()
    .select({ mentorId: schema.mentorAssignments.mentorId, n: sql<number>`count(*)` })
    .from(schema.mentorAssignments)
    .where(and(eq(schema.mentorAssignments.networkId, networkId), eq(schema.mentorAssignments.status, "open")))
    .groupBy(schema.mentorAssignments.mentorId)
    .all();
}

describe("two processes at once", () => {
  it("questions posted together never push a mentor past capacity", { timeout: CHILDREN_TIMEOUT_MS }, async () => {
    const network = makeNetwork();
    const [a, b] = [await mentorIn(network, { capacity: 3 }), await mentorIn(network, { capacity: 2 })];
    const askers = [await makeUser({ networkId: network.id }), await makeUser({ networkId: network.id })];
    const post = `
      for (let i = 0; i < args.count; i++) {
        const r = createThread({ kind: "question", title: "Одновременный вопрос номер " + i, body: "Тело одновременного вопроса " + i + " от " + args.authorId,
          tags: ["физика"], networkId: args.networkId, authorId: args.authorId }, new Date(args.now));
        if (!r.ok) throw new Error(r.error);
      }
      console.log(JSON.stringify({ ok: true }));`;
    await together(askers.map((asker) => child(post, { count: 10, networkId: network.id, authorId: asker.id, now: at(0).getTime() })));
    const load = Object.fromEntries(openLoad(network.id).map((l) => [String(l.mentorId), l.n]));
    expect(load).toEqual({ [a.id]: 3, [b.id]: 2, null: 15 });
  });

  it("two sweeps at once escalate every overdue question exactly once", { timeout: CHILDREN_TIMEOUT_MS }, async () => {
    const network = makeNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const asker = await makeUser({ networkId: network.id });
    for (let i = 0; i < 4; i += 1) await mentorIn(network, { capacity: 10 });
    const threads = Array.from({ length: 20 }, () => ask(network, asker, ["физика"], at(-30)));
    const sweep = `console.log(JSON.stringify(sweepAllDeadlines(new Date(args.now))));`;
    const results = (await together([0, 1].map(() => child(sweep, { now: at(0).getTime() })))) as Array<{ escalated: number }>;
    const mine = getDb()
      .select({ threadId: schema.mentorAssignments.threadId, status: schema.mentorAssignments.status })
      .from(schema.mentorAssignments)
      .where(eq(schema.mentorAssignments.networkId, network.id))
      .all();
    for (const threadId of threads) {
      expect(
        mine
          .filter((r) => r.threadId === threadId)
          .map((r) => r.status)
          .sort(),
      ).toEqual(["missed", "open"]);
    }
    expect(notificationsOf(moderator.id, "escalated")).toHaveLength(threads.length);
    // Other tests' overdue questions in this file may be swept too; ours were counted once in total.
    expect(results[0]!.escalated + results[1]!.escalated).toBeGreaterThanOrEqual(threads.length);
  });

  it("the claim is the last word: a slot read as free a moment ago is refused once it is taken", async () => {
    const network = makeNetwork();
    const mentor = await mentorIn(network, { capacity: 1 });
    const asker = await makeUser({ networkId: network.id });
    // What a process that read the mentor's load before another committed would attempt:
    ask(network, asker, ["физика"], at(0));
    expect(getDb().transaction((tx) => claimSlot(tx, mentor.id, network.id, at(1)))).toBe(false);
    expect(getDb().transaction((tx) => claimSlot(tx, mentor.id, network.id, at(1), true))).toBe(true);
  });

  it("one open assignment per thread is a rule of the database itself", async () => {
    const network = makeNetwork();
    await mentorIn(network);
    const asker = await makeUser({ networkId: network.id });
    const threadId = ask(network, asker, ["физика"], at(0));
    const again = () =>
      getDb()
        .insert(schema.mentorAssignments)
        .values({ threadId, networkId: network.id, mentorId: null, status: "open", assignedAt: at(1) })
        .run();
    expect(again).toThrow(/UNIQUE/);
  });
});
