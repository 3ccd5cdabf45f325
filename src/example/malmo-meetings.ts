import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { addAgendaItem } from "../meetings/add-agenda-item.js";
import { addAttachment } from "../meetings/add-attachment.js";
import { addMotion } from "../meetings/add-motion.js";
import { announceReservation } from "../meetings/announce-reservation.js";
import { announceStatement } from "../meetings/announce-statement.js";
import { closeMeeting } from "../meetings/close-meeting.js";
import { openMeeting } from "../meetings/open-meeting.js";
import { planDecisionRoute } from "../meetings/plan-decision-route.js";
import { planMeeting } from "../meetings/plan-meeting.js";
import { publishNotice } from "../meetings/publish-notice.js";
import { recordAttendance } from "../meetings/record-attendance.js";
import { recordAttendanceCount } from "../meetings/record-attendance-count.js";
import { recordDecision } from "../meetings/record-decision.js";
import { setRecipients } from "../meetings/set-recipients.js";
import { startParagraphNumbering } from "../meetings/start-paragraph-numbering.js";
import { takeUpItem } from "../meetings/take-up-item.js";
import { updateBody } from "../organisation/bodies.js";
import { findBody } from "../organisation/queries.js";
import { createNumberSeries } from "../register/create-number-series.js";
import { findCaseByNumber, findSeriesByCode } from "../register/queries.js";
import { registerNewCase } from "../register/register-case.js";
import { registerRecord } from "../register/register-record.js";
import type { RecordDirection, RecordType } from "../register/tables.js";
import { numberCounter, record, registerCase } from "../register/tables.js";

// The meetings of the seed's decision route (../shared/seed/malmo-kf-p8-kraftsamlande-insatser.txt): KF 2024-09-26
// § 189 that gave the assignments, KSB 2025-03-12, KSAU 2025-03-24, KSAU 2025-12-08 § 564, KS 2026-01-07 § 16 and
// KF 2026-01-22 § 8, loaded through the same use cases as the secretary's pages. What the seed does not say (times,
// places, notice days, how many were present) is set as docs/decisions/0005-meetings-and-minutes.md says.

interface Ids {
  bodyIds: Map<string, string>;
  personIds: Map<string, string>;
  partyIds: Map<string, string>;
}

/** The seed's Sammanfattning of KF § 8, paragraph by paragraph. */
export const kfSummary = `Kommunfullmäktige beslutade den 26 september 2024 §189 att ge kommunstyrelsen samordningsansvaret för kraftsamlande insatser och även uppdraget att utarbeta formerna för processen i stort, ta fram förslag på geografiska områden samt föreslå vilka nämnder och bolag som ska få ett särskilt ansvar i det fortsatta arbetet.

Remissinstanserna ställer sig i stort positiva till ambitionen kring förslaget med processen kring de kraftsamlande insatserna. Men flera av instanserna trycker på att det är viktigt att det inte sker dubbla processer. Vidare efterlyser remissinstanserna större tydlighet kring långsiktig finansiering, samordning med befintliga strukturer och förtydliganden kring organisering och uppföljning.

Stadskontoret har, efter synpunkterna från remissrundan och den genomförda analysen, landat i bedömningen att det redan finns pågående initiativ som angränsar till arbetet med kraftsamlande insatser. Fritidsnämnden håller på att starta upp och formera arbetet med lokal utveckling och arbetsmarknads- och socialnämnden har påbörjat arbetet med universell prevention. Stadskontoret ser en risk att administrationen kring att fördela medel om en summa om 10 miljoner kronor till nystartade kraftsamlande insatser skulle överstiga nyttan av dessa.

I förslaget till kommunfullmäktiges budget finns avsatt 10 miljoner kronor för 2026. Stadskontorets bedömning är att dessa medel fortfarande ska avsättas i budgeten men avropas vid behov under året för att stötta processerna kring lokal utveckling och universell prevention med barn och unga som främsta målgrupp`;

export const decisionPointText =
  "Kommunfullmäktige godkänner återrapporteringen av uppdraget kring kraftsamlande insatser.";

