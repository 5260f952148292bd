/**
 * Where a file's bytes live, behind the smallest interface that an S3-compatible object store
 * can also offer (docs/decisions/024-files.md): put, read and remove by key. The key is the
 * blob's content hash, or the hash and a preview width; nothing a person typed is ever part of
 * a path. The default is a folder, `UPLOADS_DIR` or `uploads/` beside the database.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { uploadsDir } from "../../db/backup";
import { PRIVATE_DIR, PRIVATE_FILE } from "../../db/files";
import { databasePath } from "../../db/index";

export interface FileStore {
  /** Stores the bytes under the key, whole or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when the key is not stored. */
  read(key: string): Promise<Buffer | null>;
  /** Forgets the key; a key that is not stored is no error. */
  remove(key: string): Promise<void>;
}

/** A new blob's storage key: its hash and a random part (db/schema.ts, file_blobs). */
export const newStorageKey = (hash: string) => `${hash}-${crypto.randomBytes(6).toString("hex")}`;
/** The stored full file of a blob, and one of its previews. */
export const blobKey = (storageKey: string) => storageKey;
export const previewKey = (storageKey: string, width: number) => `${storageKey}.w${width}`;

const KEY = /^[0-9a-f]{64}-[0-9a-f]{12}(?:\.w\d{2,5})?$/;

/** A folder, two levels deep by the hash's first characters (ab/cd/abcd…), files 0600. */
export class FolderStore implements FileStore {
  constructor(private readonly root: string) {}

  private where(key: string): string {
    if (!KEY.test(key)) throw new Error(`Not a storage key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.where(key);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
    // Written aside and renamed: a reader never sees half a file, two writers of one key agree.
    const temporary = `${file}.${crypto.randomBytes(6).toString("hex")}.part`;
    await fs.writeFile(temporary, bytes, { mode: PRIVATE_FILE });
    await fs.rename(temporary, file);
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.where(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.where(key), { force: true });
  }
}

let store: FileStore | null = null;
let storeFor = "";

/** The store of this process's database (tests give each worker its own database, so its own folder). */
export function fileStore(): FileStore {
  const root = uploadsDir(databasePath());
  if (!store || storeFor !== root) {
    store = new FolderStore(root);
    storeFor = root;
  }
  return store;
}
