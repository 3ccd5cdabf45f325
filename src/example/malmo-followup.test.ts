import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, tx } from "../../test/support/db.js";
import { readAssignments } from "../assignments/read-assignments.js";
import { respondentList } from "../consultations/format.js";
import { readConsultation } from "../consultations/read-consultation.js";
import { readConsultations } from "../consultations/read-consultations.js";
import type { Database } from "../db/connect.js";
import { findCaseByNumber } from "../register/queries.js";
import { loadExample } from "./load-example.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

class Rollback extends Error {}

/** Loads the whole example in a transaction that is rolled back, so the shared database keeps nothing. */
async function withExample(
  check: (t: Parameters<Parameters<typeof tx>[1]>[0], municipalityId: string) => Promise<void>,
) {
  await expect(
    tx(database, async (t) => {
      const { municipality } = await loadExample(t);
      await check(t, municipality.id);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describe("the Malmö example's follow-through", () => {
  it("has the two assignments of KF 240926 § 189 to the board, reported by KF 260122 § 8", async () => {
    await withExample(async (t, m) => {
      const kase = await findCaseByNumber(t, m, "STK-2024-1374");
      expect(kase?.title).toBe("Återrapportering kring kraftsamlande insatser");
      const assignments = await readAssignments(t, m, { caseId: kase!.id });
      expect(assignments.map((a) => [a.bodyName, a.givenBy.code, a.status, a.closedBy?.code])).toEqual([
        ["Kommunstyrelsen", "KF 240926 § 189", "reported", "KF 260122 § 8"],
        ["Kommunstyrelsen", "KF 240926 § 189", "reported", "KF 260122 § 8"],
      ]);
      // Both decisions are paragraphs of the example's minutes: links, not copied text.
      expect(assignments.map((a) => [a.givenBy.href, a.closedBy?.href])).toEqual([
        ["/protokoll/kommunfullmaktige/2024/189", "/protokoll/kommunfullmaktige/2026/8"],
        ["/protokoll/kommunfullmaktige/2024/189", "/protokoll/kommunfullmaktige/2026/8"],
      ]);
    });
  });

  it("has KSAU's consultation with four questions and thirteen answers as the seed gives them", async () => {
    await withExample(async (t, m) => {
      const [listed] = await readConsultations(t, m);
      expect(listed).toMatchObject({ decisionCode: "KSAU 250324", consultees: 13, answered: 13 });
      const o = await readConsultation(t, m, { all: true, bodyIds: [] }, listed!.id);
      expect(o.caseNumber).toBe("STK-2024-1374");
      expect(o.questions).toHaveLength(4);
      expect(o.questions[3]!.text).toBe(
        "Finns det insatser om redan är i gång som behöver förstärkas inom ramen för kraftsamlande insatser?",
      );
      expect(respondentList(o.consultees)).toEqual([
        { name: "Arbetsmarknads- och socialnämnden", lines: ["Reservation (M) och (SD)"] },
        { name: "Fritidsnämnden", lines: [] },
        { name: "Funktionsstödsnämnden", lines: [] },
        { name: "Förskolenämnden", lines: ["Särskilt yttrande (SD)"] },
        // The decision basis gives Grundskolenämnden's statement; the seed's own list leaves it out.
        { name: "Grundskolenämnden", lines: ["Särskilt yttrande (SD)"] },
        { name: "Gymnasie- och vuxenutbildningsnämnden", lines: [] },
        { name: "Kulturnämnden", lines: [] },
        { name: "Miljönämnden", lines: ["Särskilt yttrande (SD) och (V)"] },
        { name: "Servicenämnden", lines: [] },
        { name: "Stadsbyggnadsnämnden", lines: [] },
        { name: "Tekniska nämnden", lines: [] },
        { name: "MINC i Sverige AB", lines: [] },
        { name: "MKB Fastighets AB", lines: [] },
      ]);
      expect(o.consultees.map((c) => c.decisionLine).filter(Boolean)).toEqual([
        "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)",
        "Fritidsnämndens beslut 250619 § 91",
        "Funktionsstödsnämndens beslut 250623 § 59",
        "Förskolenämndens beslut 250611 § 87 med särskilt yttrande (SD)",
        "Grundskolenämndens beslut 250619 § 93 med särskilt yttrande (SD)",
        "Gymnasie- och vuxenutbildningsnämndens beslut 250613 § 95",
        "Kulturnämndens beslut 250617 § 79",
        "Miljönämndens beslut 250612 § 120 med särskilt yttrande (SD) och (V)",
        "Servicenämndens beslut 250617 § 66",
        "Stadsbyggnadsnämndens beslut 250619 § 201",
        "Tekniska nämndens beslut 250527 § 125",
      ]);
      expect(o.consultees.map((c) => c.responseRecord?.description)).toContain("Remissvar MINC i Sverige AB");
    });
  });
});
