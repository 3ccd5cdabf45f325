import type { Tx } from "../../db/connect.js";
import { findParagraphContexts } from "../../meetings/queries.js";
import { loadParagraphRows } from "../../meetings/read-paragraphs.js";
import { presentDecisions } from "./present.js";
import { findLiveBodyBySlug, listParagraphIdsOfBodyYear } from "./queries.js";

// Decisions as open data (X2): the same rows the minutes are made from, loaded for any number of paragraphs in a
// fixed number of queries (meetings/read-paragraphs.ts), presented in the Popolo vocabulary.

/** One paragraph's motions, vote events, ballots, reservations and statements; null when there is none. */
export async function readDecision(tx: Tx, municipalityId: string, paragraphId: string, base: string) {
  const contexts = await findParagraphContexts(tx, municipalityId, [paragraphId]);
  if (contexts.length === 0) return null;
  const rows = await loadParagraphRows(tx, municipalityId, contexts);
  return presentDecisions(contexts, rows, base)[0] ?? null;
}

/** Every decision of a body in a year; null when the body does not exist. */
export async function readDecisionsOfYear(
  tx: Tx,
  municipalityId: string,
  bodySlug: string,
  year: number,
  base: string,
) {
  const found = await findLiveBodyBySlug(tx, municipalityId, bodySlug);
  if (!found) return null;
  const ids = (await listParagraphIdsOfBodyYear(tx, municipalityId, bodySlug, year)).map((r) => r.id);
  const contexts = await findParagraphContexts(tx, municipalityId, ids);
  const rows = await loadParagraphRows(tx, municipalityId, contexts);
  return { body: found, decisions: presentDecisions(contexts, rows, base) };
}
