import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { anyOf } from "../db/any-of.js";
import type { Tx } from "../db/connect.js";
import { body, membership, party, person } from "../organisation/tables.js";
import { record, registerCase } from "../register/tables.js";
import { officialReport, officialReportVersion } from "../reports/tables.js";
import {
  agendaItem,
  attendance,
  ballot,
  decisionBasisEntry,
  decisionPoint,
  decisionRouteStep,
  disqualification,
  meeting,
  minutesAttachment,
  motion,
  motionPerson,
  paragraph,
  question,
  recipient,
  reservation,
  secretTextReview,
  statement,
  statementParty,
  statementPerson,
  voteEvent,
} from "./tables.js";

// Small reads with no rules in them, each scoped to a municipality (directly or through its meeting). Lists of ids
// go as one array parameter (anyOf, src/db/any-of.ts), not inArray: the figure that justifies it is there.

export function findMeeting(tx: Tx, municipalityId: string, id: string) {
  return tx.query.meeting.findFirst({
    where: and(eq(meeting.municipalityId, municipalityId), eq(meeting.id, id)),
  });
}

/** A meeting with the body that holds it, in one query. */
export async function findMeetingWithBody(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select({ meeting, body })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.id, id)));
  return row;
}

/** Locks the meeting row until commit, so that concurrent writes about one meeting queue behind each other. */
export async function lockMeeting(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(meeting)
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.id, id)))
    .for("update");
  return row;
}

export function listMeetings(tx: Tx, municipalityId: string, filter: { bodyId?: string } = {}) {
  return tx
    .select({
      id: meeting.id,
      bodyId: meeting.bodyId,
      heldOn: meeting.heldOn,
      startsAt: meeting.startsAt,
      place: meeting.place,
      status: meeting.status,
      isPublic: meeting.isPublic,
      noticePublishedOn: meeting.noticePublishedOn,
      bodyName: body.name,
      bodyShortName: body.shortName,
      bodySlug: body.slug,
    })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(
      and(
        eq(meeting.municipalityId, municipalityId),
        filter.bodyId ? eq(meeting.bodyId, filter.bodyId) : undefined,
      ),
    )
    .orderBy(desc(meeting.heldOn), asc(body.name));
}

export function findAgendaItem(tx: Tx, municipalityId: string, id: string) {
  return tx.query.agendaItem.findFirst({
    where: and(eq(agendaItem.municipalityId, municipalityId), eq(agendaItem.id, id)),
  });
}

export function listAgenda(tx: Tx, meetingId: string) {
  return tx
    .select({
      id: agendaItem.id,
      position: agendaItem.position,
      title: agendaItem.title,
      caseId: agendaItem.caseId,
      caseNumber: registerCase.number,
      caseSecret: sql<boolean>`${registerCase.secrecyProvision} is not null`,
      casePublicTitle: registerCase.publicTitle,
      caseResponsibleBodyId: registerCase.responsibleBodyId,
      proposedByParagraphId: agendaItem.proposedByParagraphId,
      proposalText: agendaItem.proposalText,
      proposalReportId: agendaItem.proposalReportId,
      proposalReportVersion: agendaItem.proposalReportVersion,
      proposalReportLabel: agendaItem.proposalReportLabel,
      paragraphId: paragraph.id,
      paragraphNumber: paragraph.number,
      paragraphYear: paragraph.year,
    })
    .from(agendaItem)
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId))
    .leftJoin(paragraph, eq(paragraph.agendaItemId, agendaItem.id))
    .where(eq(agendaItem.meetingId, meetingId))
    .orderBy(asc(agendaItem.position));
}

export function findParagraph(tx: Tx, municipalityId: string, id: string) {
  return tx.query.paragraph.findFirst({
    where: and(eq(paragraph.municipalityId, municipalityId), eq(paragraph.id, id)),
  });
}

export function findParagraphOfItem(tx: Tx, agendaItemId: string) {
  return tx.query.paragraph.findFirst({ where: eq(paragraph.agendaItemId, agendaItemId) });
}

