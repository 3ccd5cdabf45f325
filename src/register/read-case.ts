import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import type { SecretAccess } from "./access.js";
import { presentCase } from "./present.js";
import { findCaseDetails, listCaseRecords, listLinkedCases } from "./queries.js";

/** A case with everything its page and the API show, as the reader may see it; not found when it does not exist. */
export async function readCase(
  tx: Tx,
  municipalityId: string,
  access: SecretAccess,
  where: { id?: string; number?: string },
) {
  const details = await findCaseDetails(tx, municipalityId, where);
  if (!details) throw new NotFoundError("case");
  const records = await listCaseRecords(tx, municipalityId, details.case.id);
  const linked = await listLinkedCases(tx, municipalityId, details.case);
  return { view: presentCase(details, records, linked, access), row: details.case };
}
