import { and, count, eq } from "drizzle-orm";
import { listApprovalsOfParagraphs } from "../approval/queries.js";
import type { Tx } from "../db/connect.js";
import { decisionPoint, paragraph } from "../meetings/tables.js";

// The one place that says when a paragraph's decision may be dispatched: when its minutes are approved, or the
// paragraph itself was approved at the meeting (KL 5 kap. 69–70 §§, L11–L12), and it has a decision to send.

export type Readiness = { ready: true } | { ready: false; reason: "not_approved" | "no_decision" };

/** May this paragraph's decision be dispatched now? */
export async function dispatchReadiness(
  tx: Tx,
  municipalityId: string,
  paragraphId: string,
): Promise<Readiness> {
  const [row] = await tx
    .select({ points: count(decisionPoint.id) })
    .from(paragraph)
    .leftJoin(decisionPoint, eq(decisionPoint.paragraphId, paragraph.id))
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(paragraph.id, paragraphId)));
  if (!row) return { ready: false, reason: "not_approved" };
  const approvals = await listApprovalsOfParagraphs(tx, municipalityId, [paragraphId]);
  if (approvals.length === 0) return { ready: false, reason: "not_approved" };
  if (Number(row.points) === 0) return { ready: false, reason: "no_decision" };
  return { ready: true };
}