/** Paragraphs in one case, oldest meeting first, with body and meeting date. */
export function listParagraphsOfCase(tx: Tx, municipalityId: string, caseId: string) {
  return tx
    .select({
      id: paragraph.id,
      number: paragraph.number,
      year: paragraph.year,
      bodyId: paragraph.bodyId,
      heldOn: meeting.heldOn,
      meetingId: meeting.id,
    })
    .from(paragraph)
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(agendaItem.caseId, caseId)))
    .orderBy(asc(meeting.heldOn), asc(paragraph.number));
}

/** Paragraphs in any of the cases, oldest meeting first, with the case they belong to. */
export function listParagraphsOfCases(tx: Tx, municipalityId: string, caseIds: string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ id: paragraph.id, meetingId: paragraph.meetingId, caseId: agendaItem.caseId })
    .from(paragraph)
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .where(and(eq(paragraph.municipalityId, municipalityId), anyOf(agendaItem.caseId, caseIds)))
    .orderBy(asc(meeting.heldOn), asc(paragraph.number));
}

export function listAttendance(tx: Tx, meetingId: string) {
  return tx
    .select({
      id: attendance.id,
      personId: attendance.personId,
      capacity: attendance.capacity,
      presides: attendance.presides,
      replacesPersonId: attendance.replacesPersonId,
      fromPosition: attendance.fromPosition,
      toPosition: attendance.toPosition,
      note: attendance.note,
      personName: person.name,
      partyAbbreviation: party.abbreviation,
    })
    .from(attendance)
    .innerJoin(person, eq(person.id, attendance.personId))
    .leftJoin(party, eq(party.id, person.partyId))
    .where(eq(attendance.meetingId, meetingId))
    .orderBy(asc(person.name));
}

export function listDisqualifications(tx: Tx, agendaItemIds: string[]) {
  if (agendaItemIds.length === 0) return Promise.resolve([]);
  return tx.select().from(disqualification).where(anyOf(disqualification.agendaItemId, agendaItemIds));
}

/** Memberships of a body in force on a day. */
export function membershipsOn(tx: Tx, bodyId: string, day: string) {
  return tx
    .select({ personId: membership.personId, role: membership.role })
    .from(membership)
    .where(
      and(
        eq(membership.bodyId, bodyId),
        sql`${membership.deletedAt} is null`,
        sql`${membership.startsOn} <= ${day}`,
        sql`(${membership.endsOn} is null or ${membership.endsOn} >= ${day})`,
      ),
    );
}

export function listMotions(tx: Tx, paragraphId: string) {
  return tx.select().from(motion).where(eq(motion.paragraphId, paragraphId)).orderBy(asc(motion.position));
}

export function listMotionsOfParagraphs(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(motion)
    .where(anyOf(motion.paragraphId, paragraphIds))
    .orderBy(asc(motion.position));
}

