import { inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db, Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { type FileStore, fileStoreLockKey, type StoreEntry } from "./file-store.js";
import { file } from "./tables.js";

export interface SweepResult {
  /** Content no file row names: left by registrations that were rolled back after their files were stored. */
  orphans: number;
  /** Temporary files of writes that were interrupted (a crash during put). */
  temporaries: number;
  /** Content files that a file row names, and that stay. */
  kept: number;
}

const batchSize = 500;

/**
 * Removes from the file store what no registration kept. Files are stored before the registering transaction
 * commits, so one that rolls back leaves its bytes behind; so does a crash in the middle of a write.
 *
 * The sweep runs in a transaction that holds the file store's advisory lock alone, while every transaction that
 * stores files holds it shared until it commits. So while the sweep looks, no file on disk belongs to a
 * registration still in flight: content that no file row names is an orphan, and every temporary file is stale.
 * When registrations with files are in flight the sweep does not wait for them; it returns null and is tried
 * again on its next run.
 */
export async function sweepFileStore(db: Db, store: FileStore): Promise<SweepResult | null> {
  return inTransaction(db, async (tx) => {
    const lock = (await tx.execute(
      sql`SELECT pg_try_advisory_xact_lock(${fileStoreLockKey}) AS locked`,
    )) as unknown as { rows: { locked: boolean }[] };
    if (!lock.rows[0]?.locked) return null;
    const result: SweepResult = { orphans: 0, temporaries: 0, kept: 0 };
    let batch: Extract<StoreEntry, { kind: "content" }>[] = [];
    for await (const entry of store.entries()) {
      if (entry.kind === "temporary") {
        await store.remove(entry);
        result.temporaries++;
        continue;
      }
      batch.push(entry);
      if (batch.length === batchSize) {
        await sweepBatch(tx, store, batch, result);
        batch = [];
      }
    }
    await sweepBatch(tx, store, batch, result);
    return result;
  });
}

async function sweepBatch(
  tx: Tx,
  store: FileStore,
  batch: Extract<StoreEntry, { kind: "content" }>[],
  result: SweepResult,
) {
  if (batch.length === 0) return;
  const named = await tx
    .selectDistinct({ sha256: file.sha256 })
    .from(file)
    .where(
      inArray(
        file.sha256,
        batch.map((e) => e.sha256),
      ),
    );
  const keep = new Set(named.map((row) => row.sha256));
  for (const entry of batch) {
    if (keep.has(entry.sha256)) result.kept++;
    else {
      await store.remove(entry);
      result.orphans++;
    }
  }
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Sweeps the file store once a day in this process, the first time a minute after start. Processes that share
 * a store may all run it; the lock lets one sweep at a time, and a skipped run waits for the next day.
 */
export function startFileSweeper(db: Db, store: FileStore, logger: Logger, intervalMs = dayMs) {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = sweepFileStore(db, store)
      .then((result) => {
        if (result === null) logger.info("file store sweep skipped: files are being registered");
        else if (result.orphans + result.temporaries > 0) logger.info(result, "file store swept");
      })
      .catch((error) => logger.error({ err: error }, "file store sweep failed"));
  };
  const first = setTimeout(run, 60_000);
  const every = setInterval(run, intervalMs);
  first.unref();
  every.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
