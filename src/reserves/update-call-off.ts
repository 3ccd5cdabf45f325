import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findAppropriation, listAreasByIds, lockCallOff } from "./queries.js";
import { callOff, callOffArea } from "./tables.js";

/** What may change of a call-off once applied for: how the intervention is described and where it works. */
export interface CallOffChanges {
  targetGroup: string;
  process: string;
  /** Null keeps the description as it is. */
  description: string | null;
  areaIds: string[];
  illustrative: boolean;
}

/**
 * Changes a call-off's target group, process, description, areas and illustrative mark. Theme, amount, period,
 * body and case belong to the application and its decision and are not changed here. Writes (and audits) only
 * what differs, so reading the same file twice changes nothing.
 */
export async function updateCallOff(tx: Tx, actor: Actor, id: string, changes: CallOffChanges) {
  const before = await lockCallOff(tx, actor.municipalityId, id);
  if (!before) throw new DomainError("call_off_not_found");
  const reserve = (await findAppropriation(tx, actor.municipalityId, before.appropriationId))!;
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  const areaIds = [...new Set(changes.areaIds)].sort();
  if ((await listAreasByIds(tx, actor.municipalityId, areaIds)).length !== areaIds.length)
    throw new DomainError("area_not_found", {}, "areaIds");
  const current = (await tx.select().from(callOffArea).where(eq(callOffArea.callOffId, id)))
    .map((a) => a.areaId)
    .sort();
  const areasChanged = current.length !== areaIds.length || current.some((a, i) => a !== areaIds[i]);
  const values = {
    targetGroup: changes.targetGroup,
    process: changes.process,
    description: changes.description ?? before.description,
    illustrative: changes.illustrative,
  };
  const fieldsChanged = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== before[k]);
  if (!fieldsChanged && !areasChanged) return { row: before, changed: false };
  const [after] = await tx
    .update(callOff)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(callOff.id, id))
    .returning();
  if (areasChanged) {
    await tx.delete(callOffArea).where(eq(callOffArea.callOffId, id));
    if (areaIds.length > 0)
      await tx.insert(callOffArea).values(areaIds.map((areaId) => ({ callOffId: id, areaId })));
  }
  await recordAudit(tx, actor, {
    action: "call_off.updated",
    recordType: "call_off",
    recordId: id,
    before: { ...before, areaIds: current },
    after: { ...after, areaIds },
  });
  return { row: after!, changed: true };
}