export function listMotionPersons(tx: Tx, motionIds: string[]) {
  if (motionIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(motionPerson)
    .where(anyOf(motionPerson.motionId, motionIds))
    .orderBy(asc(motionPerson.position));
}

export function listVotes(tx: Tx, paragraphId: string) {
  return tx
    .select()
    .from(voteEvent)
    .where(eq(voteEvent.paragraphId, paragraphId))
    .orderBy(asc(voteEvent.position));
}

export function listVotesOfParagraphs(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(voteEvent)
    .where(anyOf(voteEvent.paragraphId, paragraphIds))
    .orderBy(asc(voteEvent.position));
}

export function listBallots(tx: Tx, voteEventIds: string[]) {
  if (voteEventIds.length === 0) return Promise.resolve([]);
  return tx.select().from(ballot).where(anyOf(ballot.voteEventId, voteEventIds));
}

export function listQuestions(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(question)
    .where(anyOf(question.paragraphId, paragraphIds))
    .orderBy(asc(question.position));
}

export function listDecisionPoints(tx: Tx, paragraphId: string) {
  return tx
    .select()
    .from(decisionPoint)
    .where(eq(decisionPoint.paragraphId, paragraphId))
    .orderBy(asc(decisionPoint.position));
}

export function listDecisionPointsOfParagraphs(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(decisionPoint)
    .where(anyOf(decisionPoint.paragraphId, paragraphIds))
    .orderBy(asc(decisionPoint.position));
}

/** The reviews of free text on secret cases in these paragraphs (L31): which texts the public may read. */
export function listSecretTextReviews(tx: Tx, paragraphIds: readonly string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(secretTextReview)
    .where(anyOf(secretTextReview.paragraphId, paragraphIds))
    .orderBy(asc(secretTextReview.reviewedAt));
}

export function listReservations(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(reservation)
    .where(anyOf(reservation.paragraphId, paragraphIds))
    .orderBy(asc(reservation.position));
}

export function listStatements(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(statement)
    .where(anyOf(statement.paragraphId, paragraphIds))
    .orderBy(asc(statement.position));
}

export function listStatementParties(tx: Tx, statementIds: string[]) {
  if (statementIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(statementParty)
    .where(anyOf(statementParty.statementId, statementIds))
    .orderBy(asc(statementParty.position));
}

export function listStatementPersons(tx: Tx, statementIds: string[]) {
  if (statementIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(statementPerson)
    .where(anyOf(statementPerson.statementId, statementIds))
    .orderBy(asc(statementPerson.position));
}

export function listRecipients(tx: Tx, paragraphId: string) {
  return tx
    .select()
    .from(recipient)
    .where(eq(recipient.paragraphId, paragraphId))
    .orderBy(asc(recipient.position));
}

const parentBody = alias(body, "parent_body");

/** The recipients of the paragraphs' decisions, each with its body and that body's parent when it names one. */
export function listRecipientsOfParagraphs(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      recipient,
      body: { kind: body.kind, name: body.name, shortName: body.shortName },
      parent: { name: parentBody.name },
    })
    .from(recipient)
    .leftJoin(body, eq(body.id, recipient.bodyId))
    .leftJoin(parentBody, eq(parentBody.id, body.parentId))
    .where(anyOf(recipient.paragraphId, paragraphIds))
    .orderBy(asc(recipient.position));
}

export function listBasis(tx: Tx, agendaItemId: string) {
  return tx
    .select()
    .from(decisionBasisEntry)
    .where(eq(decisionBasisEntry.agendaItemId, agendaItemId))
    .orderBy(asc(decisionBasisEntry.position));
}

export function listBasisOfItems(tx: Tx, agendaItemIds: string[]) {
  if (agendaItemIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(decisionBasisEntry)
    .where(anyOf(decisionBasisEntry.agendaItemId, agendaItemIds))
    .orderBy(asc(decisionBasisEntry.position));
}

export function listAttachments(tx: Tx, meetingIds: string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(minutesAttachment)
    .where(anyOf(minutesAttachment.meetingId, meetingIds))
    .orderBy(asc(minutesAttachment.number));
}

export function listRoute(tx: Tx, municipalityId: string, caseId: string) {
  return tx
    .select({
      id: decisionRouteStep.id,
      position: decisionRouteStep.position,
      bodyId: decisionRouteStep.bodyId,
      plannedOn: decisionRouteStep.plannedOn,
      meetingId: decisionRouteStep.meetingId,
      role: decisionRouteStep.role,
      bodyName: body.name,
      bodyShortName: body.shortName,
    })
    .from(decisionRouteStep)
    .innerJoin(body, eq(body.id, decisionRouteStep.bodyId))
    .where(and(eq(decisionRouteStep.municipalityId, municipalityId), eq(decisionRouteStep.caseId, caseId)))
    .orderBy(asc(decisionRouteStep.position));
}

/** The decision routes of the cases, each step with its body's name. */
export function listRoutesOfCases(tx: Tx, municipalityId: string, caseIds: string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      caseId: decisionRouteStep.caseId,
      position: decisionRouteStep.position,
      plannedOn: decisionRouteStep.plannedOn,
      meetingId: decisionRouteStep.meetingId,
      role: decisionRouteStep.role,
      bodyName: body.name,
    })
    .from(decisionRouteStep)
    .innerJoin(body, eq(body.id, decisionRouteStep.bodyId))
    .where(
      and(eq(decisionRouteStep.municipalityId, municipalityId), anyOf(decisionRouteStep.caseId, caseIds)),
    )
    .orderBy(asc(decisionRouteStep.position));
}

