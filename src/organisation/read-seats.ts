import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import {
  presentMembership,
  presentOfficial,
  presentStoredMembership,
  presentStoredOfficial,
} from "./present.js";
import { findMembership, findOfficial, listMemberships, listOfficials } from "./queries.js";

// Read models of the seats people hold: memberships in elected bodies and posts as officials.

/** Memberships with person, party and body, for one body, one person or all. */
export async function readMemberships(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; personId?: string } = {},
) {
  return (await listMemberships(tx, municipalityId, filter)).map(presentMembership);
}

/** One membership; not found when the id is malformed, names none, or (with bodyId) one of another body. */
export async function readMembership(tx: Tx, municipalityId: string, id: string, bodyId?: string) {
  const found = isUuid(id) ? await findMembership(tx, municipalityId, id) : undefined;
  if (!found || (bodyId !== undefined && found.bodyId !== bodyId)) throw new NotFoundError("membership");
  return presentStoredMembership(found);
}

/** Officials with person and administration, for one body, one person or all. */
export async function readOfficials(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; personId?: string } = {},
) {
  return (await listOfficials(tx, municipalityId, filter)).map(presentOfficial);
}

/** One official; not found when the id is malformed or names none of the municipality. */
export async function readOfficial(tx: Tx, municipalityId: string, id: string) {
  const found = isUuid(id) ? await findOfficial(tx, municipalityId, id) : undefined;
  if (!found) throw new NotFoundError("official");
  return presentStoredOfficial(found);
}
