/** Builds one migrated SQLite file; each test worker copies it (tests/setup/database.ts). */
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../../db/index";

export const TMP_DIR = path.resolve(__dirname, "../.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(BASE_DB + suffix, { force: true });
  const { sqlite, db } = openDatabase(BASE_DB);
  migrateDatabase(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
}
