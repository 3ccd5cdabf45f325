import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { closeAssignment } from "../assignments/close-assignment.js";
import { giveAssignment } from "../assignments/give-assignment.js";
import { createConsultation } from "../consultations/create-consultation.js";
import { recordAnswer } from "../consultations/record-answer.js";
import type { PositionInput } from "../consultations/schemas.js";
import { sendConsultation } from "../consultations/send-consultation.js";
import type { Tx } from "../db/connect.js";
import { createNumberSeries } from "../register/create-number-series.js";
import { findCaseByNumber, findSeriesByCode } from "../register/queries.js";
import { registerNewCase } from "../register/register-case.js";
import { registerRecord } from "../register/register-record.js";
import { numberCounter, record } from "../register/tables.js";

// The follow-through of Malmö KF 2026-01-22 § 8 (../shared/seed): the two assignments KF 2024-09-26 § 189 gave
// the executive board, closed as reported by § 8, and KSAU's consultation of 2025-03-24 with its four questions
// and thirteen answers. Texts are the seed's own; what the seed does not state is marked where it is chosen.

export const caseNumber = "STK-2024-1374";
const caseTitle = "Återrapportering kring kraftsamlande insatser";

export const assignmentTexts = [
  "Samordningsansvaret för kraftsamlande insatser.",
  "Att utarbeta formerna för processen i stort inklusive rapportering, ta fram förslag på geografiska områden " +
    "samt föreslå vilka nämnder och bolag som ska få ett särskilt ansvar i arbetet.",
];

const consultationTitle = "Stadskontorets förslag på organisering för kraftsamlande insatser";

// The official report's "Ärendet", verbatim but for the date of § 189: it prints "9 oktober 2024" where the
// decision code says 240926, and the example keeps the code's date (../shared/guide/PRODUCT.md).
const coverText = [
  "Genom kommunfullmäktiges budgetuppdrag 2023 (STK-2023-137) fick kommunstyrelsen i uppdrag att, tillsammans " +
    "med berörda nämnder och bolag, definiera och starta ett långsiktigt och strategiskt områdeslyft. Som en del i " +
    "beredningen av budgetuppdraget identifierade stadskontoret ett behov av att samla och synliggöra stadens " +
    "processer kring samtliga tre dimensioner av hållbarhet och lokala utvecklingsfrågor i stort, kallat lokal " +
    "utveckling. Benämningen strategiskt områdeslyft har därefter döpts om till kraftsamlande insatser.",
  "Till skillnad från arbetet med lokal utveckling var bedömningen att det för kraftsamlande insatser finns ett " +
    "behov av kommungemensam styrning, prioritering och uppföljning. Kommunfullmäktige beslutade därför den 26 " +
    "september 2024 §189 att ge kommunstyrelsen samordningsansvaret för kraftsamlande insatser och även uppdraget " +
    "att utarbeta formerna för processen i stort inklusive rapportering, ta fram förslag på geografiska områden " +
    "samt föreslå vilka nämnder och bolag som ska få ett särskilt ansvar i arbetet.",
  "De kraftsamlande insatserna föreslogs genomföras i några få utvalda områden av utpekade nämnder. " +
    "Stadskontoret bedömde att merparten av de kraftsamlande insatserna skulle ske inom ramen för befintlig budget " +
    "i de ansvariga nämndernas uppdrag. För insatser som skulle kräva medel utöver ordinarie budget skulle " +
    "kommunfullmäktige avsätta medel i kommande budgetar som kommunstyrelsens anslag till förfogande.",
].join("\n\n");

// Verbatim, the seed's "om" in the fourth question included.
export const questions = [
  "Hur kan/bör nämnderna involveras i arbetet? (i förslaget ingår representanter från förvaltningarna i " +
    "styrgrupp och arbetsgrupp)",
  "Finns det någon befintlig styrgrupp som anses lämplig för det här arbetet?",
  "Vad vore rimliga fördelningskriterier för ekonomiska medel mellan förvaltningar kopplat till föreslagna insatser?",
  "Finns det insatser om redan är i gång som behöver förstärkas inom ramen för kraftsamlande insatser?",
];

