import type { Database } from "../../src/db/connect.js";

/** Runs fn and returns its result with the number of SQL statements it ran through the database. */
export async function countQueries<T>(
  database: Database,
  fn: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const stop = database.onQuery(() => {
    queries++;
  });
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    stop();
  }
}
