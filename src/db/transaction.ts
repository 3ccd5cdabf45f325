import type { Db, Tx } from "./connect.js";

/** Runs fn in one transaction: everything it writes, audit entries and outbox rows included, commits or none does. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
