import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { decisionCode, decisionTitle } from "../assignments/decision-code.js";
import { today } from "../assignments/queries.js";
import { decisionReference } from "../assignments/tables.js";
import type { Tx } from "../db/connect.js";
import { mailDelivery, outboxJob } from "../jobs/tables.js";
import { body, party } from "../organisation/tables.js";
import { record, registerCase } from "../register/tables.js";
import {
  type ConsulteeState,
  consulteeState,
  type PositionView,
  positionLines,
  positionPhrase,
} from "./format.js";
import { consulteeName, consulteesWithNames } from "./load.js";
import {
  consultation,
  consultationAnswer,
  consultationQuestion,
  consultationReminder,
  consultee,
  consulteePosition,
  consulteePositionParty,
} from "./tables.js";

export interface ConsulteeView {
  id: string;
  position: number;
  bodyId: string | null;
  name: string;
  contactEmail: string | null;
  state: ConsulteeState;
  answeredOn: string | null;
  declinedReason: string | null;
  outgoingRecordNumber: string | null;
  responseRecord: { id: string; number: string; description: string } | null;
  /** "Arbetsmarknads- och socialnämndens beslut 250619 § 219" */
  decisionTitle: string | null;
  decisionCode: string | null;
  positions: PositionView[];
  /** ["Reservation (M) och (SD)"] */
  positionLines: string[];
  /** "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)" */
  decisionLine: string | null;
  answers: Map<string, string>;
  /** The consultation letter by e-mail: none without an address, waiting in the outbox, or sent (when). */
  letter: { state: "no_address" | "queued" | "sent" | "not_sent"; sentAt: Date | null };
}

/** Every consultation of the municipality, newest first, with counts per state. */
export async function listConsultations(tx: Tx, municipalityId: string) {
  const rows = await tx
    .select({
      c: consultation,
      caseNumber: registerCase.number,
      decidedOn: decisionReference.decidedOn,
      paragraphNumber: decisionReference.paragraphNumber,
      bodyName: body.name,
      bodyShort: body.shortName,
    })
    .from(consultation)
    .innerJoin(registerCase, eq(registerCase.id, consultation.caseId))
    .innerJoin(decisionReference, eq(decisionReference.id, consultation.decidedById))
    .innerJoin(body, eq(body.id, decisionReference.bodyId))
    .where(eq(consultation.municipalityId, municipalityId))
    .orderBy(desc(consultation.createdAt));
  const ids = rows.map((r) => r.c.id);
  const consultees = ids.length
    ? await tx
        .select({ consultationId: consultee.consultationId, status: consultee.status })
        .from(consultee)
        .where(inArray(consultee.consultationId, ids))
    : [];
  const now = today();
  return rows.map((r) => {
    const states = consultees
      .filter((x) => x.consultationId === r.c.id)
      .map((x) => consulteeState(x.status, r.c.deadline, now));
    return {
      ...r.c,
      caseNumber: r.caseNumber,
      decisionCode: decisionCode(r.bodyShort ?? r.bodyName, r.decidedOn, r.paragraphNumber),
      decidedByName: r.bodyName,
      consultees: states.length,
      answered: states.filter((s) => s === "answered").length,
      declined: states.filter((s) => s === "declined").length,
      overdue: states.filter((s) => s === "overdue").length,
    };
  });
}