/** Bilaga 12 as the seed prints it: the M+C special statement. */
export const statementMC = `Moderaterna och Centerpartiet delar uppfattningen att Malmö behöver samlade och långsiktiga insatser för att stärka barns och ungas möjligheter i socioekonomiskt svaga områden. Det är positivt att staden nu redovisar hur arbetet med kraftsamlande insatser förhåller sig till befintliga strukturer och att remissinstanserna visar brett stöd för ambitionen att arbeta mer strategiskt och förebyggande.

Samtidigt vill Moderaterna och Centerpartiet betona några viktiga utgångspunkter för att insatserna ska få verklig effekt. Malmös största utmaningar i de mest utsatta områdena är inte brist på projekt utan bristen på strukturella förutsättningar för arbete, utbildning och ett livskraftigt lokalt näringsliv. Områdeslyft kräver mer än sociala satsningar. De kräver ekonomisk utveckling som gör att stadsdelar blir områden där människor både vill bo och kan försörja sig.

I återrapporteringen konstateras att flera parallella processer redan är igång, bland annat lokal utveckling och universell prevention. Moderaterna och Centerpartiet ser positivt på en strävan att undvika dubbla strukturer men vill understryka att det är avgörande att det samlade arbetet inte reduceras till ännu en omgång av kortsiktiga projektinsatser. Om kraftsamlande insatser ska få legitimitet och skapa långsiktig förändring måste strategin vara tydlig, mätbar och förankrad i kärnuppdraget att fler Malmöbor ska komma i arbete.

Det är därför nödvändigt att de resurser som avsätts också riktas mot insatser som stärker arbetslinjen och den lokala ekonomin. Ett områdeslyft kan inte lyckas om inte fler företag vill etablera sig och växa i de stadsdelar där behoven är som störst. Ett nära samarbete med näringslivet måste därför vara en självklar del av arbetet redan från start.

Moderaterna och Centerpartiet vill också betona vikten av att uppföljningen blir skarp och transparent. Insatser som finansieras med kommunens medel ska följas upp på ett sätt som gör det möjligt att bedöma om resultaten faktiskt stärker ungas möjligheter att klara skolan och gå vidare till arbete eller studier. För att detta ska fungera krävs en tydlig kommungemensam styrning som undviker otydlighet mellan olika nämnders ansvar.

Sammantaget ser Moderaterna och Centerpartiet positivt på att arbetet med kraftsamlande insatser nu samordnas med redan pågående processer. Men för att ambitionsnivån ska motsvara de utmaningar Malmö står inför krävs att arbetet tydligt kopplas till strukturella reformer, arbetslinjen och en stärkt lokal ekonomi.`;

/** The consultation answers in the order the seed's decision basis lists them: each body's decision, then its answer. */
const consultationRecords: { body: string; description: string; datedOn: string; type: RecordType }[] = [
  {
    body: "ASN",
    description: "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)",
    datedOn: "2025-06-19",
    type: "decision",
  },
  {
    body: "ASN",
    description: "Remissvar arbetsmarknads- och socialnämnden",
    datedOn: "2025-06-19",
    type: "consultation_response",
  },
  { body: "FRN", description: "Beslut fritidsnämnden 250619 § 91", datedOn: "2025-06-19", type: "decision" },
  {
    body: "FRN",
    description: "Remissvar fritidsnämnden",
    datedOn: "2025-06-19",
    type: "consultation_response",
  },
  {
    body: "FSN",
    description: "Funktionsstödsnämndens beslut 250623 § 59",
    datedOn: "2025-06-23",
    type: "decision",
  },
  {
    body: "FSN",
    description: "Remissvar funktionsstödsnämnden",
    datedOn: "2025-06-23",
    type: "consultation_response",
  },
  {
    body: "FN",
    description: "Förskolenämnden beslut 250611 § 87 Särskilt yttrande (SD)",
    datedOn: "2025-06-11",
    type: "decision",
  },
  {
    body: "FN",
    description: "Remissvar förskolenämnden",
    datedOn: "2025-06-11",
    type: "consultation_response",
  },
  {
    body: "GVN",
    description: "Gymnasie- och vuxenutbildningsnämnden beslut 250613 § 95",
    datedOn: "2025-06-13",
    type: "decision",
  },
  {
    body: "GVN",
    description: "Remissvar gymnasie- och vuxenutbildningsnämnden",
    datedOn: "2025-06-13",
    type: "consultation_response",
  },
  { body: "KN", description: "Kulturnämnden beslut 250617 § 79", datedOn: "2025-06-17", type: "decision" },
  {
    body: "KN",
    description: "Remissvar Kulturnämnden",
    datedOn: "2025-06-17",
    type: "consultation_response",
  },
  {
    body: "MN",
    description: "Beslut miljönämnden 250612 § 120 Särskilt yttrande (SD) och (V)",
    datedOn: "2025-06-12",
    type: "decision",
  },
  { body: "MN", description: "Remissvar miljönämnden", datedOn: "2025-06-12", type: "consultation_response" },
  { body: "SN", description: "Servicenämndens beslut 250617 §66", datedOn: "2025-06-17", type: "decision" },
  {
    body: "SN",
    description: "Remissvar servicenämnden",
    datedOn: "2025-06-17",
    type: "consultation_response",
  },
  {
    body: "SBN",
    description: "Stadsbyggnadsnämnden beslut 250619 § 201",
    datedOn: "2025-06-19",
    type: "decision",
  },
  {
    body: "SBN",
    description: "Remissvar stadsbyggnadsnämnden",
    datedOn: "2025-06-19",
    type: "consultation_response",
  },
  {
    body: "TN",
    description: "Tekniska nämnden beslut 250527 § 125",
    datedOn: "2025-05-27",
    type: "decision",
  },
  {
    body: "TN",
    description: "Remissvar tekniska nämnden",
    datedOn: "2025-05-27",
    type: "consultation_response",
  },
  {
    body: "MINC",
    description: "Remissvar MINC i Sverige AB",
    datedOn: "2025-06-23",
    type: "consultation_response",
  },
  { body: "MKB", description: "Remissvar MKB", datedOn: "2025-06-23", type: "consultation_response" },
];
const lastConsultationRecords: typeof consultationRecords = [
  {
    body: "GSN",
    description: "Remissvar grundskolenämnden",
    datedOn: "2025-06-19",
    type: "consultation_response",
  },
  {
    body: "GSN",
    description: "Grundskolenämnden beslut 250619 § 93 Särskilt yttrande (SD)",
    datedOn: "2025-06-19",
    type: "decision",
  },
];

