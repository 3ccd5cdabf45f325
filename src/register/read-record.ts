import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import type { SecretAccess } from "./access.js";
import { presentCaseRef, presentRecord } from "./present.js";
import { findRecordDetails } from "./queries.js";

/** A record by its id, or by its case's number and its sequence within the case (STK-2024-1374 and 2). */
export type RecordKey = { id: string } | { caseNumber: string; sequence: number };

/**
 * One record with its files and its case, as the reader may see them; not found when it does not exist or the
 * key is malformed. Two statements: the record with its case and names, and its files. `row` and `owner` are the
 * stored rows, for the correction form of a reader allowed to write.
 */
export async function readRecord(tx: Tx, municipalityId: string, access: SecretAccess, key: RecordKey) {
  const found = await findRecordDetails(tx, municipalityId, key);
  if (!found) throw new NotFoundError("record");
  const { owner, ...row } = found;
  return {
    view: presentRecord(row, owner, access),
    caseRef: presentCaseRef(owner, access),
    row: found.record,
    owner,
  };
}