interface ExampleAnswer {
  body: string;
  response: string;
  decision?: { on: string; paragraph: number };
  positions?: PositionInput[];
}

const reservation = (...parties: string[]): PositionInput[] =>
  parties.map((p) => ({ kind: "reservation", parties: [p] }));
const statement = (...parties: string[]): PositionInput[] =>
  parties.map((p) => ({ kind: "special_statement", parties: [p] }));

// In the order of "Remissinstansernas yttranden". Decisions, reservations and statements as the decision basis
// gives them. Grundskolenämnden's special statement (SD) stands in the decision basis ("Grundskolenämnden beslut
// 250619 § 93 Särskilt yttrande (SD)") but not under "Remissinstansernas yttranden"; the decision record wins.
export const answers: ExampleAnswer[] = [
  {
    body: "ASN",
    response: "Remissvar arbetsmarknads- och socialnämnden",
    decision: { on: "2025-06-19", paragraph: 219 },
    positions: reservation("M", "SD"),
  },
  { body: "FRN", response: "Remissvar fritidsnämnden", decision: { on: "2025-06-19", paragraph: 91 } },
  { body: "FSN", response: "Remissvar funktionsstödsnämnden", decision: { on: "2025-06-23", paragraph: 59 } },
  {
    body: "FN",
    response: "Remissvar förskolenämnden",
    decision: { on: "2025-06-11", paragraph: 87 },
    positions: statement("SD"),
  },
  {
    body: "GSN",
    response: "Remissvar grundskolenämnden",
    decision: { on: "2025-06-19", paragraph: 93 },
    positions: statement("SD"),
  },
  {
    body: "GVN",
    response: "Remissvar gymnasie- och vuxenutbildningsnämnden",
    decision: { on: "2025-06-13", paragraph: 95 },
  },
  { body: "KN", response: "Remissvar Kulturnämnden", decision: { on: "2025-06-17", paragraph: 79 } },
  {
    body: "MN",
    response: "Remissvar miljönämnden",
    decision: { on: "2025-06-12", paragraph: 120 },
    positions: statement("SD", "V"),
  },
  { body: "SN", response: "Remissvar servicenämnden", decision: { on: "2025-06-17", paragraph: 66 } },
  { body: "SBN", response: "Remissvar stadsbyggnadsnämnden", decision: { on: "2025-06-19", paragraph: 201 } },
  { body: "TN", response: "Remissvar tekniska nämnden", decision: { on: "2025-05-27", paragraph: 125 } },
  { body: "MINC", response: "Remissvar MINC i Sverige AB" },
  { body: "MKB", response: "Remissvar MKB" },
];

// The seed states neither the deadline nor when the two companies answered: the deadline is set after the last
// committee decision (2025-06-23), and the companies' responses are dated on it.
export const deadline = "2025-06-30";

/** Finds case STK-2024-1374 (the diarium's example registers it) or registers it, in an STK series. */
async function findOrRegisterCase(tx: Tx, actor: Actor, bodyIds: Map<string, string>, officerId?: string) {
  const existing = await findCaseByNumber(tx, actor.municipalityId, caseNumber);
  if (existing) return existing;
  let series = await findSeriesByCode(tx, actor.municipalityId, "STK");
  if (!series)
    series = await createNumberSeries(tx, actor, {
      code: "STK",
      prefix: "STK",
      pattern: "{prefix}-{year}-{seq}",
      ownerBodyId: bodyIds.get("STK") ?? null,
    });
  // Malmö's 2024 counter stood at 1373 when this case was opened; the example starts the counter there.
  await tx
    .insert(numberCounter)
    .values({ seriesId: series.id, year: 2024, lastValue: 1373 })
    .onConflictDoNothing();
  const created = await registerNewCase(tx, actor, {
    seriesCode: "STK",
    title: caseTitle,
    responsibleBodyId: bodyIds.get("KS") ?? null,
    caseOfficerId: officerId ?? null,
    // Not in the seed: opened after the council's decision of 2024-09-26.
    openedOn: "2024-10-01",
  });
  if (created.number !== caseNumber)
    throw new Error(`Exemplet fick ${created.number}, väntade ${caseNumber}`);
  return created;
}

