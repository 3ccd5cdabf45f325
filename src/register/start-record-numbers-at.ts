import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { formatRecordNumber } from "../domain/numbering.js";
import { findCase } from "./queries.js";
import type { RecordNumberStartInput } from "./schemas.js";
import { registerCase } from "./tables.js";

/**
 * Imports a legacy record number: the case's next record gets firstNumber (STK-2023-137-50 sets the record
 * counter of STK-2023-137 to 49), because records 1–49 were numbered in the earlier register. Refused when
 * Paragraf has already given a record number at or above it.
 */
export async function startRecordNumbersAt(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: RecordNumberStartInput,
) {
  const owner = await findCase(tx, actor.municipalityId, caseId);
  if (!owner) throw new NotFoundError("case");
  authorize(actor, "register:write", owner.responsibleBodyId);
  const prefix = `${owner.number}-`;
  const tail = input.firstNumber.startsWith(prefix) ? input.firstNumber.slice(prefix.length) : "";
  if (!/^[1-9]\d{0,6}$/.test(tail))
    throw new DomainError(
      "record_number_malformed",
      { number: input.firstNumber, example: formatRecordNumber(owner.number, 50) },
      "firstNumber",
    );
  const [locked] = await tx.select().from(registerCase).where(eq(registerCase.id, owner.id)).for("update");
  const lastRecordSequence = Number(tail) - 1;
  if (locked!.lastRecordSequence > lastRecordSequence)
    throw new DomainError(
      "record_start_below_given",
      { number: input.firstNumber, given: formatRecordNumber(owner.number, locked!.lastRecordSequence) },
      "firstNumber",
    );
  await tx.update(registerCase).set({ lastRecordSequence }).where(eq(registerCase.id, owner.id));
  await recordAudit(tx, actor, {
    action: "case.record_numbers_started",
    recordType: "case",
    recordId: owner.id,
    before: { lastRecordSequence: locked!.lastRecordSequence },
    after: { lastRecordSequence, firstNumber: input.firstNumber },
  });
  return { caseId: owner.id, nextNumber: input.firstNumber };
}
