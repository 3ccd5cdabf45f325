import type { Tx } from "../db/connect.js";
import type { BodyKind } from "../domain/bodies.js";
import { NotFoundError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import { presentBody, presentBodyIndex, presentBodyPage } from "./present.js";
import {
  findBody,
  findBodyBySlug,
  listBodies,
  listChildBodies,
  listMemberships,
  listOfficials,
} from "./queries.js";

// Read models of bodies. Each view loads in a fixed number of statements: one per kind of row, never one per
// member, official or child.

/** The municipality's bodies by name, optionally of one kind or with one slug. */
export async function readBodies(
  tx: Tx,
  municipalityId: string,
  filter: { kind?: BodyKind; slug?: string } = {},
) {
  return (await listBodies(tx, municipalityId, filter)).map(presentBody);
}

/** The /organ index, grouped by kind. */
export async function readBodyIndex(tx: Tx, municipalityId: string) {
  return presentBodyIndex(await listBodies(tx, municipalityId));
}

/** One body by id; not found when the id is malformed or names no body of the municipality. */
export async function readBody(tx: Tx, municipalityId: string, id: string) {
  const found = isUuid(id) ? await findBody(tx, municipalityId, id) : undefined;
  if (!found) throw new NotFoundError("body");
  return presentBody(found);
}

/** One body by its slug; not found when none has it. */
export async function readBodyBySlug(tx: Tx, municipalityId: string, slug: string) {
  const found = await findBodyBySlug(tx, municipalityId, slug);
  if (!found) throw new NotFoundError("body");
  return presentBody(found);
}

/** A body's page as of a Stockholm day: facts, parent, children, members and officials. */
export async function readBodyPage(tx: Tx, municipalityId: string, slug: string, today: string) {
  const found = await findBodyBySlug(tx, municipalityId, slug);
  if (!found) throw new NotFoundError("body");
  return presentBodyPage(
    {
      body: found,
      parent: found.parentId ? await findBody(tx, municipalityId, found.parentId) : undefined,
      children: await listChildBodies(tx, municipalityId, found.id),
      members: await listMemberships(tx, municipalityId, { bodyId: found.id }),
      officials: await listOfficials(tx, municipalityId, { bodyId: found.id }),
    },
    today,
  );
}
