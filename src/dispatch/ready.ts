import { and, count, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { decisionPoint, meeting, paragraph } from "../meetings/tables.js";

// The one place that says when a paragraph's decision may be dispatched. In law it is when the minutes are
// approved, or the paragraph was approved immediately (KL 5 kap. 69–70 §§, L11–L12). Until approval lands in
// Paragraf the rule is the nearest it can see: the meeting is closed and the paragraph has a decision.

export type Readiness = { ready: true } | { ready: false; reason: "meeting_not_closed" | "no_decision" };

/** May this paragraph's decision be dispatched now? */
export async function dispatchReadiness(
  tx: Tx,
  municipalityId: string,
  paragraphId: string,
): Promise<Readiness> {
  const [row] = await tx
    .select({ status: meeting.status, points: count(decisionPoint.id) })
    .from(paragraph)
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .leftJoin(decisionPoint, eq(decisionPoint.paragraphId, paragraph.id))
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(paragraph.id, paragraphId)))
    .groupBy(meeting.status);
  if (!row) return { ready: false, reason: "meeting_not_closed" };
  if (row.status !== "closed") return { ready: false, reason: "meeting_not_closed" };
  if (Number(row.points) === 0) return { ready: false, reason: "no_decision" };
  return { ready: true };
}
