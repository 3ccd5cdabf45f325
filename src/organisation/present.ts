import { type BodyKind, bodyKinds, isOffice } from "../domain/bodies.js";
import type { listMemberships, listOfficials, listPersons } from "./queries.js";
import type { body, membership, official, party, person } from "./tables.js";

// What readers see of the organisation register. All of it is public; these functions decide what a view shows
// and shape it, without I/O. "Today" comes in as an argument (todayInStockholm() in a request), so whether a
// membership is current never depends on the server's time zone and a test can fix the day.

type BodyRow = typeof body.$inferSelect;
type PartyRow = typeof party.$inferSelect;
type PersonRow = typeof person.$inferSelect;
type MembershipRow = Awaited<ReturnType<typeof listMemberships>>[number];
type OfficialRow = Awaited<ReturnType<typeof listOfficials>>[number];
type PersonListRow = Awaited<ReturnType<typeof listPersons>>[number];

/** A body as the API and the forms show it. */
export function presentBody(b: BodyRow) {
  return {
    id: b.id,
    kind: b.kind,
    name: b.name,
    shortName: b.shortName,
    slug: b.slug,
    parentId: b.parentId,
    openMeetings: b.openMeetings,
    seats: b.seats,
    email: b.email,
  };
}
export type BodyView = ReturnType<typeof presentBody>;

export function presentParty(p: PartyRow) {
  return { id: p.id, name: p.name, abbreviation: p.abbreviation };
}
export type PartyView = ReturnType<typeof presentParty>;

export function presentPerson(p: PersonRow) {
  return { id: p.id, name: p.name, email: p.email, partyId: p.partyId };
}
export type PersonView = ReturnType<typeof presentPerson>;

/** A person in a list, with the party's abbreviation. */
export function presentPersonEntry(p: PersonListRow) {
  return { ...p };
}
export type PersonEntry = ReturnType<typeof presentPersonEntry>;

/** A seat in a body: who, which party, which role, from when to when. */
export function presentMembership(x: MembershipRow) {
  return {
    id: x.id,
    personId: x.personId,
    bodyId: x.bodyId,
    role: x.role,
    startsOn: x.startsOn,
    endsOn: x.endsOn,
    personName: x.personName,
    partyAbbreviation: x.partyAbbreviation,
    bodyName: x.bodyName,
    bodySlug: x.bodySlug,
  };
}
export type MembershipView = ReturnType<typeof presentMembership>;

export function presentStoredMembership(x: typeof membership.$inferSelect) {
  return {
    id: x.id,
    personId: x.personId,
    bodyId: x.bodyId,
    role: x.role,
    startsOn: x.startsOn,
    endsOn: x.endsOn,
  };
}

export function presentOfficial(o: OfficialRow) {
  return { ...o };
}
export type OfficialView = ReturnType<typeof presentOfficial>;

export function presentStoredOfficial(o: typeof official.$inferSelect) {
  return { id: o.id, personId: o.personId, bodyId: o.bodyId, title: o.title };
}

/** A membership is current through its last day (inclusive) in Stockholm, and open-ended ones always are. */
export function isCurrentMembership(x: { endsOn: string | null }, today: string): boolean {
  return x.endsOn === null || x.endsOn >= today;
}

/** The /organ index: bodies grouped by kind, in the order of the kinds, each with the name of its parent. */
export function presentBodyIndex(bodies: BodyRow[]) {
  const nameOf = new Map(bodies.map((b) => [b.id, b.name]));
  return bodyKinds
    .map((kind: BodyKind) => ({
      kind,
      bodies: bodies
        .filter((b) => b.kind === kind)
        .map((b) => ({
          ...presentBody(b),
          parentName: b.parentId ? (nameOf.get(b.parentId) ?? "") : "",
        })),
    }))
    .filter((group) => group.bodies.length > 0);
}

/** A body's page: its facts, parent and children, current and former members, and officials. */
export function presentBodyPage(
  loaded: {
    body: BodyRow;
    parent: BodyRow | undefined;
    children: BodyRow[];
    members: MembershipRow[];
    officials: OfficialRow[];
  },
  today: string,
) {
  const members = loaded.members.map(presentMembership);
  return {
    body: presentBody(loaded.body),
    /** Administrations, departments and units employ officials; elected bodies do not. */
    employsOfficials: isOffice(loaded.body.kind),
    parent: loaded.parent ? { name: loaded.parent.name, slug: loaded.parent.slug } : null,
    children: loaded.children.map((c) => ({ name: c.name, slug: c.slug })),
    current: members.filter((x) => isCurrentMembership(x, today)),
    former: members.filter((x) => !isCurrentMembership(x, today)),
    officials: loaded.officials.map(presentOfficial),
  };
}
export type BodyPage = ReturnType<typeof presentBodyPage>;

/** A person's page: party, memberships and posts. */
export function presentPersonPage(loaded: {
  person: PersonRow;
  party: PartyRow | undefined;
  memberships: MembershipRow[];
  posts: OfficialRow[];
}) {
  return {
    person: presentPerson(loaded.person),
    party: loaded.party ? presentParty(loaded.party) : null,
    memberships: loaded.memberships.map(presentMembership),
    posts: loaded.posts.map(presentOfficial),
  };
}
export type PersonPage = ReturnType<typeof presentPersonPage>;
