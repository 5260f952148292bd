/**
 * Two server processes at once, for real: child Node processes on the same SQLite file
 * start on the same millisecond and post questions or run the deadline sweep side by side.
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
/** Both children spin until this moment, so their transactions really interleave. */
const START_DELAY_MS = 1_500;

/** Runs `body` in a child process with the app's modules at hand; resolves with what it printed. */
function child(body: string, args: unknown): Promise<unknown> {
  const script = `
    const args = JSON.parse(process.argv[1]);
    const { createThread } = await import(${JSON.stringify(path.join(root, "app/threads/threads.server.ts"))});
    const { sweepAllDeadlines } = await import(${JSON.stringify(path.join(root, "app/mentoring/escalation.server.ts"))});
    while (Date.now() < args.startAt) {}
    ${body}
  `;
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, JSON.stringify(args)], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath() },
    });
    let out = "";
    let err = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    proc.on("exit", (code) => (code === 0 && !err.trim() ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}:\n${err}`))));
  });
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
  it("questions posted together never push a mentor past capacity", { timeout: 60_000 }, async () => {
    const network = makeNetwork();
    const [a, b] = [await mentorIn(network, { capacity: 3 }), await mentorIn(network, { capacity: 2 })];
    const askers = [await makeUser({ networkId: network.id }), await makeUser({ networkId: network.id })];
    const startAt = Date.now() + START_DELAY_MS;
    const post = `
      for (let i = 0; i < args.count; i++) {
        const r = createThread({ kind: "question", title: "Одновременный вопрос номер " + i, body: "Тело одновременного вопроса " + i + " от " + args.authorId,
          tags: ["физика"], networkId: args.networkId, authorId: args.authorId }, new Date(args.now));
        if (!r.ok) throw new Error(r.error);
      }
      console.log(JSON.stringify({ ok: true }));`;
    await Promise.all(
      askers.map((asker) => child(post, { startAt, count: 10, networkId: network.id, authorId: asker.id, now: at(0).getTime() }))
    );
    const load = Object.fromEntries(openLoad(network.id).map((l) => [String(l.mentorId), l.n]));
    expect(load).toEqual({ [a.id]: 3, [b.id]: 2, null: 15 });
  });

  it("two sweeps at once escalate every overdue question exactly once", { timeout: 60_000 }, async () => {
    const network = makeNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const asker = await makeUser({ networkId: network.id });
    for (let i = 0; i < 4; i += 1) await mentorIn(network, { capacity: 10 });
    const threads = Array.from({ length: 20 }, () => ask(network, asker, ["физика"], at(-30)));
    const startAt = Date.now() + START_DELAY_MS;
    const sweep = `console.log(JSON.stringify(sweepAllDeadlines(new Date(args.now))));`;
    const results = (await Promise.all([0, 1].map(() => child(sweep, { startAt, now: at(0).getTime() })))) as Array<{ escalated: number }>;
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
          .sort()
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
