/**
 * The price of `synchronous = FULL` (db/index.ts: a committed post survives a
 * power cut): single-row write transactions per second, FULL against NORMAL,
 * both in WAL mode, on a copy of a small migrated database.
 */
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase, openSqlite } from "../../db/index";

export interface DurabilityRow {
  synchronous: "FULL" | "NORMAL";
  commits: number;
  seconds: number;
  commitsPerSecond: number;
}

const removeDb = (file: string) => {
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
};

export function measureDurability(dir: string, commits = 2000): DurabilityRow[] {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, "durability-base.db");
  removeDb(base);
  const { sqlite, db } = openDatabase(base);
  migrateDatabase(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();

  const rows: DurabilityRow[] = [];
  for (const synchronous of ["FULL", "NORMAL"] as const) {
    const file = path.join(dir, `durability-${synchronous.toLowerCase()}.db`);
    removeDb(file);
    fs.copyFileSync(base, file);
    const conn = openSqlite(file);
    conn.pragma(`synchronous = ${synchronous}`);
    conn.exec("CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)");
    const insert = conn.prepare("INSERT INTO bench_scratch (body, created_at) VALUES (?, ?)");
    const body = "Коллеги, подскажите, пожалуйста, как организовать групповую работу на уроках физики?";
    const started = performance.now();
    // Autocommit: each insert is its own transaction, like one posted answer.
    for (let i = 0; i < commits; i++) insert.run(body, Date.now());
    const seconds = (performance.now() - started) / 1000;
    conn.close();
    removeDb(file);
    rows.push({ synchronous, commits, seconds, commitsPerSecond: commits / seconds });
  }
  removeDb(base);
  return rows;
}
