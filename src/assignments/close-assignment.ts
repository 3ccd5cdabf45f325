import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { resolveDecisionReference } from "./resolve-decision-reference.js";
import type { CloseAssignmentInput } from "./schemas.js";
import { assignment, decisionReference } from "./tables.js";

const outcomeText = { reported: "återrapporterat", lapsed: "fallit", written_off: "avskrivet" } as const;

/** Closes an assignment with the decision that reported it back, let it lapse or wrote it off (KL 6 kap. 4 §). */
export async function closeAssignment(tx: Tx, actor: Actor, id: string, input: CloseAssignmentInput) {
  const [before] = await tx
    .select()
    .from(assignment)
    .where(and(eq(assignment.municipalityId, actor.municipalityId), eq(assignment.id, id)))
    .for("update");
  if (!before) throw new NotFoundError("assignment");
  const owner = await findCase(tx, actor.municipalityId, before.caseId);
  authorize(actor, "assignment:write", owner?.responsibleBodyId);
  if (before.status !== "open")
    throw new DomainError("assignment_already_closed", { outcome: outcomeText[before.status] });
  const [given] = await tx.select().from(decisionReference).where(eq(decisionReference.id, before.givenById));
  if (input.closedBy.decidedOn <= given!.decidedOn)
    throw new DomainError("closing_before_given", { date: given!.decidedOn }, "closedBy.decidedOn");
  const closedBy = await resolveDecisionReference(tx, actor, input.closedBy, "closedBy");
  const [after] = await tx
    .update(assignment)
    .set({ status: input.outcome, closedById: closedBy.id, updatedAt: new Date() })
    .where(eq(assignment.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "assignment.closed",
    recordType: "assignment",
    recordId: id,
    before,
    after,
  });
  return after!;
}
