/**
 * Registrations in this process that want the same counter row go to the database one at a time. The database
 * lock on the row is what keeps numbers gapless and unique, across processes too; this queue only keeps dozens
 * of transactions from waiting on that one row lock at once, where PostgreSQL spends its time waking them all
 * each time the lock is released. The next registration is let through as soon as the previous one has its
 * number, so it waits in the database only for that one transaction to commit.
 *
 * The queue must never hide a wait from the database's deadlock detection: a transaction that already holds the
 * row (it took a number before) goes straight through, and no one waits in the queue longer than maxWaitMs.
 */
const maxWaitMs = 200;
const tails = new Map<string, Promise<void>>();
const holders = new WeakMap<object, Set<string>>();

export async function inCounterQueue<T>(owner: object, key: string, fn: () => Promise<T>): Promise<T> {
  if (holders.get(owner)?.has(key)) return fn();
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => done);
  tails.set(key, tail);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    previous,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxWaitMs);
    }),
  ]);
  clearTimeout(timer);
  try {
    const result = await fn();
    const keys = holders.get(owner) ?? new Set<string>();
    keys.add(key);
    holders.set(owner, keys);
    return result;
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
