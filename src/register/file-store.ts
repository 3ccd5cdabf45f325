import { createHash, randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readConfig } from "../config.js";

/**
 * Files on disk, addressed by their SHA-256: `<root>/sha256/ab/cd/abcd…`. Writing goes to a temporary file that
 * is fsynced and then renamed into place (and the folder fsynced), so once put() returns the bytes survive a
 * crash; the registering transaction commits only after that. The same content is stored once.
 */
export class FileStore {
  constructor(readonly root: string) {}

  /** Where the bytes with this hash live. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("not a SHA-256 hex digest");
    return join(this.root, "sha256", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes durably and returns their hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const target = this.pathOf(sha256);
    if (await exists(target)) return sha256;
    const folder = dirname(target);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.${sha256}.${randomUUID()}.tmp`);
    const handle = await open(temporary, "wx", 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(folder);
    return sha256;
  }

  /** The stored bytes, read back. */
  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  /**
   * Everything in the store: content files by hash, and the temporary files of writes that never finished.
   * Other names are not the store's and are left out.
   */
  async *entries(): AsyncGenerator<StoreEntry> {
    const top = join(this.root, "sha256");
    for (const first of await folders(top)) {
      for (const second of await folders(join(top, first))) {
        const folder = join(top, first, second);
        for (const name of await readdir(folder)) {
          if (/^[0-9a-f]{64}$/.test(name)) yield { kind: "content", sha256: name, path: join(folder, name) };
          else if (/^\.[0-9a-f]{64}\..+\.tmp$/.test(name))
            yield { kind: "temporary", path: join(folder, name) };
        }
      }
    }
  }

  /** Removes one entry that entries() gave. */
  async remove(entry: StoreEntry): Promise<void> {
    await rm(entry.path, { force: true });
  }

  /** True when the bytes are on disk. */
  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }
}

export type StoreEntry =
  | { kind: "content"; sha256: string; path: string }
  | { kind: "temporary"; path: string };

/**
 * The advisory lock between writing files and sweeping them. A transaction that puts files holds it shared until
 * it commits, so a sweep, which takes it alone, never sees a file whose row is still uncommitted.
 */
export const fileStoreLockKey = 742_017_726;

async function folders(path: string): Promise<string[]> {
  try {
    const found = await readdir(path, { withFileTypes: true });
    return found.filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name)).map((d) => d.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function syncFolder(folder: string) {
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The store under PARAGRAF_DATA_DIR/files, as configured. */
export function defaultFileStore(): FileStore {
  return new FileStore(join(readConfig().dataDir, "files"));
}
