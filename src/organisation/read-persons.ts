import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import { presentPerson, presentPersonEntry, presentPersonPage } from "./present.js";
import { findParty, findPerson, listMemberships, listOfficials, listPersons } from "./queries.js";

/** The municipality's persons by name, with their party's abbreviation. */
export async function readPersons(tx: Tx, municipalityId: string) {
  return (await listPersons(tx, municipalityId)).map(presentPersonEntry);
}

async function loadPerson(tx: Tx, municipalityId: string, id: string) {
  const found = isUuid(id) ? await findPerson(tx, municipalityId, id) : undefined;
  if (!found) throw new NotFoundError("person");
  return found;
}

/** One person; not found when the id is malformed or names no person of the municipality. */
export async function readPerson(tx: Tx, municipalityId: string, id: string) {
  return presentPerson(await loadPerson(tx, municipalityId, id));
}

/** A person's page: party, every membership and every post, in a fixed number of statements. */
export async function readPersonPage(tx: Tx, municipalityId: string, id: string) {
  const found = await loadPerson(tx, municipalityId, id);
  return presentPersonPage({
    person: found,
    party: found.partyId ? await findParty(tx, municipalityId, found.partyId) : undefined,
    memberships: await listMemberships(tx, municipalityId, { personId: found.id }),
    posts: await listOfficials(tx, municipalityId, { personId: found.id }),
  });
}
