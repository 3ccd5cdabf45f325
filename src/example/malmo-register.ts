import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { createNumberSeries } from "../register/create-number-series.js";
import { registerNewCase } from "../register/register-case.js";
import { registerRecord } from "../register/register-record.js";
import { startRecordNumbersAt } from "../register/start-record-numbers-at.js";
import { startSeriesAt } from "../register/start-series-at.js";
import type { RecordDirection, RecordType } from "../register/tables.js";

// The diarium behind Malmö kommunfullmäktige § 8, 2026-01-22 (../shared/seed): case STK-2024-1374, its origin
// case STK-2023-137 (the 2023 budget assignment) and the records of the seed's beslutsunderlag. Descriptions are
// the seed's own wording; each record's sender is a link to the body (short names as in malmo-organisation.ts).
// Dates are those of the seed's decision codes ("Tekniska nämnden beslut 250527 § 125" is dated 2025-05-27).

interface ExampleRecord {
  description: string;
  datedOn: string;
  direction: RecordDirection;
  recordType: RecordType;
  body: string;
}

const decision = (body: string, datedOn: string, description: string): ExampleRecord => ({
  description,
  datedOn,
  direction: "incoming",
  recordType: "decision",
  body,
});
// The seed gives no date for the consultation responses; each is dated as its consultee's decision on it.
const response = (body: string, datedOn: string, description: string): ExampleRecord => ({
  description,
  datedOn,
  direction: "incoming",
  recordType: "consultation_response",
  body,
});
// MKB and MINC answered without a decision of their own, and the seed dates neither answer: they are dated
// 2025-06-23, the day of the last consultee decision, when the round was complete.
const companyAnswerDate = "2025-06-23";

/** The records of STK-2024-1374 in the order they were registered: by date, each decision before its answer. */
export const caseRecords: ExampleRecord[] = [
  decision("TN", "2025-05-27", "Tekniska nämnden beslut 250527 § 125"),
  response("TN", "2025-05-27", "Remissvar tekniska nämnden"),
  decision("FN", "2025-06-11", "Förskolenämnden beslut 250611 § 87 Särskilt yttrande (SD)"),
  response("FN", "2025-06-11", "Remissvar förskolenämnden"),
  decision("MN", "2025-06-12", "Beslut miljönämnden 250612 § 120 Särskilt yttrande (SD) och (V)"),
  response("MN", "2025-06-12", "Remissvar miljönämnden"),
  decision("GVN", "2025-06-13", "Gymnasie- och vuxenutbildningsnämnden beslut 250613 § 95"),
  response("GVN", "2025-06-13", "Remissvar gymnasie- och vuxenutbildningsnämnden"),
  decision("KN", "2025-06-17", "Kulturnämnden beslut 250617 § 79"),
  response("KN", "2025-06-17", "Remissvar Kulturnämnden"),
  decision("SN", "2025-06-17", "Servicenämndens beslut 250617 §66"),
  response("SN", "2025-06-17", "Remissvar servicenämnden"),
  decision(
    "ASN",
    "2025-06-19",
    "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)",
  ),
  response("ASN", "2025-06-19", "Remissvar arbetsmarknads- och socialnämnden"),
  decision("FRN", "2025-06-19", "Beslut fritidsnämnden 250619 § 91"),
  response("FRN", "2025-06-19", "Remissvar fritidsnämnden"),
  decision("GSN", "2025-06-19", "Grundskolenämnden beslut 250619 § 93 Särskilt yttrande (SD)"),
  response("GSN", "2025-06-19", "Remissvar grundskolenämnden"),
  decision("SBN", "2025-06-19", "Stadsbyggnadsnämnden beslut 250619 § 201"),
  response("SBN", "2025-06-19", "Remissvar stadsbyggnadsnämnden"),
  decision("FSN", "2025-06-23", "Funktionsstödsnämndens beslut 250623 § 59"),
  response("FSN", "2025-06-23", "Remissvar funktionsstödsnämnden"),
  response("MINC", companyAnswerDate, "Remissvar MINC i Sverige AB"),
  response("MKB", companyAnswerDate, "Remissvar MKB"),
  {
    // The official report of 2025-12-03, for KSAU's meeting of 2025-12-08 (hence "KSAU 251208").
    description: "G-Tjänsteskrivelse KSAU 251208 Återrapportering kring kraftsamlande insatser",
    datedOn: "2025-12-03",
    direction: "drawn_up",
    recordType: "official_report",
    body: "STK",
  },
  {
    description:
      "Förslag till beslut KSAU 251208 §564 med särskilt yttrande (M) Återrapportering kring kraftsamlande insatser",
    datedOn: "2025-12-08",
    direction: "drawn_up",
    recordType: "decision",
    body: "KSAU",
  },
  {
    description:
      "Förslag till beslut KS 260107 §16 med särskilt yttrande (M+C) och (SD) Återrapportering kring kraftsamlande insatser",
    datedOn: "2026-01-07",
    direction: "drawn_up",
    recordType: "decision",
    body: "KS",
  },
];

