import type { Table } from "../assignments/tabular.js";
import { bodyDecisionCode, decisionTitle } from "../domain/citation.js";
import { stockholmDay, stockholmMinute } from "../domain/clock.js";
import { registerRecordEntry, registerTitle } from "../domain/secrecy.js";
import { mayReadSecret, type SecretAccess } from "../register/access.js";
import {
  type ConsulteeState,
  consulteeName,
  consulteeState,
  type PositionView,
  positionLines,
  positionPhrase,
  respondentList,
  stateLabel,
} from "./format.js";
import { notifyKey } from "./job-kinds.js";
import type { listConsultationRows, listConsulteeStatuses } from "./queries.js";
import type { LoadedConsultation } from "./read-consultation.js";
import type { ConsultationStatus } from "./tables.js";

// What a reader may see of a consultation, shaped once for the pages, the API, the compilation and the letters.
// Pure: the loaders in read-*.ts fetch, this decides. Contact addresses are never part of a view.

export interface QuestionView {
  id: string;
  position: number;
  text: string;
}

export interface ReminderView {
  /** The instant, ISO 8601. */
  at: string;
  /** "2025-06-20 08:00", Stockholm time. */
  time: string;
  /** The reminder falls on a Stockholm day after the deadline: it tells the silent their answer is late. */
  afterDeadline: boolean;
}

export interface ConsulteeView {
  id: string;
  position: number;
  bodyId: string | null;
  name: string;
  state: ConsulteeState;
  answeredOn: string | null;
  declinedReason: string | null;
  outgoingRecordNumber: string | null;
  /** The response record, its description as the reader may see it (OSL 5 kap. 2 §). */
  responseRecord: { id: string; number: string; description: string } | null;
  /** "Arbetsmarknads- och socialnämndens beslut 250619 § 219" */
  decisionTitle: string | null;
  /** "ASN 250619 § 219" */
  decisionCode: string | null;
  positions: PositionView[];
  /** ["Reservation (M) och (SD)"] */
  positionLines: string[];
  /** "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)" */
  decisionLine: string | null;
  /** The answers per question, in the questions' order. */
  answers: { questionId: string; question: number; text: string }[];
  /** The consultation letter by e-mail: none without an address, waiting in the outbox, or sent (when, ISO 8601). */
  letter: { state: "no_address" | "queued" | "sent" | "not_sent"; sentAt: string | null };
}

export interface ConsultationView {
  id: string;
  caseId: string;
  caseNumber: string;
  /** The case's title as the reader may see it: the public title when the case is secret (OSL 5 kap. 2 §). */
  caseTitle: string;
  title: string;
  coverText: string;
  deadline: string;
  status: ConsultationStatus;
  sentOn: string | null;
  /** "KSAU 250324 § 120" */
  decisionCode: string;
  decidedByName: string;
  decidedOn: string;
  questions: QuestionView[];
  reminders: ReminderView[];
  consultees: ConsulteeView[];
  /** "Remissinstansernas yttranden": who answered, with their reservations and special statements. */
  respondents: { name: string; lines: string[] }[];
  /** Consultees that may still answer or decline: sent, and silent so far. */
  waiting: { id: string; name: string }[];
}

export interface ConsultationSummaryView {
  id: string;
  caseId: string;
  caseNumber: string;
  title: string;
  deadline: string;
  status: ConsultationStatus;
  sentOn: string | null;
  decisionCode: string;
  decidedByName: string;
  consultees: number;
  answered: number;
  declined: number;
  overdue: number;
}

type Loaded = LoadedConsultation;
type ConsulteeRow = Loaded["consultees"][number];

function letterState(
  address: string | null,
  row: Loaded["letters"][number] | undefined,
): ConsulteeView["letter"] {
  if (!address) return { state: "no_address", sentAt: null };
  if (!row) return { state: "not_sent", sentAt: null };
  return row.status === "sent"
    ? { state: "sent", sentAt: row.sentAt?.toISOString() ?? null }
    : { state: "queued", sentAt: null };
}

/** Reservations and statements per consultee, each position with its parties in order. */
function positionsByConsultee(rows: Loaded["positions"]): Map<string, PositionView[]> {
  const result = new Map<string, PositionView[]>();
  let lastPosition: string | null = null;
  for (const row of rows) {
    const mine = result.get(row.consulteeId) ?? [];
    result.set(row.consulteeId, mine);
    if (lastPosition === row.positionId) mine.at(-1)!.parties.push(row.abbreviation);
    else mine.push({ kind: row.kind, parties: [row.abbreviation] });
    lastPosition = row.positionId;
  }
  return result;
}

function responseRecord(row: ConsulteeRow, readerHasAccess: boolean): ConsulteeView["responseRecord"] {
  if (!row.responseId || !row.responseNumber) return null;
  const entry = registerRecordEntry(
    {
      secret: row.responseSecrecyProvision !== null,
      description: row.responseDescription ?? "",
      publicDescription: row.responsePublicDescription,
      counterpartName: row.responseCounterpartName,
      counterpartBodyId: row.responseCounterpartBodyId,
    },
    readerHasAccess,
  );
  return { id: row.responseId, number: row.responseNumber, description: entry.description };
}

