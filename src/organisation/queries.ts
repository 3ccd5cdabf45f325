import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/connect.js";
import { dataVersion } from "../db/data-version.js";
import { preparedOnce } from "../db/prepared.js";
import { type BodyKind, body, membership, municipality, official, party, person } from "./tables.js";

// Small reads with no rules in them. Every one is scoped to a municipality and skips soft-deleted rows.

export function findMunicipalityBySlug(tx: Db | Tx, slug: string) {
  return tx.query.municipality.findFirst({ where: eq(municipality.slug, slug) });
}

/** Every municipality of the installation, oldest first. */
export function listMunicipalities(tx: Db | Tx) {
  return tx.query.municipality.findMany({ orderBy: asc(municipality.createdAt) });
}

export function findMunicipalityById(tx: Db | Tx, id: string) {
  return tx.query.municipality.findFirst({ where: eq(municipality.id, id) });
}

export function findMunicipalityByHost(tx: Db | Tx, host: string) {
  return tx.query.municipality.findFirst({ where: eq(municipality.host, host) });
}

const visitorStatement = preparedOnce((db) =>
  db
    .select({
      version: dataVersion.version,
      id: municipality.id,
      name: municipality.name,
      slug: municipality.slug,
    })
    .from(dataVersion)
    .leftJoin(
      municipality,
      sql`${municipality.id} = (
        select m.id from ${municipality} m
        where ${sql.placeholder("slug")}::text is null or m.host = ${sql.placeholder("host")} or m.slug = ${sql.placeholder("slug")}
        order by m.host = ${sql.placeholder("host")} desc nulls last, m.created_at asc
        limit 1)`,
    )
    .prepare("paragraf_visitor_municipality"),
);

/**
 * What an anonymous request needs before anything else, in one statement: the data version (src/db/data-version.ts)
 * and the municipality it is about: the one at this host name; else the one with the default slug, or the oldest
 * when there is no default.
 */
export async function readVisitorContext(db: Db, host: string, defaultSlug: string | undefined) {
  const [row] = await visitorStatement(db).execute({ host, slug: defaultSlug ?? null });
  return {
    version: row?.version ?? 0,
    municipality: row?.id ? { id: row.id, name: row.name!, slug: row.slug! } : null,
  };
}

export function findFirstMunicipality(tx: Db | Tx) {
  return tx.query.municipality.findFirst({ orderBy: asc(municipality.createdAt) });
}

export function findBody(tx: Tx, municipalityId: string, id: string) {
  return tx.query.body.findFirst({
    where: and(eq(body.municipalityId, municipalityId), eq(body.id, id), isNull(body.deletedAt)),
  });
}

export function findBodyBySlug(tx: Tx, municipalityId: string, slug: string) {
  return tx.query.body.findFirst({
    where: and(eq(body.municipalityId, municipalityId), eq(body.slug, slug), isNull(body.deletedAt)),
  });
}

/** The municipality's bodies by name, optionally of one kind or with one slug. */
export function listBodies(tx: Tx, municipalityId: string, filter: { kind?: BodyKind; slug?: string } = {}) {
  return tx
    .select()
    .from(body)
    .where(
      and(
        eq(body.municipalityId, municipalityId),
        isNull(body.deletedAt),
        filter.kind ? eq(body.kind, filter.kind) : undefined,
        filter.slug ? eq(body.slug, filter.slug) : undefined,
      ),
    )
    .orderBy(asc(body.name));
}

export function listChildBodies(tx: Tx, municipalityId: string, parentId: string) {
  return tx
    .select()
    .from(body)
    .where(and(eq(body.municipalityId, municipalityId), eq(body.parentId, parentId), isNull(body.deletedAt)))
    .orderBy(asc(body.name));
}

export function findParty(tx: Tx, municipalityId: string, id: string) {
  return tx.query.party.findFirst({
    where: and(eq(party.municipalityId, municipalityId), eq(party.id, id), isNull(party.deletedAt)),
  });
}

export function findPartyByAbbreviation(tx: Tx, municipalityId: string, abbreviation: string) {
  return tx.query.party.findFirst({
    where: and(
      eq(party.municipalityId, municipalityId),
      eq(party.abbreviation, abbreviation),
      isNull(party.deletedAt),
    ),
  });
}

export function listParties(tx: Tx, municipalityId: string) {
  return tx
    .select()
    .from(party)
    .where(and(eq(party.municipalityId, municipalityId), isNull(party.deletedAt)))
    .orderBy(asc(party.abbreviation));
}

export function findPerson(tx: Tx, municipalityId: string, id: string) {
  return tx.query.person.findFirst({
    where: and(eq(person.municipalityId, municipalityId), eq(person.id, id), isNull(person.deletedAt)),
  });
}

export function listPersons(tx: Tx, municipalityId: string) {
  return tx
    .select({
      id: person.id,
      name: person.name,
      email: person.email,
      partyId: person.partyId,
      partyAbbreviation: party.abbreviation,
    })
    .from(person)
    .leftJoin(party, eq(party.id, person.partyId))
    .where(and(eq(person.municipalityId, municipalityId), isNull(person.deletedAt)))
    .orderBy(asc(person.name));
}

export function findMembership(tx: Tx, municipalityId: string, id: string) {
  return tx.query.membership.findFirst({
    where: and(
      eq(membership.municipalityId, municipalityId),
      eq(membership.id, id),
      isNull(membership.deletedAt),
    ),
  });
}

const roleOrder = sql`case ${membership.role} when 'chair' then 0 when 'vice_chair' then 1 when 'member' then 2 else 3 end`;

/** Memberships with person and party, for one body or one person. */
export function listMemberships(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; personId?: string },
) {
  return tx
    .select({
      id: membership.id,
      personId: membership.personId,
      bodyId: membership.bodyId,
      role: membership.role,
      startsOn: membership.startsOn,
      endsOn: membership.endsOn,
      personName: person.name,
      partyAbbreviation: party.abbreviation,
      bodyName: body.name,
      bodySlug: body.slug,
    })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .innerJoin(body, eq(body.id, membership.bodyId))
    .leftJoin(party, eq(party.id, person.partyId))
    .where(
      and(
        eq(membership.municipalityId, municipalityId),
        isNull(membership.deletedAt),
        isNull(person.deletedAt),
        filter.bodyId ? eq(membership.bodyId, filter.bodyId) : undefined,
        filter.personId ? eq(membership.personId, filter.personId) : undefined,
      ),
    )
    .orderBy(roleOrder, asc(person.name));
}

export function findOfficial(tx: Tx, municipalityId: string, id: string) {
  return tx.query.official.findFirst({
    where: and(eq(official.municipalityId, municipalityId), eq(official.id, id), isNull(official.deletedAt)),
  });
}

/** Officials with person and administration, for one body or one person. */
export function listOfficials(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; personId?: string },
) {
  return tx
    .select({
      id: official.id,
      personId: official.personId,
      bodyId: official.bodyId,
      title: official.title,
      personName: person.name,
      email: person.email,
      bodyName: body.name,
      bodySlug: body.slug,
    })
    .from(official)
    .innerJoin(person, eq(person.id, official.personId))
    .innerJoin(body, eq(body.id, official.bodyId))
    .where(
      and(
        eq(official.municipalityId, municipalityId),
        isNull(official.deletedAt),
        isNull(person.deletedAt),
        filter.bodyId ? eq(official.bodyId, filter.bodyId) : undefined,
        filter.personId ? eq(official.personId, filter.personId) : undefined,
      ),
    )
    .orderBy(asc(person.name));
}