/**
 * Registers the example's two cases through the register's use cases. The STK series existed before Paragraf:
 * its 2023 and 2024 counters start where the earlier register left off, and record 50 of STK-2023-137 is an
 * imported legacy number (both audited). The records of STK-2024-1374 follow in loadCaseRecords, after the
 * consultation's letters, which are older.
 */
export async function loadRegisterCases(
  tx: Tx,
  actor: Actor,
  ids: { bodyIds: Map<string, string>; personIds: Map<string, string> },
) {
  const body = (shortName: string) => {
    const id = ids.bodyIds.get(shortName);
    if (!id) throw new Error(`The organisation example has no body ${shortName}`);
    return id;
  };
  await createNumberSeries(tx, actor, {
    code: "STK",
    prefix: "STK",
    pattern: "{prefix}-{year}-{seq}",
    ownerBodyId: body("STK"),
  });

  await startSeriesAt(tx, actor, { seriesCode: "STK", firstNumber: "STK-2023-137" });
  const origin = await registerNewCase(tx, actor, {
    seriesCode: "STK",
    // The seed cuts the title short ("Definiera och starta ett"); the official report gives the rest of it.
    title: "Uppdrag budget 2023 - Definiera och starta ett långsiktigt och strategiskt områdeslyft",
    responsibleBodyId: body("KS"),
    // The seed gives no opening date; the assignment came with the budget for 2023, so the first working day.
    openedOn: "2023-01-02",
  });
  await startRecordNumbersAt(tx, actor, origin.id, { firstNumber: "STK-2023-137-50" });
  await registerRecord(tx, actor, {
    caseId: origin.id,
    direction: "incoming",
    recordType: "decision",
    datedOn: "2024-09-26",
    counterpartBodyId: body("KF"),
    description:
      "Beslut KF 240926 § 189 med reservation (SD) och särskilt yttrande (M+C) Uppdrag budget 2023 - Definiera och starta ett",
  });

  await startSeriesAt(tx, actor, { seriesCode: "STK", firstNumber: "STK-2024-1374" });
  const reportBack = await registerNewCase(tx, actor, {
    seriesCode: "STK",
    title: "Återrapportering kring kraftsamlande insatser",
    responsibleBodyId: body("KS"),
    caseOfficerId: ids.personIds.get("Nasrin Bigdelou") ?? null,
    originCaseId: origin.id,
    // The seed gives no opening date. The case reports back on KF 2024-09-26 § 189, whose minutes the seed also
    // dates 9 October 2024; the case is opened on that later day, when the assignment reached the city office.
    openedOn: "2024-10-09",
  });
  return { origin, reportBack };
}

/** Registers the records of STK-2024-1374's decision basis (caseRecords), in their order. */
export async function loadCaseRecords(tx: Tx, actor: Actor, bodyIds: Map<string, string>, caseId: string) {
  const body = (shortName: string) => {
    const id = bodyIds.get(shortName);
    if (!id) throw new Error(`The organisation example has no body ${shortName}`);
    return id;
  };
  for (const r of caseRecords) {
    await registerRecord(tx, actor, {
      caseId,
      direction: r.direction,
      recordType: r.recordType,
      datedOn: r.datedOn,
      counterpartBodyId: body(r.body),
      description: r.description,
    });
  }
}
