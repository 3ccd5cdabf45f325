import { and, asc, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { PgSelect, SelectedFields } from "drizzle-orm/pg-core";
import type { Tx } from "../db/connect.js";
import {
  agendaItem,
  ballot,
  meeting,
  motion,
  motionPerson,
  paragraph,
  reservation,
  statement,
  statementPerson,
  voteEvent,
} from "../meetings/tables.js";
import { body, membership, party, person } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";

// Small reads of the portal pages, each one query, each scoped to the municipality.

/** The meetings a body holds on a day, in order of starting time. */
export function listMeetingsOnDay(tx: Tx, municipalityId: string, bodySlug: string, day: string) {
  return tx
    .select({ id: meeting.id, startsAt: meeting.startsAt, bodyName: body.name })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(
      and(
        eq(meeting.municipalityId, municipalityId),
        eq(body.slug, bodySlug),
        isNull(body.deletedAt),
        eq(meeting.heldOn, day),
      ),
    )
    .orderBy(asc(meeting.startsAt), asc(meeting.id));
}

/** What a meeting's readable address is made of: its body's slug, its day, and how many meetings share the day. */
export async function findMeetingAddressParts(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select({
      slug: body.slug,
      heldOn: meeting.heldOn,
      startsAt: meeting.startsAt,
      sameDay: sql<number>`(select count(*)::int from meeting o where o.body_id = ${meeting.bodyId} and o.held_on = ${meeting.heldOn})`,
    })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.id, id)));
  return row;
}

/**
 * The columns that name a decided paragraph and what its public title and its documents' names are made of: the
 * portal's lists of decisions, the feeds, and OParl's decision files all read them.
 */
const decisionColumns = {
  id: paragraph.id,
  year: paragraph.year,
  number: paragraph.number,
  createdAt: paragraph.createdAt,
  updatedAt: paragraph.updatedAt,
  meetingId: paragraph.meetingId,
  heldOn: meeting.heldOn,
  startsAt: meeting.startsAt,
  agendaItemId: paragraph.agendaItemId,
  itemTitle: agendaItem.title,
  caseId: registerCase.id,
  caseNumber: registerCase.number,
  caseSecret: sql<boolean>`${registerCase.secrecyProvision} is not null`,
  casePublicTitle: registerCase.publicTitle,
  bodyId: body.id,
  bodyName: body.name,
  bodyShortName: body.shortName,
  bodySlug: body.slug,
};

/** A query that has reached `paragraph`, joined to the paragraph's meeting, body, agenda item and case. */
function joinParagraphContext<T extends PgSelect>(query: T) {
  return query
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId));
}

/**
 * Decided paragraphs with their meeting, body, agenda item and case, and any further columns of those; the caller
 * adds the conditions and the order.
 */
export function selectDecisions<E extends SelectedFields = Record<never, never>>(tx: Tx, extra?: E) {
  return joinParagraphContext(
    tx
      .select({ ...decisionColumns, ...(extra as E) })
      .from(paragraph)
      .$dynamic(),
  );
}

/** The latest decided paragraphs, newest meeting first, with what their public title is made of. */
export function listLatestDecisions(
  tx: Tx,
  municipalityId: string,
  limit: number,
  filter: { bodyId?: string; beforeDay?: string } = {},
) {
  return selectDecisions(tx)
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        filter.bodyId ? eq(paragraph.bodyId, filter.bodyId) : undefined,
        filter.beforeDay ? lt(meeting.heldOn, filter.beforeDay) : undefined,
      ),
    )
    .orderBy(desc(meeting.heldOn), desc(paragraph.number))
    .limit(limit);
}

/** The elected members and other persons, by name. */
export function listPersonsWithParty(tx: Tx, municipalityId: string) {
  return tx
    .select({ id: person.id, name: person.name, partyAbbreviation: party.abbreviation })
    .from(person)
    .leftJoin(party, eq(party.id, person.partyId))
    .where(and(eq(person.municipalityId, municipalityId), isNull(person.deletedAt)))
    .orderBy(asc(person.name));
}

export async function findPersonWithParty(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select({
      id: person.id,
      name: person.name,
      partyName: party.name,
      partyAbbreviation: party.abbreviation,
    })
    .from(person)
    .leftJoin(party, eq(party.id, person.partyId))
    .where(and(eq(person.municipalityId, municipalityId), eq(person.id, id), isNull(person.deletedAt)));
  return row;
}

export function listMembershipsOfPerson(tx: Tx, municipalityId: string, personId: string) {
  return tx
    .select({
      role: membership.role,
      startsOn: membership.startsOn,
      endsOn: membership.endsOn,
      bodyName: body.name,
      bodySlug: body.slug,
    })
    .from(membership)
    .innerJoin(body, eq(body.id, membership.bodyId))
    .where(
      and(
        eq(membership.municipalityId, municipalityId),
        eq(membership.personId, personId),
        isNull(membership.deletedAt),
      ),
    )
    .orderBy(desc(membership.startsOn));
}

