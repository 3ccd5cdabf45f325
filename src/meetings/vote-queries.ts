import { asc, inArray } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { voteCandidate } from "./tables.js";

// The queries of votes and elections that came with issue 10 (candidates); the rest are in queries.ts.

/** The candidates of the given elections, in the order they were put up. One query however many elections. */
export function listCandidates(tx: Tx, voteEventIds: string[]) {
  if (voteEventIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(voteCandidate)
    .where(inArray(voteCandidate.voteEventId, voteEventIds))
    .orderBy(asc(voteCandidate.voteEventId), asc(voteCandidate.position));
}
