import { type FileHandle, open } from "node:fs/promises";

/**
 * A plain POSIX tar (ustar) archive, written and read one entry at a time, so a backup of many large files never
 * has to fit in memory. Only regular files; names up to 255 bytes. `tar -tvf` lists it and `tar -xf` unpacks it.
 */
const block = 512;

export class TarWriter {
  private position = 0;
  private constructor(private readonly handle: FileHandle) {}

  /** A new archive at path; the file must not exist. */
  static async create(path: string): Promise<TarWriter> {
    return new TarWriter(await open(path, "wx", 0o600));
  }

  /** Adds bytes under name. */
  async add(name: string, bytes: Uint8Array): Promise<void> {
    await this.write(header(name, bytes.length));
    await this.write(bytes);
    await this.pad(bytes.length);
  }

  /** Adds the content of a file on disk under name, read in chunks. */
  async addFile(name: string, source: string): Promise<void> {
    const input = await open(source, "r");
    try {
      const { size } = await input.stat();
      await this.write(header(name, size));
      const chunk = Buffer.alloc(1 << 20);
      let done = 0;
      while (done < size) {
        const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - done), done);
        if (bytesRead === 0) throw new Error(`${source} shrank while it was archived`);
        await this.write(chunk.subarray(0, bytesRead));
        done += bytesRead;
      }
      await this.pad(size);
    } finally {
      await input.close();
    }
  }

  /** Ends the archive and puts it on disk. */
  async finish(): Promise<void> {
    try {
      await this.write(Buffer.alloc(block * 2));
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes an archive that will not be finished. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async write(bytes: Uint8Array) {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  private async pad(size: number) {
    const rest = size % block;
    if (rest) await this.write(Buffer.alloc(block - rest));
  }
}

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(block);
  const bytes = Buffer.from(name, "utf8");
  if (bytes.length <= 100) bytes.copy(h, 0);
  else {
    const cut = name.lastIndexOf("/", 155);
    const prefix = Buffer.from(name.slice(0, cut), "utf8");
    const rest = Buffer.from(name.slice(cut + 1), "utf8");
    if (cut <= 0 || prefix.length > 155 || rest.length > 100)
      throw new Error(`name too long for tar: ${name}`);
    rest.copy(h, 0);
    prefix.copy(h, 345);
  }
  octal(h, 100, 8, 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, Math.floor(Date.now() / 1000));
  h.fill(" ", 148, 156);
  h.write("0", 156, "ascii");
  h.write("ustar\u000000", 257, "ascii");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, "ascii");
  return h;
}

function octal(h: Buffer, at: number, length: number, value: number) {
  h.write(`${value.toString(8).padStart(length - 1, "0")}\u0000`, at, "ascii");
}

export interface TarEntry {
  name: string;
  size: number;
  /** Where the entry's bytes start in the archive. */
  offset: number;
}

/** The regular files in an archive, with where their bytes are. Throws on anything that is not ustar. */
export async function listTar(handle: FileHandle): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const { size: total } = await handle.stat();
  const h = Buffer.alloc(block);
  let at = 0;
  while (at + block <= total) {
    const { bytesRead } = await handle.read(h, 0, block, at);
    if (bytesRead < block) break;
    if (h.every((b) => b === 0)) return entries;
    let sum = 0;
    for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (Number.parseInt(text(h, 148, 8), 8) !== sum)
      throw new Error("not a tar archive (bad header checksum)");
    const size = Number.parseInt(text(h, 124, 12), 8);
    const prefix = h.subarray(257, 263).toString("ascii").startsWith("ustar") ? text(h, 345, 155) : "";
    const name = prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100);
    const type = String.fromCharCode(h[156]!);
    if (type === "0" || type === "\u0000") entries.push({ name, size, offset: at + block });
    at += block + Math.ceil(size / block) * block;
  }
  throw new Error("the tar archive is cut off");
}

function text(h: Buffer, at: number, length: number): string {
  const field = h.subarray(at, at + length);
  const end = field.indexOf(0);
  return field
    .subarray(0, end < 0 ? length : end)
    .toString("utf8")
    .trim();
}

/** Reads an entry's bytes whole (for small entries). */
export async function readEntry(handle: FileHandle, entry: TarEntry): Promise<Buffer> {
  const bytes = Buffer.alloc(entry.size);
  let done = 0;
  while (done < entry.size) {
    const { bytesRead } = await handle.read(bytes, done, entry.size - done, entry.offset + done);
    if (bytesRead === 0) throw new Error("the tar archive is cut off");
    done += bytesRead;
  }
  return bytes;
}
