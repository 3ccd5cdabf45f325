import { expect } from "vitest";
import type { Database } from "../../src/db/connect.js";
import type { Client } from "./http.js";

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

/** A GET by the client and the number of statements it ran; throws unless it answers 200. */
export async function countGet(database: Database, client: Client, path: string) {
  const { result, queries } = await countQueries(database, async () => {
    const res = await client.get(path);
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  });
  if (result.status !== 200) throw new Error(`GET ${path} answered ${result.status}`);
  return { bytes: result.bytes, text: result.bytes.toString("utf8"), queries };
}

/** Fails naming every read whose number of statements differs between the small data and the large. */
export function expectSameCounts(
  small: Record<string, { queries: number }>,
  large: Record<string, { queries: number }>,
) {
  const differ = Object.keys(small)
    .filter((read) => large[read]?.queries !== small[read]!.queries)
    .map((read) => `${read}: ${small[read]!.queries} statements small, ${large[read]?.queries} large`);
  expect(differ).toEqual([]);
}