/** One consultation as this reader may see it, on `today` (a Stockholm day) for the overdue state. */
export function presentConsultation(loaded: Loaded, access: SecretAccess, today: string): ConsultationView {
  const { head } = loaded;
  const readerHasAccess = mayReadSecret(access, head.case.responsibleBodyId);
  const questions = loaded.questions.map((q) => ({ id: q.id, position: q.position, text: q.text }));
  const positions = positionsByConsultee(loaded.positions);
  const letters = new Map(loaded.letters.map((l) => [l.key, l]));
  const consultees = loaded.consultees.map((row): ConsulteeView => {
    const mine = positions.get(row.c.id) ?? [];
    const decided = row.decidedOn && row.decidingBodyName ? row : null;
    const title = decided
      ? decisionTitle(decided.decidingBodyName!, decided.decidedOn!, row.paragraphNumber)
      : null;
    const answerTexts = new Map(
      loaded.answers.filter((a) => a.consulteeId === row.c.id).map((a) => [a.questionId, a.text]),
    );
    return {
      id: row.c.id,
      position: row.c.position,
      bodyId: row.c.bodyId,
      name: consulteeName(row),
      state: consulteeState(row.c.status, head.c.deadline, today),
      answeredOn: row.c.answeredOn,
      declinedReason: row.c.declinedReason,
      outgoingRecordNumber: row.outgoingNumber,
      responseRecord: responseRecord(row, readerHasAccess),
      decisionTitle: title,
      decisionCode: decided
        ? bodyDecisionCode(
            { shortName: decided.decidingBodyShortName, name: decided.decidingBodyName! },
            decided.decidedOn!,
            row.paragraphNumber,
          )
        : null,
      positions: mine,
      positionLines: positionLines(mine),
      decisionLine: title ? [title, positionPhrase(mine)].filter(Boolean).join(" ") : null,
      answers: questions
        .filter((q) => answerTexts.has(q.id))
        .map((q) => ({ questionId: q.id, question: q.position, text: answerTexts.get(q.id)! })),
      letter: letterState(row.c.contactEmail, letters.get(notifyKey(row.c.id))),
    };
  });
  return {
    id: head.c.id,
    caseId: head.c.caseId,
    caseNumber: head.case.number,
    caseTitle: registerTitle(
      {
        secret: head.case.secrecyProvision !== null,
        title: head.case.title,
        publicTitle: head.case.publicTitle,
      },
      readerHasAccess,
    ),
    title: head.c.title,
    coverText: head.c.coverText,
    deadline: head.c.deadline,
    status: head.c.status,
    sentOn: head.c.sentOn,
    decisionCode: bodyDecisionCode(
      { shortName: head.bodyShortName, name: head.bodyName },
      head.decidedOn,
      head.paragraphNumber,
    ),
    decidedByName: head.bodyName,
    decidedOn: head.decidedOn,
    questions,
    reminders: loaded.reminders.map((r) => ({
      at: r.remindAt.toISOString(),
      time: stockholmMinute(r.remindAt),
      afterDeadline: stockholmDay(r.remindAt) > head.c.deadline,
    })),
    consultees,
    respondents: respondentList(consultees),
    waiting: consultees
      .filter((x) => x.state === "sent" || x.state === "overdue")
      .map((x) => ({ id: x.id, name: x.name })),
  };
}

/** The list of consultations with their decision codes and how many consultees are in each state. */
export function presentConsultationList(
  rows: Awaited<ReturnType<typeof listConsultationRows>>,
  statuses: Awaited<ReturnType<typeof listConsulteeStatuses>>,
  today: string,
): ConsultationSummaryView[] {
  return rows.map((r) => {
    const states = statuses
      .filter((x) => x.consultationId === r.c.id)
      .map((x) => consulteeState(x.status, r.c.deadline, today));
    const count = (state: ConsulteeState) => states.filter((s) => s === state).length;
    return {
      id: r.c.id,
      caseId: r.c.caseId,
      caseNumber: r.caseNumber,
      title: r.c.title,
      deadline: r.c.deadline,
      status: r.c.status,
      sentOn: r.c.sentOn,
      decisionCode: bodyDecisionCode(
        { shortName: r.bodyShortName, name: r.bodyName },
        r.decidedOn,
        r.paragraphNumber,
      ),
      decidedByName: r.bodyName,
      consultees: states.length,
      answered: count("answered"),
      declined: count("declined"),
      overdue: count("overdue"),
    };
  });
}

/** The answer a consultee gave to one question, if any. */
export function answerTo(consultee: ConsulteeView, questionId: string): string | null {
  return consultee.answers.find((a) => a.questionId === questionId)?.text ?? null;
}

/** The compilation per question: every consultee that answered, its decision and its answer to the question. */
export function compilationByQuestion(view: ConsultationView) {
  const answered = view.consultees.filter((x) => x.state === "answered");
  return view.questions.map((question) => ({
    question,
    answers: answered.map((x) => ({
      name: x.name,
      decisionLine: x.decisionLine,
      text: answerTo(x, question.id),
    })),
  }));
}

/**
 * The compilation of a consultation: one row per consultee, one column per question, every answer side by
 * side, with the consultee's decision and its reservations and special statements.
 */
export function compilationTable(view: ConsultationView): Table {
  return {
    sheet: "Sammanställning",
    header: [
      "Remissinstans",
      "Status",
      "Svarsdatum",
      "Beslut",
      "Reservationer och särskilda yttranden",
      "Remissvar",
      ...view.questions.map((q) => `Fråga ${q.position}: ${q.text}`),
    ],
    rows: view.consultees.map((c) => [
      c.name,
      stateLabel[c.state],
      c.answeredOn,
      c.decisionTitle,
      c.positionLines.join("; "),
      c.responseRecord ? `${c.responseRecord.number} ${c.responseRecord.description}` : null,
      ...view.questions.map((q) => answerTo(c, q.id)),
    ]),
  };
}
