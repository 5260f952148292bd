/**
 * Each worker gets its own real SQLite file, copied from the migrated base,
 * before any module opens the connection.
 */
import fs from "node:fs";
import path from "node:path";

const tmp = path.resolve(__dirname, "../.tmp");
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const file = path.join(tmp, `worker-${worker}-${process.pid}.db`);

if (process.env.DATABASE_PATH !== file) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(path.join(tmp, "base.db"), file);
  process.env.DATABASE_PATH = file;
}