/** Records with the responsible body of the case they belong to, which decides who may read them when secret. */
export function findRecordsWithOwner(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select({ record, responsibleBodyId: registerCase.responsibleBodyId })
    .from(record)
    .innerJoin(registerCase, eq(registerCase.id, record.caseId))
    .where(and(eq(record.municipalityId, municipalityId), anyOf(record.id, ids)));
}

export function findRecordsByIds(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(record)
    .where(and(eq(record.municipalityId, municipalityId), anyOf(record.id, ids)));
}

export function findPersonsByIds(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select({
      id: person.id,
      name: person.name,
      partyId: person.partyId,
      partyAbbreviation: party.abbreviation,
      partyName: party.name,
    })
    .from(person)
    .leftJoin(party, eq(party.id, person.partyId))
    .where(and(eq(person.municipalityId, municipalityId), anyOf(person.id, ids)));
}

export function findPartiesByIds(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(party)
    .where(and(eq(party.municipalityId, municipalityId), anyOf(party.id, ids)));
}

export function findBodiesByIds(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(body)
    .where(and(eq(body.municipalityId, municipalityId), anyOf(body.id, ids)));
}

function selectParagraphContexts(tx: Tx) {
  return tx
    .select({
      paragraph,
      body,
      meeting,
      item: agendaItem,
      case: registerCase,
      // The body that decides the case on its route, when one is planned: a preparing body's decision is then a
      // proposal to it ("Kommunstyrelsen föreslår kommunfullmäktige besluta").
      decider: sql<{ id: string; name: string } | null>`(
        select json_build_object('id', decider.id, 'name', decider.name)
        from decision_route_step step join body decider on decider.id = step.body_id
        where step.case_id = ${registerCase.id} and step.role = 'decide'
        order by step.position desc limit 1)`,
    })
    .from(paragraph)
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId))
    .$dynamic();
}

/** Paragraphs with their body, meeting, agenda item and case, in one query, in order of number. */
export function findParagraphContexts(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectParagraphContexts(tx)
    .where(and(eq(paragraph.municipalityId, municipalityId), anyOf(paragraph.id, ids)))
    .orderBy(asc(paragraph.year), asc(paragraph.number));
}

/** One paragraph with its body, meeting, agenda item and case, by its public reference (kommunfullmaktige/2026/8). */
export async function findParagraphContextByNumber(
  tx: Tx,
  municipalityId: string,
  ref: { bodySlug: string; year: number; number: number },
) {
  const [row] = await selectParagraphContexts(tx).where(
    and(
      eq(paragraph.municipalityId, municipalityId),
      eq(body.slug, ref.bodySlug),
      sql`${body.deletedAt} is null`,
      eq(paragraph.year, ref.year),
      eq(paragraph.number, ref.number),
    ),
  );
  return row;
}

/**
 * The proposal of a case's most recently signed official report (its "Förslag till beslut" as signed), or undefined
 * when no version of a report in the case is signed. Reads reports' tables only (migration 0020).
 */
export async function findSignedReportProposal(tx: Tx, municipalityId: string, caseId: string) {
  const [row] = await tx
    .select({
      reportId: officialReport.id,
      version: officialReportVersion.version,
      datedOn: officialReportVersion.datedOn,
      signedAt: officialReportVersion.signedAt,
      texts: officialReportVersion.texts,
    })
    .from(officialReportVersion)
    .innerJoin(officialReport, eq(officialReport.id, officialReportVersion.reportId))
    .where(
      and(
        eq(officialReport.municipalityId, municipalityId),
        eq(officialReport.caseId, caseId),
        sql`${officialReportVersion.signedAt} is not null`,
      ),
    )
    .orderBy(desc(officialReportVersion.signedAt), desc(officialReportVersion.version))
    .limit(1);
  return row;
}