/** The columns that name a paragraph and what its public title is made of, for a member's record. */
const paragraphColumns = {
  paragraphId: paragraph.id,
  year: paragraph.year,
  number: paragraph.number,
  heldOn: meeting.heldOn,
  itemTitle: agendaItem.title,
  caseSecret: sql<boolean>`${registerCase.secrecyProvision} is not null`,
  casePublicTitle: registerCase.publicTitle,
  bodyName: body.name,
  bodyShortName: body.shortName,
  bodySlug: body.slug,
};

export function listMotionsOfPerson(tx: Tx, municipalityId: string, personId: string) {
  return joinParagraphContext(
    tx
      .select({
        ...paragraphColumns,
        motionId: motion.id,
        role: motionPerson.role,
        kind: motion.kind,
        text: motion.text,
      })
      .from(motionPerson)
      .innerJoin(motion, eq(motion.id, motionPerson.motionId))
      .innerJoin(paragraph, eq(paragraph.id, motion.paragraphId))
      .$dynamic(),
  )
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(motionPerson.personId, personId)))
    .orderBy(desc(meeting.heldOn), desc(paragraph.number));
}

export function listBallotsOfPerson(tx: Tx, municipalityId: string, personId: string) {
  return joinParagraphContext(
    tx
      .select({
        ...paragraphColumns,
        choice: ballot.choice,
        votePosition: voteEvent.position,
        result: voteEvent.result,
        yesCount: voteEvent.yesCount,
        noCount: voteEvent.noCount,
      })
      .from(ballot)
      .innerJoin(voteEvent, eq(voteEvent.id, ballot.voteEventId))
      .innerJoin(paragraph, eq(paragraph.id, voteEvent.paragraphId))
      .$dynamic(),
  )
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        eq(ballot.personId, personId),
        eq(voteEvent.secret, false),
      ),
    )
    .orderBy(desc(meeting.heldOn), desc(paragraph.number), asc(voteEvent.position));
}

export function listReservationsOfPerson(tx: Tx, municipalityId: string, personId: string) {
  return joinParagraphContext(
    tx
      .select({ ...paragraphColumns, written: sql<boolean>`${reservation.justification} is not null` })
      .from(reservation)
      .innerJoin(paragraph, eq(paragraph.id, reservation.paragraphId))
      .$dynamic(),
  )
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(reservation.personId, personId)))
    .orderBy(desc(meeting.heldOn), desc(paragraph.number));
}

export function listStatementsOfPerson(tx: Tx, municipalityId: string, personId: string) {
  return joinParagraphContext(
    tx
      .select({ ...paragraphColumns, kind: statement.kind, role: statementPerson.role })
      .from(statementPerson)
      .innerJoin(statement, eq(statement.id, statementPerson.statementId))
      .innerJoin(paragraph, eq(paragraph.id, statement.paragraphId))
      .$dynamic(),
  )
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(statementPerson.personId, personId)))
    .orderBy(desc(meeting.heldOn), desc(paragraph.number));
}

/** Each body's years with decisions: what the bulk downloads are offered for. */
export function listDecisionYears(tx: Tx, municipalityId: string) {
  return tx
    .selectDistinct({ bodyName: body.name, bodySlug: body.slug, bodyId: body.id, year: paragraph.year })
    .from(paragraph)
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .where(and(eq(paragraph.municipalityId, municipalityId), isNull(body.deletedAt)))
    .orderBy(asc(body.name), desc(paragraph.year));
}

/** The live bodies, by name. */
export function listLiveBodies(tx: Tx, municipalityId: string) {
  return tx
    .select({ id: body.id, name: body.name, slug: body.slug, kind: body.kind })
    .from(body)
    .where(and(eq(body.municipalityId, municipalityId), isNull(body.deletedAt)))
    .orderBy(asc(body.name));
}

/** Meetings from a day on, of one body or all, in order of day: the start page's next meetings, the calendars. */
export function listMeetingsFrom(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; fromDay: string; limit: number },
) {
  return tx
    .select({
      id: meeting.id,
      heldOn: meeting.heldOn,
      startsAt: meeting.startsAt,
      place: meeting.place,
      status: meeting.status,
      isPublic: meeting.isPublic,
      closedAt: meeting.closedAt,
      updatedAt: meeting.updatedAt,
      bodyId: body.id,
      bodyName: body.name,
      bodySlug: body.slug,
    })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(
      and(
        eq(meeting.municipalityId, municipalityId),
        filter.bodyId ? eq(meeting.bodyId, filter.bodyId) : undefined,
        gte(meeting.heldOn, filter.fromDay),
      ),
    )
    .orderBy(asc(meeting.heldOn), asc(meeting.startsAt))
    .limit(filter.limit);
}
