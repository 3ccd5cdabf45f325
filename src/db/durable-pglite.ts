import { fsyncSync } from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/**
 * PGlite on a folder, with writes that reach the disk at commit.
 *
 * PGlite 0.5.17 starts PostgreSQL with `-F` (fsync off), and even with fsync on nothing would reach the disk:
 * Emscripten's NODEFS, which maps PostgreSQL's files onto the folder, writes each block with fs.writeSync but has
 * no fsync operation (an fsync() from PostgreSQL returns success doing nothing), and fdatasync() is a stub. Its
 * `relaxedDurability` option only concerns the browser's IndexedDB and OPFS stores. So:
 * - NODEFS's file operations get an fsync that calls fsyncSync on the real file descriptor;
 * - PostgreSQL starts with fsync on and `wal_sync_method=fsync` (its default, fdatasync, would hit the stub).
 * A commit then returns after its WAL is on disk, as on a PostgreSQL server with default settings.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS["init"]>[1]) {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    preRun.push((mod: { NODEFS: { stream_ops: Record<string, unknown> } }) => {
      mod.NODEFS.stream_ops.fsync = (stream: { nfd: number }) => {
        fsyncSync(stream.nfd);
        return 0;
      };
    });
    result.emscriptenOpts.preRun = preRun;
    return result;
  }
}

/** PostgreSQL's start parameters as PGlite sets them, less `-F`, with fsync through the one call that works. */
export const durableStartParams = [
  ...PGlite.defaultStartParams.filter((p) => p !== "-F"),
  "-c",
  "fsync=on",
  "-c",
  "wal_sync_method=fsync",
];

/** Opens (or creates) the PGlite database in `folder` with durable commits. */
export async function openDurablePglite(
  folder: string,
  options: Partial<PGliteOptions> = {},
): Promise<PGlite> {
  const client = new PGlite({ ...options, fs: new DurableNodeFS(folder), startParams: durableStartParams });
  await client.waitReady;
  return client;
}