const recipientShortNames = [
  "ASN",
  "FRN",
  "FSN",
  "FN",
  "GSN",
  "GVN",
  "KN",
  "MN",
  "SN",
  "SBN",
  "TN",
  "MKB",
  "MINC",
  "HÅL",
];

/** Ensures the STK number series exists (the diarium's example may have made it already). */
async function ensureSeries(tx: Tx, actor: Actor, ownerBodyId: string | undefined) {
  return (
    (await findSeriesByCode(tx, actor.municipalityId, "STK")) ??
    (await createNumberSeries(tx, actor, {
      code: "STK",
      prefix: "STK",
      pattern: "{prefix}-{year}-{seq}",
      ownerBodyId: ownerBodyId ?? null,
    }))
  );
}

/**
 * Finds a case by its number, or registers it with exactly that number: the series continues from the number
 * before it, as it does when Paragraf takes over a register that was kept elsewhere until then.
 */
async function ensureCase(
  tx: Tx,
  actor: Actor,
  input: {
    number: string;
    year: number;
    sequence: number;
    title: string;
    openedOn: string;
    responsibleBodyId?: string;
    caseOfficerId?: string;
    originCaseId?: string;
  },
) {
  const found = await findCaseByNumber(tx, actor.municipalityId, input.number);
  if (found) return found;
  const series = await ensureSeries(tx, actor, input.responsibleBodyId);
  await tx
    .insert(numberCounter)
    .values({ seriesId: series.id, year: input.year, lastValue: input.sequence - 1 })
    .onConflictDoUpdate({
      target: [numberCounter.seriesId, numberCounter.year],
      set: { lastValue: sql`greatest(${numberCounter.lastValue}, ${input.sequence - 1})` },
    });
  await recordAudit(tx, actor, {
    action: "number_series.continued",
    recordType: "number_series",
    recordId: series.id,
    after: { year: input.year, continuesAfter: input.sequence - 1 },
  });
  const created = await registerNewCase(tx, actor, {
    seriesCode: "STK",
    title: input.title,
    openedOn: input.openedOn,
    responsibleBodyId: input.responsibleBodyId ?? null,
    caseOfficerId: input.caseOfficerId ?? null,
    originCaseId: input.originCaseId ?? null,
  });
  if (created.number !== input.number) throw new Error(`Expected ${input.number}, got ${created.number}`);
  return created;
}

