import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatRecordNumber } from "../domain/numbering.js";
import { findBody } from "../organisation/queries.js";
import { allocateRecordSequence } from "./allocate.js";
import { type IncomingFile, inspectFile } from "./file-content.js";
import { defaultFileStore, type FileStore } from "./file-store.js";
import { findCase } from "./queries.js";
import { linkFiles } from "./record-files.js";
import type { RecordInput } from "./schemas.js";
import { record } from "./tables.js";

/**
 * Registers a record in a case with the case's next record number, e.g. STK-2023-137-50, with its files
 * (OSL 5 kap. 1–2 §§). Everything is checked before the number is taken; a failure later rolls the number back.
 */
export async function registerRecord(
  tx: Tx,
  actor: Actor,
  input: RecordInput & { files?: IncomingFile[] },
  store: FileStore = defaultFileStore(),
) {
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");
  authorize(actor, "register:write", owner.responsibleBodyId);
  if (owner.status === "closed") throw new DomainError("case_closed", { number: owner.number }, "caseId");
  if (input.counterpartBodyId && !(await findBody(tx, actor.municipalityId, input.counterpartBodyId))) {
    throw new DomainError("body_not_found", {}, "counterpartBodyId");
  }
  if (input.secrecy && !(await findBody(tx, actor.municipalityId, input.secrecy.markedById))) {
    throw new DomainError("body_not_found", {}, "secrecy.markedById");
  }
  const files = [];
  for (const incoming of input.files ?? []) files.push(await inspectFile(incoming));
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
  const attached = await linkFiles(tx, actor.municipalityId, created!.id, files, store);
  await recordAudit(tx, actor, {
    action: "record.registered",
    recordType: "record",
    recordId: created!.id,
    after: { ...created, files: attached },
  });
  return { ...created!, files: attached };
}