/** The response record named in the decision basis: the one in the case, or registered now. */
async function findOrRegisterResponse(
  tx: Tx,
  actor: Actor,
  caseId: string,
  description: string,
  bodyId: string,
  datedOn: string,
) {
  const [existing] = await tx
    .select()
    .from(record)
    .where(and(eq(record.caseId, caseId), eq(record.description, description)));
  if (existing) return existing;
  return registerRecord(tx, actor, {
    caseId,
    direction: "incoming",
    recordType: "consultation_response",
    datedOn,
    counterpartBodyId: bodyId,
    description,
  });
}

/**
 * Creates KSAU's consultation of 2025-03-24 and sends it: one outgoing letter per consultee is registered in
 * STK-2024-1374, before the answers, as they came in that order.
 */
export async function sendMalmoConsultation(
  tx: Tx,
  actor: Actor,
  bodyIds: Map<string, string>,
  personIds: Map<string, string>,
) {
  const body = (short: string) => {
    const id = bodyIds.get(short);
    if (!id) throw new Error(`Exemplet saknar organet ${short}`);
    return id;
  };
  const kase = await findOrRegisterCase(tx, actor, bodyIds, personIds.get("Nasrin Bigdelou"));
  const consultation = await createConsultation(tx, actor, {
    caseId: kase.id,
    decidedBy: { bodyId: body("KSAU"), decidedOn: "2025-03-24", caseId: kase.id },
    title: consultationTitle,
    coverText,
    deadline,
    questions,
    consultees: answers.map((a) => ({ bodyId: body(a.body) })),
  });
  await sendConsultation(tx, actor, consultation.id, { sentOn: "2025-03-24" });
  return consultation;
}

/**
 * Loads the assignments of the Malmö example and the answers to its consultation (sent by
 * sendMalmoConsultation), through the same use cases as the API.
 */
export async function loadMalmoFollowUp(
  tx: Tx,
  actor: Actor,
  bodyIds: Map<string, string>,
  consultation: { id: string; caseId: string },
) {
  const body = (short: string) => {
    const id = bodyIds.get(short);
    if (!id) throw new Error(`Exemplet saknar organet ${short}`);
    return id;
  };
  const kase = { id: consultation.caseId };
  const origin = await findCaseByNumber(tx, actor.municipalityId, "STK-2023-137");

  const givenBy = { bodyId: body("KF"), decidedOn: "2024-09-26", paragraphNumber: 189, caseId: origin?.id };
  const closedBy = { bodyId: body("KF"), decidedOn: "2026-01-22", paragraphNumber: 8, caseId: kase.id };
  for (const text of assignmentTexts) {
    const given = await giveAssignment(tx, actor, { caseId: kase.id, givenBy, bodyId: body("KS"), text });
    await closeAssignment(tx, actor, given.id, { outcome: "reported", closedBy });
  }

  for (const a of answers) {
    const answeredOn = a.decision?.on ?? deadline;
    const response = await findOrRegisterResponse(tx, actor, kase.id, a.response, body(a.body), answeredOn);
    await recordAnswer(tx, actor, consultation.id, {
      bodyId: body(a.body),
      answeredOn,
      responseRecordId: response.id,
      decision: a.decision
        ? { bodyId: body(a.body), decidedOn: a.decision.on, paragraphNumber: a.decision.paragraph }
        : null,
      positions: a.positions ?? [],
    });
  }
  return { caseId: kase.id, consultationId: consultation.id };
}
