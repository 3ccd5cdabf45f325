import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { decisionReference } from "../assignments/tables.js";
import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import { mailDelivery, outboxJob } from "../jobs/tables.js";
import { body, party } from "../organisation/tables.js";
import { record, registerCase } from "../register/tables.js";
import {
  consultation,
  consultationAnswer,
  consultationQuestion,
  consultationReminder,
  consultee,
  consulteePosition,
  consulteePositionParty,
} from "./tables.js";

// Small queries, no rules: what a reader may see and how it is worded is decided in present.ts.

/** The consultation, locked for the rest of the transaction so two changes to it queue up. */
export async function lockConsultation(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(consultation)
    .where(and(eq(consultation.municipalityId, municipalityId), eq(consultation.id, id)))
    .for("update");
  if (!row) throw new NotFoundError("consultation");
  return row;
}

/** The consultation's consultees with their names, in the order they were listed. */
export function consulteesWithNames(tx: Tx, consultationId: string) {
  return tx
    .select({
      c: consultee,
      bodyName: body.name,
      bodyShortName: body.shortName,
    })
    .from(consultee)
    .leftJoin(body, eq(body.id, consultee.bodyId))
    .where(eq(consultee.consultationId, consultationId))
    .orderBy(asc(consultee.position));
}

/** One consultee, whichever consultation it belongs to. */
export async function findConsultee(tx: Tx, id: string) {
  const [row] = await tx.select().from(consultee).where(eq(consultee.id, id));
  return row;
}

/** One reminder, whichever consultation it belongs to. */
export async function findReminder(tx: Tx, id: string) {
  const [row] = await tx.select().from(consultationReminder).where(eq(consultationReminder.id, id));
  return row;
}

/** The consultation's reminder at exactly this instant, if there is one. */
export async function findReminderAt(tx: Tx, consultationId: string, remindAt: Date) {
  const [row] = await tx
    .select()
    .from(consultationReminder)
    .where(
      and(
        eq(consultationReminder.consultationId, consultationId),
        eq(consultationReminder.remindAt, remindAt),
      ),
    );
  return row;
}

/** The consultations of a municipality, newest first, with their case number and the decision to consult. */
export function listConsultationRows(tx: Tx, municipalityId: string) {
  return tx
    .select({
      c: consultation,
      caseNumber: registerCase.number,
      decidedOn: decisionReference.decidedOn,
      paragraphNumber: decisionReference.paragraphNumber,
      bodyName: body.name,
      bodyShortName: body.shortName,
    })
    .from(consultation)
    .innerJoin(registerCase, eq(registerCase.id, consultation.caseId))
    .innerJoin(decisionReference, eq(decisionReference.id, consultation.decidedById))
    .innerJoin(body, eq(body.id, decisionReference.bodyId))
    .where(eq(consultation.municipalityId, municipalityId))
    .orderBy(desc(consultation.createdAt));
}

/** The stored status of every consultee of these consultations. */
export function listConsulteeStatuses(tx: Tx, consultationIds: string[]) {
  return tx
    .select({ consultationId: consultee.consultationId, status: consultee.status })
    .from(consultee)
    .where(inArray(consultee.consultationId, consultationIds));
}

/** Consultations with their case (secrecy included) and the decision to consult: by id, or all of one case. */
export function listConsultationHeads(
  tx: Tx,
  municipalityId: string,
  which: { ids: string[] } | { caseId: string },
) {
  return tx
    .select({
      c: consultation,
      case: {
        number: registerCase.number,
        title: registerCase.title,
        publicTitle: registerCase.publicTitle,
        secrecyProvision: registerCase.secrecyProvision,
        responsibleBodyId: registerCase.responsibleBodyId,
      },
      decidedOn: decisionReference.decidedOn,
      paragraphNumber: decisionReference.paragraphNumber,
      bodyName: body.name,
      bodyShortName: body.shortName,
    })
    .from(consultation)
    .innerJoin(registerCase, eq(registerCase.id, consultation.caseId))
    .innerJoin(decisionReference, eq(decisionReference.id, consultation.decidedById))
    .innerJoin(body, eq(body.id, decisionReference.bodyId))
    .where(
      and(
        eq(consultation.municipalityId, municipalityId),
        "ids" in which ? inArray(consultation.id, which.ids) : eq(consultation.caseId, which.caseId),
      ),
    )
    .orderBy(asc(consultation.createdAt), asc(consultation.id));
}

