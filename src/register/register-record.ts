import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatRecordNumber } from "../domain/numbering.js";
import { findBody } from "../organisation/queries.js";
import { allocateRecordSequence } from "./allocate.js";
import { findCase } from "./queries.js";
import type { RecordInput } from "./schemas.js";
import { record } from "./tables.js";

/** Registers a record in a case with the case's next record number, e.g. STK-2023-137-50 (OSL 5 kap. 1–2 §§). */
export async function registerRecord(tx: Tx, actor: Actor, input: RecordInput) {
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");
  authorize(actor, "register:write", owner.responsibleBodyId);
  if (input.counterpartBodyId && !(await findBody(tx, actor.municipalityId, input.counterpartBodyId))) {
    throw new DomainError("body_not_found", {}, "counterpartBodyId");
  }
  if (input.secrecy && !(await findBody(tx, actor.municipalityId, input.secrecy.markedById))) {
    throw new DomainError("body_not_found", {}, "secrecy.markedById");
  }
  const sequence = await allocateRecordSequence(tx, owner.id);
  const [created] = await tx
    .insert(record)
    .values({
      municipalityId: actor.municipalityId,
      caseId: owner.id,
      sequence,
      number: formatRecordNumber(owner.number, sequence),
      direction: input.direction,
      recordType: input.recordType,
      datedOn: input.datedOn,
      counterpartBodyId: input.counterpartBodyId ?? null,
      counterpartName: input.counterpartName ?? null,
      description: input.description,
      publicDescription: input.publicDescription ?? null,
      secrecyProvision: input.secrecy?.provision ?? null,
      secrecyMarkedOn: input.secrecy?.markedOn ?? null,
      secrecyMarkedById: input.secrecy?.markedById ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "record.registered",
    recordType: "record",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
