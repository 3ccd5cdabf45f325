import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import { presentParty } from "./present.js";
import { findParty, listParties } from "./queries.js";

/** The municipality's parties by abbreviation. */
export async function readParties(tx: Tx, municipalityId: string) {
  return (await listParties(tx, municipalityId)).map(presentParty);
}

/** One party; not found when the id is malformed or names no party of the municipality. */
export async function readParty(tx: Tx, municipalityId: string, id: string) {
  const found = isUuid(id) ? await findParty(tx, municipalityId, id) : undefined;
  if (!found) throw new NotFoundError("party");
  return presentParty(found);
}
