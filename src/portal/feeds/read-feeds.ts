import type { Tx } from "../../db/connect.js";
import { todayInStockholm } from "../../domain/clock.js";
import { listResolutionPoints } from "../oparl/queries.js";
import { findLiveBodyBySlug } from "../open-data/queries.js";
import { listLatestDecisions, listMeetingsFrom } from "../queries.js";

// What the feeds carry, each in a fixed number of queries. A body's feed names its body by slug; null when none.

const year = 365 * 24 * 3600 * 1000;

async function bodyFilter(tx: Tx, municipalityId: string, slug: string | undefined) {
  if (slug === undefined) return { bodyId: undefined, name: null as string | null };
  const found = await findLiveBodyBySlug(tx, municipalityId, slug);
  return found ? { bodyId: found.id, name: found.name } : null;
}

/** Meetings from a year back on, of one body or all. */
export async function readCalendar(tx: Tx, municipalityId: string, slug?: string, now = new Date()) {
  const body = await bodyFilter(tx, municipalityId, slug);
  if (!body) return null;
  const fromDay = todayInStockholm(new Date(now.getTime() - year));
  return {
    bodyName: body.name,
    meetings: await listMeetingsFrom(tx, municipalityId, { bodyId: body.bodyId, fromDay, limit: 2000 }),
  };
}

/** The latest 50 decisions, of one body or all, with their decision points. */
export async function readDecisionFeed(tx: Tx, municipalityId: string, slug?: string) {
  const body = await bodyFilter(tx, municipalityId, slug);
  if (!body) return null;
  const decisions = await listLatestDecisions(tx, municipalityId, 50, { bodyId: body.bodyId });
  const points = await listResolutionPoints(
    tx,
    decisions.map((d) => d.id),
  );
  return { bodyName: body.name, decisions, points };
}
