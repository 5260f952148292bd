/**
 * Builds one migrated SQLite file; each test worker copies it (tests/setup/database.ts) and
 * the copies are removed when the run ends.
 */
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../../db/index";

export const TMP_DIR = path.resolve(__dirname, "../.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The copies (worker-<pool id>-<pid>.db, -wal, -shm) of worker processes that have exited. */
function removeWorkerCopies() {
  if (!fs.existsSync(TMP_DIR)) return;
  for (const name of fs.readdirSync(TMP_DIR)) {
    const pid = /^worker-\d+-(\d+)\.db(?:-wal|-shm)?$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(TMP_DIR, name), { force: true });
  }
}

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(BASE_DB + suffix, { force: true });
  const { sqlite, db } = openDatabase(BASE_DB);
  migrateDatabase(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  return removeWorkerCopies;
}
