import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { listBodies } from "../organisation/queries.js";
import { findCaseByNumber } from "../register/queries.js";

/** What the new-consultation form offers: the municipality's bodies, as choices and for naming consultees. */
export async function readNewConsultationChoices(tx: Tx, municipalityId: string) {
  const bodies = await listBodies(tx, municipalityId);
  return {
    bodies: bodies.map((b) => ({ id: b.id, name: b.name, shortName: b.shortName })),
    options: bodies.map((b) => ({ value: b.id, label: b.shortName ? `${b.name} (${b.shortName})` : b.name })),
  };
}

export type NewConsultationChoices = Awaited<ReturnType<typeof readNewConsultationChoices>>;

/** The id of the case a consultation is written in, found by its number; refused on the form's field when absent. */
export async function readCaseIdByNumber(
  tx: Tx,
  municipalityId: string,
  caseNumber: string,
): Promise<string> {
  const found = await findCaseByNumber(tx, municipalityId, caseNumber);
  if (!found) throw new DomainError("case_not_found", {}, "caseNumber");
  return found.id;
}
