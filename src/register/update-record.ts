import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findCase, lockRecord } from "./queries.js";
import type { RecordUpdate } from "./schemas.js";
import { record } from "./tables.js";

/** Corrects a record's register entry (dates, sender or recipient, description, type, secrecy). Audited. */
export async function updateRecord(tx: Tx, actor: Actor, id: string, input: RecordUpdate) {
  // Locked first: a concurrent correction of the same record waits here and then sees what this one wrote.
  const before = await lockRecord(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("record");
  const owner = await findCase(tx, actor.municipalityId, before.caseId);
  authorize(actor, "register:write", owner!.responsibleBodyId);
  if (input.counterpartBodyId && !(await findBody(tx, actor.municipalityId, input.counterpartBodyId)))
    throw new DomainError("body_not_found", {}, "counterpartBodyId");
  if (input.secrecy && !(await findBody(tx, actor.municipalityId, input.secrecy.markedById)))
    throw new DomainError("body_not_found", {}, "secrecy.markedById");
  const { secrecy, ...fields } = input;
  const [after] = await tx
    .update(record)
    .set({
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(secrecy !== undefined
        ? {
            secrecyProvision: secrecy?.provision ?? null,
            secrecyMarkedOn: secrecy?.markedOn ?? null,
            secrecyMarkedById: secrecy?.markedById ?? null,
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(eq(record.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "record.updated",
    recordType: "record",
    recordId: id,
    before,
    after,
  });
  return after!;
}