/** The questions of these consultations, each consultation's in order. */
export function listQuestions(tx: Tx, consultationIds: string[]) {
  return tx
    .select()
    .from(consultationQuestion)
    .where(inArray(consultationQuestion.consultationId, consultationIds))
    .orderBy(asc(consultationQuestion.consultationId), asc(consultationQuestion.position));
}

/** The reminder times of these consultations, each consultation's earliest first. */
export function listReminders(tx: Tx, consultationIds: string[]) {
  return tx
    .select()
    .from(consultationReminder)
    .where(inArray(consultationReminder.consultationId, consultationIds))
    .orderBy(asc(consultationReminder.consultationId), asc(consultationReminder.remindAt));
}

const outgoing = alias(record, "outgoing_record");
const response = alias(record, "response_record");
const decidingBody = alias(body, "deciding_body");

/**
 * The consultees of these consultations, each consultation's in order, each with its body's name, its outgoing and
 * response records and the decision it answered with: one row per consultee, however many there are.
 */
export function listConsulteeRows(tx: Tx, consultationIds: string[]) {
  return tx
    .select({
      c: consultee,
      bodyName: body.name,
      outgoingNumber: outgoing.number,
      responseId: response.id,
      responseNumber: response.number,
      responseDescription: response.description,
      responsePublicDescription: response.publicDescription,
      responseSecrecyProvision: response.secrecyProvision,
      responseCounterpartName: response.counterpartName,
      responseCounterpartBodyId: response.counterpartBodyId,
      decidedOn: decisionReference.decidedOn,
      paragraphNumber: decisionReference.paragraphNumber,
      decidingBodyName: decidingBody.name,
      decidingBodyShortName: decidingBody.shortName,
    })
    .from(consultee)
    .leftJoin(body, eq(body.id, consultee.bodyId))
    .leftJoin(outgoing, eq(outgoing.id, consultee.outgoingRecordId))
    .leftJoin(response, eq(response.id, consultee.responseRecordId))
    .leftJoin(decisionReference, eq(decisionReference.id, consultee.decisionId))
    .leftJoin(decidingBody, eq(decidingBody.id, decisionReference.bodyId))
    .where(inArray(consultee.consultationId, consultationIds))
    .orderBy(asc(consultee.consultationId), asc(consultee.position));
}

/** The reservations and special statements of these consultees, one row per party, in order. */
export function listPositionParties(tx: Tx, consulteeIds: string[]) {
  return tx
    .select({
      consulteeId: consulteePosition.consulteeId,
      positionId: consulteePosition.id,
      kind: consulteePosition.kind,
      abbreviation: party.abbreviation,
    })
    .from(consulteePosition)
    .innerJoin(consulteePositionParty, eq(consulteePositionParty.positionId, consulteePosition.id))
    .innerJoin(party, eq(party.id, consulteePositionParty.partyId))
    .where(inArray(consulteePosition.consulteeId, consulteeIds))
    .orderBy(
      asc(consulteePosition.consulteeId),
      asc(consulteePosition.position),
      asc(consulteePositionParty.ordinal),
    );
}

/** The answers per question of these consultees. */
export function listAnswers(tx: Tx, consulteeIds: string[]) {
  return tx.select().from(consultationAnswer).where(inArray(consultationAnswer.consulteeId, consulteeIds));
}

/** The outbox jobs with these idempotency keys and the state of their mail. */
export function listMailStates(tx: Tx, idempotencyKeys: string[]) {
  return tx
    .select({ key: outboxJob.idempotencyKey, status: mailDelivery.status, sentAt: mailDelivery.sentAt })
    .from(outboxJob)
    .leftJoin(mailDelivery, eq(mailDelivery.jobId, outboxJob.id))
    .where(inArray(outboxJob.idempotencyKey, idempotencyKeys));
}
