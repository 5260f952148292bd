/**
 * The one SQLite connection of a process. Plain TypeScript: nothing here
 * knows about Remix, so the CLI commands, the tests and the server share it.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { prepareDatabaseFile } from "./files";
import * as schema from "./schema";

export { schema };
export type DB = BetterSQLite3Database<typeof schema>;

export const DEFAULT_DATABASE_PATH = "data/kollegi.db";
/** Writers wait this long for the lock instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

export function migrationsFolder(): string {
  // The server bundle lives in build/, the sources in db/: find the folder from the project root.
  const candidates = [
    path.resolve(process.cwd(), "db/migrations"),
    path.resolve(path.dirname(new URL(import.meta.url).pathname), "migrations"),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta/_journal.json")));
  if (!found) throw new Error(`Migrations folder not found (looked in ${candidates.join(", ")})`);
  return found;
}

export function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") prepareDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a committed post must survive a power cut, not only a crash (the bench measures the cost).
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("cache_size = -32000");
  sqlite.pragma("temp_store = MEMORY");
  cacheStatements(sqlite);
  return sqlite;
}

/** Enough for every query shape the app builds; odd shapes (long IN lists) fall out first. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * drizzle prepares its SQL afresh on every call; on a page of twenty queries that
 * was a tenth of the render. The same SQL text gets the same compiled statement
 * back (SQLite re-prepares it by itself after a schema change). drizzle switches
 * a statement to raw (array) rows when it wants them, so a statement handed out
 * again is switched back to objects first.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      // Least recently used goes first: re-insert at the end.
      cache.delete(source);
      if (statement.reader) statement.raw(false).pluck(false);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

export function openDatabase(file: string): { sqlite: Database.Database; db: DB } {
  const sqlite = openSqlite(file);
  const db = drizzle(sqlite, { schema });
  writeTransactionsImmediate(db);
  return { sqlite, db };
}

/**
 * Every transaction starts with BEGIN IMMEDIATE: it takes the write lock before its first read,
 * so the checks it makes (is this a duplicate? is the slot still free?) still hold when it writes,
 * also against another process on the same file. A deferred transaction that read first and then
 * wrote after another process's commit failed with SQLITE_BUSY_SNAPSHOT, which no busy timeout
 * can wait out (docs/decisions/014-immediate-transactions.md). Read-only work runs outside
 * transactions, in WAL mode it never waits for a writer.
 */
function writeTransactionsImmediate(db: DB): void {
  const transaction = db.transaction.bind(db);
  db.transaction = (fn, config) => transaction(fn, { behavior: "immediate", ...config });
}

export function migrateDatabase(db: DB): void {
  migrate(db, { migrationsFolder: migrationsFolder() });
}

let current: { sqlite: Database.Database; db: DB } | undefined;

/** The process-wide connection, opened (and migrated) on first use. */
export function connection(): { sqlite: Database.Database; db: DB } {
  if (!current) {
    current = openDatabase(databasePath());
    migrateDatabase(current.db);
  }
  return current;
}

export function getDb(): DB {
  return connection().db;
}

export function closeDatabase(): void {
  current?.sqlite.close();
  current = undefined;
}

/** A drizzle transaction; domain functions that take part in a caller's transaction accept one. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
