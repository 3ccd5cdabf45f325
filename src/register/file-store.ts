import { createHash, randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
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

  /** True when the bytes are on disk. */
  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
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