/** Finds a record in a case by its number or description, or registers it. */
async function ensureRecord(
  tx: Tx,
  actor: Actor,
  caseRow: { id: string; number: string; lastRecordSequence: number },
  input: {
    description: string;
    datedOn: string;
    direction: RecordDirection;
    recordType: RecordType;
    counterpartBodyId?: string;
    sequence?: number;
  },
) {
  const [found] = await tx
    .select()
    .from(record)
    .where(
      and(
        eq(record.caseId, caseRow.id),
        input.sequence
          ? sql`(${record.sequence} = ${input.sequence} or ${record.description} = ${input.description})`
          : eq(record.description, input.description),
      ),
    );
  if (found) return found;
  if (input.sequence) {
    // The records before it are in the register that was kept before Paragraf.
    await tx
      .update(registerCase)
      .set({ lastRecordSequence: sql`greatest(${registerCase.lastRecordSequence}, ${input.sequence - 1})` })
      .where(eq(registerCase.id, caseRow.id));
  }
  return registerRecord(tx, actor, {
    caseId: caseRow.id,
    direction: input.direction,
    recordType: input.recordType,
    datedOn: input.datedOn,
    description: input.description,
    counterpartBodyId: input.counterpartBodyId ?? null,
  });
}

const at = (iso: string) => new Date(iso);

/** Plans, announces and opens a meeting whose attendance the minutes give as a count. */
async function heldMeeting(
  tx: Tx,
  actor: Actor,
  o: { bodyId: string; heldOn: string; startsAt: string; place: string; noticeOn?: string; counted?: number },
) {
  const m = await planMeeting(tx, actor, {
    bodyId: o.bodyId,
    heldOn: o.heldOn,
    startsAt: o.startsAt,
    place: o.place,
  });
  if (o.noticeOn) await publishNotice(tx, actor, m.id, { publishedOn: o.noticeOn });
  await openMeeting(tx, actor, m.id, { at: at(`${o.heldOn}T${o.startsAt}:00+01:00`) });
  if (o.counted !== undefined) await recordAttendanceCount(tx, actor, m.id, { countedPresent: o.counted });
  return m;
}

