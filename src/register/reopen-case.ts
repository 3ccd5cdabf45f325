import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { lockCase } from "./queries.js";
import { registerCase } from "./tables.js";

/**
 * Reopens a closed case (återupptar ärendet), e.g. when a decision is appealed or a closed case gets a new
 * record: it is open again and takes records. The day it was closed stays in the audit trail.
 */
export async function reopenCase(tx: Tx, actor: Actor, id: string) {
  // Locked first: a concurrent change of the same case waits here and then sees what this one wrote.
  const before = await lockCase(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("case");
  authorize(actor, "register:write", before.responsibleBodyId);
  if (before.status !== "closed") throw new DomainError("case_not_closed", { number: before.number });
  const [after] = await tx
    .update(registerCase)
    .set({ status: "open", closedOn: null, updatedAt: new Date() })
    .where(eq(registerCase.id, id))
    .returning();
  await recordAudit(tx, actor, { action: "case.reopened", recordType: "case", recordId: id, before, after });
  return after!;
}
