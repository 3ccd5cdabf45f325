import { type AnyColumn, and, asc, eq, gt, isNotNull, type SQL, sql } from "drizzle-orm";
import { anyOf } from "../../db/any-of.js";
import type { Tx } from "../../db/connect.js";
import {
  agendaItem,
  attendance,
  decisionPoint,
  decisionRouteStep,
  meeting,
  paragraph,
} from "../../meetings/tables.js";
import { body, membership, municipality, party, person } from "../../organisation/tables.js";
import { registerCase } from "../../register/tables.js";
import { selectDecisions } from "../queries.js";

// The rows OParl lists and objects are made of. Every list is one query for one page of rows (keyset on the id,
// so a page costs the same at the start of a list as deep in it), and what a page embeds (a meeting's agenda
// items, a paper's consultations, a person's memberships) is one more query for the whole page, never one per row.

/** A page of a list: after which id, how many, and the OParl time filters. */
export interface Window {
  after?: string | null;
  limit: number;
  createdSince?: Date;
  createdUntil?: Date;
  modifiedSince?: Date;
  modifiedUntil?: Date;
  /** Only these ids (an object by its id, or the rows embedded in a page of parents). */
  ids?: readonly string[];
}

type Expr = AnyColumn | SQL;

/** The conditions of a window over a list whose rows are created, modified and identified by these expressions. */
function windowed(w: Window, id: AnyColumn, created: Expr, modified: Expr): (SQL | undefined)[] {
  return [
    w.after ? gt(id, w.after) : undefined,
    w.ids ? anyOf(id, w.ids) : undefined,
    w.createdSince ? sql`${created} >= ${w.createdSince.toISOString()}` : undefined,
    w.createdUntil ? sql`${created} <= ${w.createdUntil.toISOString()}` : undefined,
    w.modifiedSince ? sql`${modified} >= ${w.modifiedSince.toISOString()}` : undefined,
    w.modifiedUntil ? sql`${modified} <= ${w.modifiedUntil.toISOString()}` : undefined,
  ];
}

export function findMunicipalityRow(tx: Tx, id: string) {
  return tx.query.municipality.findFirst({ where: eq(municipality.id, id) });
}

export function listOrganizationRows(tx: Tx, municipalityId: string, w: Window) {
  return tx
    .select()
    .from(body)
    .where(
      and(eq(body.municipalityId, municipalityId), ...windowed(w, body.id, body.createdAt, body.updatedAt)),
    )
    .orderBy(asc(body.id))
    .limit(w.limit);
}

/** Parties: each is an Organization beside the bodies. */
export function listPartyRows(tx: Tx, municipalityId: string, w: Window) {
  return tx
    .select()
    .from(party)
    .where(
      and(
        eq(party.municipalityId, municipalityId),
        ...windowed(w, party.id, party.createdAt, party.updatedAt),
      ),
    )
    .orderBy(asc(party.id))
    .limit(w.limit);
}

/**
 * Persons with a party: each is a Membership of the person in the party, identified by the person's id (a person
 * has one party), created and modified with the person.
 */
export function listPartyMembershipRows(
  tx: Tx,
  municipalityId: string,
  w: Window & { personIds?: readonly string[]; partyIds?: readonly string[] },
) {
  return tx
    .select({
      id: person.id,
      personId: person.id,
      partyId: sql<string>`${person.partyId}`,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
      deletedAt: person.deletedAt,
    })
    .from(person)
    .where(
      and(
        eq(person.municipalityId, municipalityId),
        isNotNull(person.partyId),
        w.personIds ? anyOf(person.id, w.personIds) : undefined,
        w.partyIds ? anyOf(person.partyId, w.partyIds) : undefined,
        ...windowed(w, person.id, person.createdAt, person.updatedAt),
      ),
    )
    .orderBy(asc(person.id))
    .limit(w.limit);
}

export function listPersonRows(tx: Tx, municipalityId: string, w: Window) {
  return tx
    .select({ person, partyName: party.name, partyAbbreviation: party.abbreviation })
    .from(person)
    .leftJoin(party, eq(party.id, person.partyId))
    .where(
      and(
        eq(person.municipalityId, municipalityId),
        ...windowed(w, person.id, person.createdAt, person.updatedAt),
      ),
    )
    .orderBy(asc(person.id))
    .limit(w.limit);
}

export function listMembershipRows(
  tx: Tx,
  municipalityId: string,
  w: Window & { personIds?: readonly string[]; bodyIds?: readonly string[] },
) {
  return tx
    .select()
    .from(membership)
    .where(
      and(
        eq(membership.municipalityId, municipalityId),
        w.personIds ? anyOf(membership.personId, w.personIds) : undefined,
        w.bodyIds ? anyOf(membership.bodyId, w.bodyIds) : undefined,
        ...windowed(w, membership.id, membership.createdAt, membership.updatedAt),
      ),
    )
    .orderBy(asc(membership.id))
    .limit(w.limit);
}

/**
 * Meetings, of one body or all; with `published`, only those with a published notice, or with minutes (closed):
 * each of those is a notice document, or a minutes document (a File).
 */
