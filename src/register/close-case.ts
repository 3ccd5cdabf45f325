import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { requireDecisionCourseRun } from "./decision-course.js";
import { lockCase } from "./queries.js";
import type { CloseCaseInput } from "./schemas.js";
import { registerCase } from "./tables.js";

/**
 * Closes a case (avslutar ärendet) on the given day; it cannot close before it was opened, nor while its decision
 * route is unfinished or its decision not dispatched to every recipient.
 */
export async function closeCase(tx: Tx, actor: Actor, id: string, input: CloseCaseInput) {
  // Locked first: a concurrent change of the same case waits here and then sees what this one wrote.
  const before = await lockCase(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("case");
  authorize(actor, "register:write", before.responsibleBodyId);
  if (before.status === "closed") throw new DomainError("case_closed", { number: before.number });
  if (input.closedOn < before.openedOn)
    throw new DomainError("case_closed_before_opened", { openedOn: before.openedOn }, "closedOn");
  await requireDecisionCourseRun(tx, before);
  const [after] = await tx
    .update(registerCase)
    .set({ status: "closed", closedOn: input.closedOn, updatedAt: new Date() })
    .where(eq(registerCase.id, id))
    .returning();
  await recordAudit(tx, actor, { action: "case.closed", recordType: "case", recordId: id, before, after });
  return after!;
}
