/**
 * Kollegi's data files hold session ids, password hashes, everyone's posts and the search
 * master key: only the account the server runs as may read them (issue 11). Files are made
 * 0600 and folders 0700 when created, and tightened at start if an older version left them
 * world-readable.
 */
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;
/** The sticky bit marks a shared folder such as /tmp: never ours to close. */
const STICKY = 0o1000;

/** Creates the folder (and missing parents) 0700; an existing folder of ours loses group and world access. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const stat = fs.statSync(dir);
  const ours = typeof process.getuid !== "function" || stat.uid === process.getuid();
  if (ours && !(stat.mode & STICKY) && stat.mode & 0o077) fs.chmodSync(dir, stat.mode & 0o700);
}

/** An existing file loses group and world access. */
export function tightenFile(file: string): void {
  try {
    const { mode } = fs.statSync(file);
    if (mode & 0o077) fs.chmodSync(file, mode & 0o700);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Writes a small file that only the owner may read (a key, an address, a pid). */
export function writePrivateFile(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: PRIVATE_FILE });
  tightenFile(file);
}

/**
 * Before SQLite opens a database file: its folder private, the file created 0600 if new
 * (SQLite gives the -wal and -shm it creates the database file's mode), and an older
 * install's files tightened.
 */
export function prepareDatabaseFile(file: string): void {
  privateDir(path.dirname(path.resolve(file)));
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE));
  for (const suffix of ["", "-wal", "-shm"]) tightenFile(file + suffix);
}