/** Loads the meetings and minutes of the seed into the Malmö example. */
export async function loadMalmoMeetings(tx: Tx, actor: Actor, ids: Ids) {
  const body = (short: string) => ids.bodyIds.get(short)!;
  const person = (name: string) => ids.personIds.get(name)!;
  const party = (abbreviation: string) => ids.partyIds.get(abbreviation)!;

  // Seats quorum is counted against (KS 13, KSAU 5: see the decision record; KF's 61 come with the organisation).
  const ks = (await findBody(tx, actor.municipalityId, body("KS")))!;
  if (!ks.seats) await updateBody(tx, actor, ks.id, { seats: 13 });
  const ksau = (await findBody(tx, actor.municipalityId, body("KSAU")))!;
  if (!ksau.seats) await updateBody(tx, actor, ksau.id, { seats: 5 });

  const originCase = await ensureCase(tx, actor, {
    number: "STK-2023-137",
    year: 2023,
    sequence: 137,
    title: "Uppdrag budget 2023 - Definiera och starta ett långsiktigt och strategiskt områdeslyft",
    openedOn: "2023-01-02",
    responsibleBodyId: body("KS"),
  });
  const theCase = await ensureCase(tx, actor, {
    number: "STK-2024-1374",
    year: 2024,
    sequence: 1374,
    title: "Återrapportering kring kraftsamlande insatser",
    openedOn: "2024-10-09",
    responsibleBodyId: body("KS"),
    caseOfficerId: person("Nasrin Bigdelou"),
    originCaseId: originCase.id,
  });
  const kf189Record = await ensureRecord(tx, actor, originCase, {
    description: "Uppdrag budget 2023 - Definiera och starta ett",
    datedOn: "2024-09-26",
    direction: "incoming",
    recordType: "decision",
    counterpartBodyId: body("KF"),
    sequence: 50,
  });

  // KF 2024-09-26 § 189: the decision that gave the assignments.
  await startParagraphNumbering(tx, actor, { bodyId: body("KF"), year: 2024, lastNumber: 188 });
  const kf2024 = await heldMeeting(tx, actor, {
    bodyId: body("KF"),
    heldOn: "2024-09-26",
    startsAt: "17:00",
    place: "Rådhuset, Malmö",
    noticeOn: "2024-09-19",
    counted: 61,
  });
  const kf2024Item = await addAgendaItem(tx, actor, kf2024.id, { caseId: originCase.id });
  const kf189 = await takeUpItem(tx, actor, { agendaItemId: kf2024Item.id, number: 189 });
  await recordDecision(tx, actor, {
    paragraphId: kf189.id,
    points: [
      "Kommunstyrelsen ges samordningsansvaret för kraftsamlande insatser.",
      "Kommunstyrelsen ges i uppdrag att utarbeta formerna för processen i stort inklusive rapportering, ta fram förslag på geografiska områden samt föreslå vilka nämnder och bolag som ska få ett särskilt ansvar i arbetet.",
    ],
  });
  await announceReservation(tx, actor, {
    paragraphId: kf189.id,
    partyId: party("SD"),
    announcedAt: at("2024-09-26T19:00:00+02:00"),
  });
  await announceStatement(tx, actor, {
    paragraphId: kf189.id,
    kind: "special_statement",
    partyIds: [party("M"), party("C")],
    announcedAt: at("2024-09-26T19:00:00+02:00"),
  });
  await closeMeeting(tx, actor, kf2024.id, { at: at("2024-09-26T22:00:00+02:00") });

  // The route, planned before the first step.
  await planDecisionRoute(tx, actor, {
    caseId: theCase.id,
    steps: [
      { bodyId: body("KSB"), plannedOn: "2025-03-12", role: "prepare" },
      { bodyId: body("KSAU"), plannedOn: "2025-03-24", role: "prepare" },
      { bodyId: body("KSAU"), plannedOn: "2025-12-08", role: "prepare" },
      { bodyId: body("KS"), plannedOn: "2026-01-07", role: "prepare" },
      { bodyId: body("KF"), plannedOn: "2026-01-22", role: "decide" },
    ],
  });

  // KSB 2025-03-12 and KSAU 2025-03-24 were held with the case on the agenda; the seed gives no paragraph for them.
  for (const [short, day] of [
    ["KSB", "2025-03-12"],
    ["KSAU", "2025-03-24"],
  ] as const) {
    const m = await heldMeeting(tx, actor, {
      bodyId: body(short),
      heldOn: day,
      startsAt: "09:00",
      place: "Stadshuset, Malmö",
    });
    await addAgendaItem(tx, actor, m.id, { caseId: theCase.id });
    await closeMeeting(tx, actor, m.id, { at: at(`${day}T12:00:00+01:00`) });
  }

  // The decision basis the official report lists, as records of the case.
  const report = await ensureRecord(tx, actor, theCase, {
    description: "G-Tjänsteskrivelse KSAU 251208 Återrapportering kring kraftsamlande insatser",
    datedOn: "2025-12-03",
    direction: "drawn_up",
    recordType: "official_report",
    counterpartBodyId: body("STK"),
  });
  const basis: { recordId?: string; paragraphId?: string }[] = [{ recordId: report.id }];
  for (const r of consultationRecords) {
    const rec = await ensureRecord(tx, actor, theCase, {
      description: r.description,
      datedOn: r.datedOn,
      direction: "incoming",
      recordType: r.type,
      counterpartBodyId: body(r.body),
    });
    basis.push({ recordId: rec.id });
  }
  basis.push({ paragraphId: kf189.id, recordId: kf189Record.id });
  for (const r of lastConsultationRecords) {
    const rec = await ensureRecord(tx, actor, theCase, {
      description: r.description,
      datedOn: r.datedOn,
      direction: "incoming",
      recordType: r.type,
      counterpartBodyId: body(r.body),
    });
    basis.push({ recordId: rec.id });
  }

  // KSAU 2025-12-08 § 564, with a special statement (M).
  await startParagraphNumbering(tx, actor, { bodyId: body("KSAU"), year: 2025, lastNumber: 563 });
  const ksauMeeting = await heldMeeting(tx, actor, {
    bodyId: body("KSAU"),
    heldOn: "2025-12-08",
    startsAt: "09:00",
    place: "Stadshuset, Malmö",
    counted: 5,
  });
  // Its proposal is the city office's official report: signing the report (malmo-report.ts) gives the item the
  // report's "Förslag till beslut" and the link to it.
  const ksauItem = await addAgendaItem(tx, actor, ksauMeeting.id, { caseId: theCase.id, basis });
  const ksau564 = await takeUpItem(tx, actor, { agendaItemId: ksauItem.id, number: 564 });
  await recordDecision(tx, actor, { paragraphId: ksau564.id, points: [decisionPointText] });
  await announceStatement(tx, actor, {
    paragraphId: ksau564.id,
    kind: "special_statement",
    partyIds: [party("M")],
    announcedAt: at("2025-12-08T10:00:00+01:00"),
  });
  await closeMeeting(tx, actor, ksauMeeting.id, { at: at("2025-12-08T12:00:00+01:00") });

  // KS 2026-01-07 § 16: receives KSAU § 564 as its proposal, with the basis carried forward.
  await startParagraphNumbering(tx, actor, { bodyId: body("KS"), year: 2026, lastNumber: 15 });
  const ksMeeting = await heldMeeting(tx, actor, {
    bodyId: body("KS"),
    heldOn: "2026-01-07",
    startsAt: "09:00",
    place: "Stadshuset, Malmö",
    counted: 13,
  });
  const ksItem = await addAgendaItem(tx, actor, ksMeeting.id, { caseId: theCase.id });
  const ks16 = await takeUpItem(tx, actor, { agendaItemId: ksItem.id, number: 16 });
  await recordDecision(tx, actor, { paragraphId: ks16.id, points: [decisionPointText] });
  for (const parties of [["M", "C"], ["SD"]])
    await announceStatement(tx, actor, {
      paragraphId: ks16.id,
      kind: "special_statement",
      partyIds: parties.map(party),
      announcedAt: at("2026-01-07T10:00:00+01:00"),
    });
  await closeMeeting(tx, actor, ksMeeting.id, { at: at("2026-01-07T12:00:00+01:00") });

  // KF 2026-01-22 § 8 (Ärende 9 on the agenda).
  await startParagraphNumbering(tx, actor, { bodyId: body("KF"), year: 2026, lastNumber: 7 });
  const kf = await heldMeeting(tx, actor, {
    bodyId: body("KF"),
    heldOn: "2026-01-22",
    startsAt: "17:00",
    place: "Rådhuset, Malmö",
    noticeOn: "2026-01-15",
  });
  for (const name of ["Katrin Stjernfeldt Jammeh", "Roko Kursar", "Farishta Sulaiman", "Kay Wictorin"])
    await recordAttendance(tx, actor, kf.id, { personId: person(name), capacity: "member" });
  await recordAttendanceCount(tx, actor, kf.id, { countedPresent: 61 });
  const kfItem = await addAgendaItem(tx, actor, kf.id, { caseId: theCase.id, position: 9 });
  const kf8 = await takeUpItem(tx, actor, { agendaItemId: kfItem.id, number: 8, summary: kfSummary });
  await recordDecision(tx, actor, { paragraphId: kf8.id, points: [decisionPointText] });
  await addMotion(tx, actor, {
    paragraphId: kf8.id,
    kind: "approve",
    moverIds: [person("Katrin Stjernfeldt Jammeh"), person("Roko Kursar")],
  });
  const statement = await announceStatement(tx, actor, {
    paragraphId: kf8.id,
    kind: "special_statement",
    announcerIds: [person("Farishta Sulaiman"), person("Kay Wictorin")],
    signatoryIds: [person("Håkan Fäldt"), person("Anton Sauer")],
    announcedAt: at("2026-01-22T19:00:00+01:00"),
    text: statementMC,
  });
  const statementRecord = await ensureRecord(tx, actor, theCase, {
    description: "Särskilt yttrande (M+C) Kommunfullmäktige 2026-01-22 ärende 9",
    datedOn: "2026-01-22",
    direction: "incoming",
    recordType: "special_statement",
  });
  await addAttachment(tx, actor, {
    meetingId: kf.id,
    number: 12,
    title: "Särskilt yttrande (M+C), ärende 9",
    recordId: statementRecord.id,
    statementId: statement.id,
  });
  await setRecipients(tx, actor, {
    paragraphId: kf8.id,
    recipients: [
      ...recipientShortNames.map((short) => ({ bodyId: body(short) })),
      { label: "Stadskontorets handläggare" },
    ],
  });
  await closeMeeting(tx, actor, kf.id, { at: at("2026-01-22T23:00:00+01:00") });

  return { kf189, kf189Record, ksau564, ks16, kf8, theCase, originCase };
}
