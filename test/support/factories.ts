import { randomUUID } from "node:crypto";
import type { Actor } from "../../src/accounts/actor.js";
import { createUser } from "../../src/accounts/create-user.js";
import type { Role } from "../../src/accounts/tables.js";
import type { Database } from "../../src/db/connect.js";
import { createBody } from "../../src/organisation/bodies.js";
import { createParty } from "../../src/organisation/parties.js";
import { createPerson } from "../../src/organisation/persons.js";
import type { BodyInput, PersonInput } from "../../src/organisation/schemas.js";
import { tx } from "./db.js";

const unique = () => randomUUID().slice(0, 8);

export function buildBody(database: Database, actor: Actor, overrides: Partial<BodyInput> = {}) {
  const name = overrides.name ?? `Testnämnden ${unique()}`;
  return tx(database, (t) => createBody(t, actor, { kind: "committee", name, ...overrides }));
}

export function buildParty(
  database: Database,
  actor: Actor,
  overrides: { name?: string; abbreviation?: string } = {},
) {
  const abbreviation = overrides.abbreviation ?? `P${unique().slice(0, 4)}`;
  return tx(database, (t) =>
    createParty(t, actor, { name: overrides.name ?? `Partiet ${abbreviation}`, abbreviation }),
  );
}

export function buildPerson(database: Database, actor: Actor, overrides: Partial<PersonInput> = {}) {
  return tx(database, (t) => createPerson(t, actor, { name: `Testperson ${unique()}`, ...overrides }));
}

export const testPassword = "ett-långt-testlösenord";

/** An account with the given roles (admin when none are given), and its e-mail for logging in. */
export async function buildUser(
  database: Database,
  actor: Actor,
  grants: { role: Role; bodyId: string | null }[] = [{ role: "admin", bodyId: null }],
) {
  const email = `test-${unique()}@example.se`;
  const user = await tx(database, (t) =>
    createUser(t, actor, { email, displayName: `Användare ${email}`, password: testPassword, grants }),
  );
  return { ...user, email, password: testPassword };
}
