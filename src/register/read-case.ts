import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import type { SecretAccess } from "./access.js";
import type { CaseKey } from "./lookup.js";
import { presentCase } from "./present.js";
import { findCaseByNumber, findCaseDetails, listCaseRecords, listLinkedCases } from "./queries.js";

/**
 * A case with everything its page and the API show, as the reader may see it, by exactly one key (its id or its
 * number); not found when it does not exist or the key is blank or malformed. Four statements however many
 * records and files the case has: the case, its records, their files, the linked cases.
 */
export async function readCase(tx: Tx, municipalityId: string, access: SecretAccess, key: CaseKey) {
  const details = await findCaseDetails(tx, municipalityId, key);
  if (!details) throw new NotFoundError("case");
  const records = await listCaseRecords(tx, municipalityId, details.case.id);
  const linked = await listLinkedCases(tx, municipalityId, details.case);
  return { view: presentCase(details, records, linked, access), row: details.case };
}

/**
 * The stored row of a case by its number, for the pages that act on a case (its forms check rights and fill in
 * stored values); not found when there is none.
 */
export async function readCaseRow(tx: Tx, municipalityId: string, number: string) {
  const found = await findCaseByNumber(tx, municipalityId, number);
  if (!found) throw new NotFoundError("case");
  return found;
}

/**
 * The id of the case a form names by its number, or null when the field is empty; a number that is not in the
 * register is refused on that field.
 */
export async function caseIdForNumber(
  tx: Tx,
  municipalityId: string,
  number: string | null | undefined,
  field: string,
): Promise<string | null> {
  if (!number) return null;
  const found = await findCaseByNumber(tx, municipalityId, number);
  if (!found) throw new DomainError("case_not_found", {}, field);
  return found.id;
}

/** Whether the register holds a case with this number (the start page links to the example's case when it does). */
export async function caseNumberExists(tx: Tx, municipalityId: string, number: string): Promise<boolean> {
  return (await findCaseByNumber(tx, municipalityId, number)) !== undefined;
}