export function listMeetingRows(
  tx: Tx,
  municipalityId: string,
  w: Window & { bodyId?: string; published?: "kallelse" | "protokoll" },
) {
  return tx
    .select({ meeting, bodySlug: body.slug, bodyName: body.name, bodyShortName: body.shortName })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(
      and(
        eq(meeting.municipalityId, municipalityId),
        w.bodyId ? eq(meeting.bodyId, w.bodyId) : undefined,
        w.published === "kallelse" ? isNotNull(meeting.noticePublishedOn) : undefined,
        w.published === "protokoll" ? isNotNull(meeting.closedAt) : undefined,
        ...windowed(w, meeting.id, meeting.createdAt, meeting.updatedAt),
      ),
    )
    .orderBy(asc(meeting.id))
    .limit(w.limit);
}

/** Who attended these meetings, from the minutes' attendance: each person once per meeting. */
export function listParticipantRows(tx: Tx, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return tx
    .selectDistinct({ meetingId: attendance.meetingId, personId: attendance.personId })
    .from(attendance)
    .where(anyOf(attendance.meetingId, meetingIds))
    .orderBy(asc(attendance.meetingId), asc(attendance.personId));
}

const itemModified = sql`coalesce(${paragraph.updatedAt}, ${agendaItem.createdAt})`;

export function listAgendaItemRows(
  tx: Tx,
  municipalityId: string,
  w: Window & { meetingIds?: readonly string[] },
) {
  return tx
    .select({
      item: agendaItem,
      meetingIsPublic: meeting.isPublic,
      paragraphId: paragraph.id,
      paragraphYear: paragraph.year,
      paragraphNumber: paragraph.number,
      paragraphUpdatedAt: paragraph.updatedAt,
      bodySlug: body.slug,
      caseSecret: sql<boolean>`${registerCase.secrecyProvision} is not null`,
      casePublicTitle: registerCase.publicTitle,
    })
    .from(agendaItem)
    .innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId))
    .leftJoin(paragraph, eq(paragraph.agendaItemId, agendaItem.id))
    .where(
      and(
        eq(agendaItem.municipalityId, municipalityId),
        w.meetingIds ? anyOf(agendaItem.meetingId, w.meetingIds) : undefined,
        ...windowed(w, agendaItem.id, agendaItem.createdAt, itemModified),
      ),
    )
    .orderBy(asc(agendaItem.id))
    .limit(w.limit);
}

/** The decision points of paragraphs, in order: what an agenda item's resolution text is made of. */
export function listResolutionPoints(tx: Tx, paragraphIds: readonly string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      paragraphId: decisionPoint.paragraphId,
      position: decisionPoint.position,
      text: decisionPoint.text,
    })
    .from(decisionPoint)
    .where(anyOf(decisionPoint.paragraphId, paragraphIds))
    .orderBy(asc(decisionPoint.paragraphId), asc(decisionPoint.position));
}

export function listPaperRows(tx: Tx, municipalityId: string, w: Window) {
  return tx
    .select()
    .from(registerCase)
    .where(
      and(
        eq(registerCase.municipalityId, municipalityId),
        ...windowed(w, registerCase.id, registerCase.createdAt, registerCase.updatedAt),
      ),
    )
    .orderBy(asc(registerCase.id))
    .limit(w.limit);
}

/** Steps of decision routes, with the agenda item that took the case up at the step's meeting, if any. */
export function listConsultationRows(
  tx: Tx,
  municipalityId: string,
  w: Window & { caseIds?: readonly string[] },
) {
  return tx
    .select({
      step: decisionRouteStep,
      agendaItemId: agendaItem.id,
    })
    .from(decisionRouteStep)
    .leftJoin(
      agendaItem,
      and(
        eq(agendaItem.meetingId, decisionRouteStep.meetingId),
        eq(agendaItem.caseId, decisionRouteStep.caseId),
      ),
    )
    .where(
      and(
        eq(decisionRouteStep.municipalityId, municipalityId),
        w.caseIds ? anyOf(decisionRouteStep.caseId, w.caseIds) : undefined,
        ...windowed(w, decisionRouteStep.id, decisionRouteStep.createdAt, decisionRouteStep.createdAt),
      ),
    )
    .orderBy(asc(decisionRouteStep.id))
    .limit(w.limit);
}

/** The consultation steps that name these agenda items' meetings and cases: an agenda item's consultation. */
export function listConsultationsOfItems(tx: Tx, agendaItemIds: readonly string[]) {
  if (agendaItemIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ agendaItemId: agendaItem.id, stepId: decisionRouteStep.id })
    .from(agendaItem)
    .innerJoin(
      decisionRouteStep,
      and(
        eq(decisionRouteStep.meetingId, agendaItem.meetingId),
        eq(decisionRouteStep.caseId, agendaItem.caseId),
      ),
    )
    .where(anyOf(agendaItem.id, agendaItemIds));
}

/** Paragraphs: each is published as a decision document (a File). */
export function listParagraphFileRows(tx: Tx, municipalityId: string, w: Window) {
  return selectDecisions(tx)
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        ...windowed(w, paragraph.id, paragraph.createdAt, paragraph.updatedAt),
      ),
    )
    .orderBy(asc(paragraph.id))
    .limit(w.limit);
}
