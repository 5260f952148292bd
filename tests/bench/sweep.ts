/**
 * The mentor deadline sweep over 10,000 open assignments: how long one sweep takes when
 * nothing is due (every minute, nearly always), when 1% is due, when every deadline is two
 * hours away (10,000 warnings), and after a long outage (all due; one sweep stops after its
 * time budget and reports how many it escalated).
 *
 *   npx tsx tests/bench/sweep.ts [--json]
 *
 * Not an HTTP row: the sweep runs inside the server process, so it is timed as a call on a
 * database of its own (synchronous=FULL, WAL, like the server's). `npm run bench` runs this
 * in a child process, since the domain code opens the one connection named by DATABASE_PATH.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase } from "../../db/index";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OPEN = 10_000;
/** Spread like the bench database: 20 regional networks, 10 mentors each. */
const NETWORKS = 20;
const MENTORS_PER_NETWORK = 10;
const MENTORS = NETWORKS * MENTORS_PER_NETWORK;
const HOUR = 3_600_000;

export interface SweepRow {
  case: string;
  open: number;
  due: number;
  ms: number;
  escalated: number;
  warned: number;
  more: boolean;
}

const removeDb = (file: string) => {
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
};

/** 20 networks, 10 mentors each, 10,000 questions, each with an open assignment whose deadline is `deadline(i)`. */
function build(file: string, deadline: (i: number) => number) {
  removeDb(file);
  const { sqlite, db } = openDatabase(file);
  migrateDatabase(db);
  const now = Date.now();
  sqlite.exec("BEGIN");
  const network = sqlite.prepare("INSERT INTO networks (id, slug, name, region, time_zone) VALUES (?, ?, ?, 'Регион', 'Asia/Novosibirsk')");
  const user = sqlite.prepare("INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES (?, ?, ?, 'x', ?)");
  const member = sqlite.prepare("INSERT INTO memberships (user_id, network_id, is_mentor, is_moderator) VALUES (?, ?, ?, ?)");
  const profile = sqlite.prepare("INSERT INTO mentor_profiles (user_id, network_id, capacity) VALUES (?, ?, 100)");
  // Users 1..200 mentor one network each; the next 20 moderate one each; the last one asks everywhere.
  const asker = MENTORS + NETWORKS + 1;
  for (let n = 1; n <= NETWORKS; n++) network.run(n, `sweep-${n}`, `Сеть ${n}`);
  for (let id = 1; id <= asker; id++) user.run(id, `u${id}@bench.test`, `Участник ${id}`, now - 400 * 24 * HOUR);
  for (let id = 1; id <= MENTORS; id++) {
    const n = ((id - 1) % NETWORKS) + 1;
    member.run(id, n, 1, 0);
    profile.run(id, n);
  }
  for (let n = 1; n <= NETWORKS; n++) {
    member.run(MENTORS + n, n, 0, 1);
    member.run(asker, n, 0, 0);
  }
  const thread = sqlite.prepare(
    "INSERT INTO threads (id, network_id, author_id, kind, title, slug, last_activity_at, created_at) VALUES (?, ?, ?, 'question', ?, 'q', ?, ?)",
  );
  const assignment = sqlite.prepare(
    "INSERT INTO mentor_assignments (thread_id, network_id, mentor_id, status, explanation, assigned_at, deadline_at) VALUES (?, ?, ?, 'open', '{\"reason\":\"new\"}', ?, ?)",
  );
  for (let i = 1; i <= OPEN; i++) {
    const mentor = ((i - 1) % MENTORS) + 1;
    const n = ((mentor - 1) % NETWORKS) + 1;
    thread.run(i, n, asker, `Вопрос ${i}`, now, now);
    assignment.run(i, n, mentor, now, deadline(i));
  }
  sqlite.exec("COMMIT");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return now;
}

export async function measureSweep(dir: string): Promise<SweepRow[]> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "sweep.db");
  process.env.DATABASE_PATH = file;
  const { closeDatabase } = await import("../../db/index");
  const { sweepDeadlines } = await import("../../app/mentoring/escalation.server");
  const cases: Array<{ name: string; deadline: (i: number, now: number) => number; due: number; budget?: number }> = [
    { name: "nothing due (the usual minute)", deadline: (_i, now) => now + 20 * HOUR, due: 0 },
    // No time box here: the price of 100 escalations in one go.
    {
      name: "1% due (100 escalations)",
      deadline: (i, now) => (i % 100 === 0 ? now - 60_000 : now + 20 * HOUR),
      due: 100,
      budget: Infinity,
    },
    { name: "all within two hours (10,000 warnings)", deadline: (_i, now) => now + HOUR, due: 0 },
    { name: "all due after an outage (one sweep, time-boxed)", deadline: (_i, now) => now - HOUR, due: OPEN },
  ];
  const rows: SweepRow[] = [];
  for (const c of cases) {
    closeDatabase();
    const built = build(file, (i) => c.deadline(i, Date.now()));
    const started = performance.now();
    const result = sweepDeadlines(new Date(Math.max(built, Date.now())), c.budget);
    rows.push({ case: c.name, open: OPEN, due: c.due, ms: performance.now() - started, ...result });
  }
  closeDatabase();
  removeDb(file);
  return rows;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const rows = await measureSweep(path.join(root, "bench-results", "tmp"));
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(rows));
  } else {
    console.log("Mentor deadline sweep over 10,000 open assignments");
    for (const r of rows) {
      const each = r.escalated ? ` (${(r.ms / r.escalated).toFixed(1)} ms each)` : "";
      console.log(
        `  ${r.case.padEnd(48)} ${r.ms.toFixed(1).padStart(8)} ms  escalated ${r.escalated}${each}, warned ${r.warned}${
          r.more ? ", more left" : ""
        }`,
      );
    }
  }
}