/** One consultation with its questions, consultees, answers, reservations and statements, and reminders. */
export async function consultationOverview(tx: Tx, municipalityId: string, id: string) {
  const [head] = await tx
    .select({
      c: consultation,
      caseNumber: registerCase.number,
      caseTitle: registerCase.title,
      casePublicTitle: registerCase.publicTitle,
      caseSecret: registerCase.secrecyProvision,
      decidedOn: decisionReference.decidedOn,
      paragraphNumber: decisionReference.paragraphNumber,
      bodyName: body.name,
      bodyShort: body.shortName,
    })
    .from(consultation)
    .innerJoin(registerCase, eq(registerCase.id, consultation.caseId))
    .innerJoin(decisionReference, eq(decisionReference.id, consultation.decidedById))
    .innerJoin(body, eq(body.id, decisionReference.bodyId))
    .where(and(eq(consultation.municipalityId, municipalityId), eq(consultation.id, id)));
  if (!head) return undefined;
  const questions = await tx
    .select()
    .from(consultationQuestion)
    .where(eq(consultationQuestion.consultationId, id))
    .orderBy(asc(consultationQuestion.position));
  const reminders = await tx
    .select()
    .from(consultationReminder)
    .where(eq(consultationReminder.consultationId, id))
    .orderBy(asc(consultationReminder.remindAt));
  const people = await consulteesWithNames(tx, id);
  const consulteeIds = people.map((p) => p.c.id);
  const recordIds = people
    .flatMap((p) => [p.c.outgoingRecordId, p.c.responseRecordId])
    .filter((x) => x !== null);
  const records = recordIds.length
    ? await tx
        .select({ id: record.id, number: record.number, description: record.description })
        .from(record)
        .where(inArray(record.id, recordIds))
    : [];
  const decisionIds = people.map((p) => p.c.decisionId).filter((x) => x !== null);
  const decisions = decisionIds.length
    ? await tx
        .select({ d: decisionReference, bodyName: body.name, bodyShort: body.shortName })
        .from(decisionReference)
        .innerJoin(body, eq(body.id, decisionReference.bodyId))
        .where(inArray(decisionReference.id, decisionIds))
    : [];
  const positions = consulteeIds.length
    ? await tx
        .select({
          consulteeId: consulteePosition.consulteeId,
          positionId: consulteePosition.id,
          position: consulteePosition.position,
          kind: consulteePosition.kind,
          abbreviation: party.abbreviation,
          ordinal: consulteePositionParty.ordinal,
        })
        .from(consulteePosition)
        .innerJoin(consulteePositionParty, eq(consulteePositionParty.positionId, consulteePosition.id))
        .innerJoin(party, eq(party.id, consulteePositionParty.partyId))
        .where(inArray(consulteePosition.consulteeId, consulteeIds))
        .orderBy(asc(consulteePosition.position), asc(consulteePositionParty.ordinal))
    : [];
  const answers = consulteeIds.length
    ? await tx.select().from(consultationAnswer).where(inArray(consultationAnswer.consulteeId, consulteeIds))
    : [];
  const notifyKeys = consulteeIds.map((cid) => `consultation.notify:${cid}`);
  const letters = notifyKeys.length
    ? await tx
        .select({ key: outboxJob.idempotencyKey, status: mailDelivery.status, sentAt: mailDelivery.sentAt })
        .from(outboxJob)
        .leftJoin(mailDelivery, eq(mailDelivery.jobId, outboxJob.id))
        .where(inArray(outboxJob.idempotencyKey, notifyKeys))
    : [];
  const now = today();
  const consultees = people.map((p): ConsulteeView => {
    const name = consulteeName(p);
    const d = decisions.find((x) => x.d.id === p.c.decisionId);
    const mine: PositionView[] = [];
    for (const row of positions.filter((x) => x.consulteeId === p.c.id)) {
      const last = mine.at(-1) as (PositionView & { id?: string }) | undefined;
      if (last && last.id === row.positionId) last.parties.push(row.abbreviation);
      else mine.push({ id: row.positionId, kind: row.kind, parties: [row.abbreviation] } as PositionView);
    }
    const clean = mine.map((x) => ({ kind: x.kind, parties: x.parties }));
    const response = records.find((r) => r.id === p.c.responseRecordId) ?? null;
    const title = d ? decisionTitle(d.bodyName, d.d.decidedOn, d.d.paragraphNumber) : null;
    return {
      id: p.c.id,
      position: p.c.position,
      bodyId: p.c.bodyId,
      name,
      contactEmail: p.c.contactEmail,
      state: consulteeState(p.c.status, head.c.deadline, now),
      answeredOn: p.c.answeredOn,
      declinedReason: p.c.declinedReason,
      outgoingRecordNumber: records.find((r) => r.id === p.c.outgoingRecordId)?.number ?? null,
      responseRecord: response,
      decisionTitle: title,
      decisionCode: d ? decisionCode(d.bodyShort ?? d.bodyName, d.d.decidedOn, d.d.paragraphNumber) : null,
      positions: clean,
      positionLines: positionLines(clean),
      decisionLine: title ? [title, positionPhrase(clean)].filter(Boolean).join(" ") : null,
      answers: new Map(answers.filter((a) => a.consulteeId === p.c.id).map((a) => [a.questionId, a.text])),
      letter: letterState(
        p.c.contactEmail,
        letters.find((l) => l.key === `consultation.notify:${p.c.id}`),
      ),
    };
  });
  return {
    ...head.c,
    caseNumber: head.caseNumber,
    // OSL 5 kap. 2 §: a secret case shows its public title.
    caseTitle: head.caseSecret ? (head.casePublicTitle ?? "") : head.caseTitle,
    decidedByName: head.bodyName,
    decisionCode: decisionCode(head.bodyShort ?? head.bodyName, head.decidedOn, head.paragraphNumber),
    decidedOn: head.decidedOn,
    questions,
    reminders,
    consultees,
  };
}
function letterState(
  address: string | null,
  row: { status: string | null; sentAt: Date | null } | undefined,
): ConsulteeView["letter"] {
  if (!address) return { state: "no_address", sentAt: null };
  if (!row) return { state: "not_sent", sentAt: null };
  return row.status === "sent" ? { state: "sent", sentAt: row.sentAt } : { state: "queued", sentAt: null };
}

export type ConsultationOverview = NonNullable<Awaited<ReturnType<typeof consultationOverview>>>;
