import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { paragraphForWrite, requireOpen } from "./guards.js";
import { listDecisionPoints } from "./queries.js";
import type { DecisionInput } from "./schemas.js";
import { requireQuorum, servingOnItem } from "./serving.js";
import { decisionPoint } from "./tables.js";

/**
 * Records the numbered decision points of a paragraph ("1. Kommunfullmäktige godkänner …"), replacing any
 * recorded earlier at the same meeting. A body decides only with quorum (L2). KL 5 kap. 46 § (check), 6 kap. 27 §
 */
export async function recordDecision(tx: Tx, actor: Actor, input: DecisionInput) {
  const { paragraph: p, meeting: m, body: b, item } = await paragraphForWrite(tx, actor, input.paragraphId);
  requireOpen(m);
  await requireQuorum(tx, b, m, await servingOnItem(tx, m, item));
  const before = await listDecisionPoints(tx, p.id);
  await tx.delete(decisionPoint).where(eq(decisionPoint.paragraphId, p.id));
  const after = await tx
    .insert(decisionPoint)
    .values(input.points.map((text, i) => ({ paragraphId: p.id, position: i + 1, text })))
    .returning();
  await recordAudit(tx, actor, {
    action: "decision.recorded",
    recordType: "paragraph",
    recordId: p.id,
    before,
    after,
  });
  return after;
}
