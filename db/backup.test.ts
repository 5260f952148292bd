/**
 * Backups and restores on real SQLite files: a damaged backup is never swapped in, a database
 * someone has open is never replaced, and files come out 0600 (db/files.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackup, DatabaseInUseError, restoreBackup } from "./backup";
import { migrateDatabase, openDatabase, schema } from "./index";

let dir: string;
let live: string;

beforeEach(() => {
  dir = path.resolve(__dirname, `../tests/.tmp/backup-${process.pid}-${Date.now()}`);
  live = path.join(dir, "data", "kollegi.db");
  const { sqlite, db } = openDatabase(live);
  migrateDatabase(db);
  db.insert(schema.networks).values({ slug: "tomsk", name: "Томск", region: "Томская область", timeZone: "Asia/Tomsk" }).run();
  sqlite.close();
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const networks = (file: string) => {
  const { sqlite, db } = openDatabase(file);
  try {
    return db
      .select()
      .from(schema.networks)
      .all()
      .map((n) => n.slug);
  } finally {
    sqlite.close();
  }
};

const addNetwork = (slug: string) => {
  const { sqlite, db } = openDatabase(live);
  db.insert(schema.networks).values({ slug, name: slug, region: "Камчатский край", timeZone: "Asia/Kamchatka" }).run();
  sqlite.close();
};

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe("backups", () => {
  it("the database, its WAL and the folders are the owner's alone", () => {
    const { sqlite } = openDatabase(live);
    try {
      expect([path.dirname(live), live, `${live}-wal`, `${live}-shm`].map(mode)).toEqual(["700", "600", "600", "600"]);
    } finally {
      sqlite.close();
    }
  });

  it("a restore brings back what the backup held and keeps what it replaced", async () => {
    const { dir: backup } = await createBackup(live);
    addNetwork("kamchatka");
    const { replacedInto } = restoreBackup(live, backup);
    expect(networks(live)).toEqual(["tomsk"]);
    expect(networks(path.join(replacedInto!, "kollegi.db"))).toEqual(["tomsk", "kamchatka"]);
    expect([backup, path.join(backup, "kollegi.db"), path.join(backup, "manifest.json")].map(mode)).toEqual(["700", "600", "600"]);
  });

  it("a backup restores onto a machine that has no database yet", async () => {
    const { dir: backup } = await createBackup(live);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(live + suffix, { force: true });
    expect(restoreBackup(live, backup).replacedInto).toBeNull();
    expect(networks(live)).toEqual(["tomsk"]);
  });

  it("a damaged backup is refused and the database is left as it was", async () => {
    const { dir: backup } = await createBackup(live);
    addNetwork("kamchatka");
    const copy = path.join(backup, "kollegi.db");
    const size = fs.statSync(copy).size;
    const fd = fs.openSync(copy, "r+");
    // Every page after the first (the schema) overwritten: tables and indexes no longer add up.
    fs.writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
    fs.closeSync(fd);
    expect(() => restoreBackup(live, backup)).toThrow();
    expect(networks(live)).toEqual(["tomsk", "kamchatka"]);
    expect(fs.existsSync(`${live}.restoring`)).toBe(false);
  });

  it("a database that a running process has open is not replaced", async () => {
    const { dir: backup } = await createBackup(live);
    addNetwork("kamchatka");
    const server = openDatabase(live);
    try {
      expect(() => restoreBackup(live, backup)).toThrow(DatabaseInUseError);
    } finally {
      server.sqlite.close();
    }
    expect(networks(live)).toEqual(["tomsk", "kamchatka"]);
  });
});
