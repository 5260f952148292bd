/**
 * Backups that restore (docs/decisions/017). A backup is a folder data/backups/<time>/ with
 * a consistent copy of the database, taken by SQLite's online backup while the server
 * writes, checked with `PRAGMA integrity_check` before it counts; the uploaded files when
 * there are any; and manifest.json. A restore checks the copy again, refuses while any
 * process has the database open, and keeps what it replaces in data/backups/<time>-before-restore/.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PRIVATE_DIR, PRIVATE_FILE, privateDir, tightenFile, writePrivateFile } from "./files";

const MANIFEST = "manifest.json";
const UPLOADS = "uploads";
/** Copy every page in one step, under one read transaction: in steps, each write by the server would restart the copy. */
const ALL_PAGES = 0x7fffffff;
const BUSY_TIMEOUT_MS = 5000;

export type Manifest = {
  format: 1;
  createdAt: string;
  /** The database file's name inside the backup folder. */
  database: string;
  uploads: boolean;
  counts: { users: number; threads: number; posts: number };
};

export class DatabaseInUseError extends Error {}

export function backupsDir(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "backups");
}

/** Where uploaded files live: UPLOADS_DIR, or data/uploads beside the database. */
export function uploadsDir(databasePath: string): string {
  return path.resolve(process.env.UPLOADS_DIR || path.join(path.dirname(path.resolve(databasePath)), UPLOADS));
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, "-");

/** Opens a copy, checks it and reads its counts; throws unless SQLite finds it whole and it is Kollegi's. */
function verify(file: string): Manifest["counts"] {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    // A backup is one self-contained file, without a -wal beside it.
    sqlite.pragma("journal_mode = DELETE");
    const problems = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.join() !== "ok") throw new Error(`${file} is damaged: ${problems.slice(0, 5).join("; ")}`);
    const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { users: count("users"), threads: count("threads"), posts: count("posts") };
  } catch (error) {
    if (error instanceof Database.SqliteError && /no such table/.test(error.message))
      throw new Error(`${file} is not a Kollegi database (${error.message})`);
    throw error;
  } finally {
    sqlite.close();
  }
}

/** Copies a folder with owner-only modes. */
function copyPrivate(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
  const walk = (dir: string) => {
    fs.chmodSync(dir, PRIVATE_DIR);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else fs.chmodSync(file, PRIVATE_FILE);
    }
  };
  walk(to);
}

export async function createBackup(
  databasePath: string,
  options: { into?: string; now?: Date } = {},
): Promise<{ dir: string; manifest: Manifest }> {
  if (!fs.existsSync(databasePath)) throw new Error(`No database at ${databasePath}`);
  const parent = path.resolve(options.into ?? backupsDir(databasePath));
  privateDir(parent);
  const now = options.now ?? new Date();
  const dir = path.join(parent, stamp(now));
  fs.mkdirSync(dir, { mode: PRIVATE_DIR });
  try {
    const name = path.basename(databasePath);
    const target = path.join(dir, name);
    const source = new Database(databasePath, { fileMustExist: true });
    try {
      source.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      await source.backup(target, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    tightenFile(target);
    const counts = verify(target);
    // After the database, so every file it names is there (uploads are only ever added).
    const uploads = fs.existsSync(uploadsDir(databasePath));
    if (uploads) copyPrivate(uploadsDir(databasePath), path.join(dir, UPLOADS));
    const manifest: Manifest = { format: 1, createdAt: now.toISOString(), database: name, uploads, counts };
    writePrivateFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return { dir, manifest };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Backups beside the database, newest last. */
export function listBackups(databasePath: string): string[] {
  const parent = backupsDir(databasePath);
  if (!fs.existsSync(parent)) return [];
  return fs
    .readdirSync(parent)
    .filter((name) => fs.existsSync(path.join(parent, name, MANIFEST)))
    .sort()
    .map((name) => path.join(parent, name));
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a backup (no ${MANIFEST})`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.format !== 1 || !manifest.database) throw new Error(`${file}: unknown backup format`);
  return manifest;
}

/**
 * Throws DatabaseInUseError when another connection has the database open: in WAL mode every
 * open connection holds a shared lock, so an exclusive one is refused at once. A file SQLite
 * cannot read at all (the reason for many restores) is not in anyone's way.
 */
function assertNotInUse(databasePath: string): void {
  if (!fs.existsSync(databasePath)) return;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(databasePath, { fileMustExist: true });
    sqlite.pragma("busy_timeout = 0");
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
    sqlite.exec("COMMIT");
  } catch (error) {
    if (error instanceof Database.SqliteError && /^SQLITE_BUSY/.test(error.code)) {
      throw new DatabaseInUseError(`${databasePath} is in use (a running server or command has it open): stop the server first`);
    }
    if (!(error instanceof Database.SqliteError)) throw error;
  } finally {
    sqlite?.close();
  }
}

/**
 * Puts a backup in place of the database (and of the uploads, when the backup has them).
 * Whatever it replaces is moved, not deleted, to data/backups/<time>-before-restore/.
 */
export function restoreBackup(databasePath: string, dir: string, now = new Date()): { manifest: Manifest; replacedInto: string | null } {
  const manifest = readManifest(dir);
  const live = path.resolve(databasePath);
  const staging = `${live}.restoring`;
  privateDir(path.dirname(live));
  fs.copyFileSync(path.join(dir, manifest.database), staging);
  try {
    tightenFile(staging);
    verify(staging);
    assertNotInUse(live);
  } catch (error) {
    fs.rmSync(staging, { force: true });
    throw error;
  }
  const replacedInto = path.join(backupsDir(live), `${stamp(now)}-before-restore`);
  const moveAside = (file: string, name: string) => {
    if (!fs.existsSync(file)) return;
    privateDir(replacedInto);
    fs.renameSync(file, path.join(replacedInto, name));
  };
  for (const suffix of ["", "-wal", "-shm"]) moveAside(live + suffix, path.basename(live) + suffix);
  fs.renameSync(staging, live);
  if (manifest.uploads) {
    moveAside(uploadsDir(live), UPLOADS);
    copyPrivate(path.join(dir, UPLOADS), uploadsDir(live));
  }
  return { manifest, replacedInto: fs.existsSync(replacedInto) ? replacedInto : null };
}
