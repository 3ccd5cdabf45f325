import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, tx } from "../../test/support/db.js";
import type { Database } from "../db/connect.js";
import { readCase } from "../register/read-case.js";
import { searchRegister } from "../register/search.js";
import { loadExample } from "./load-example.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const rolledBack = new Error("rolled back on purpose");
const publicReader = { all: false, bodyIds: [] };

describe("the Malmö example's diarium", () => {
  // The example is loaded in a transaction that is rolled back, so it can run beside any other test data.
  it("holds STK-2024-1374, its origin STK-2023-137 with record 50, and the records of the beslutsunderlag", async () => {
    await expect(
      tx(database, async (t) => {
        const { municipality } = await loadExample(t);
        const { view } = await readCase(t, municipality.id, publicReader, { number: "STK-2024-1374" });
        expect(view.title).toBe("Återrapportering kring kraftsamlande insatser");
        expect(view.caseOfficerName).toBe("Nasrin Bigdelou");
        expect(view.responsibleBody?.name).toBe("Kommunstyrelsen");
        expect(view.originCase?.number).toBe("STK-2023-137");
        // The beslutsunderlag's 27 records, the 13 consultation letters sent from the case and Bilaga 12's statement.
        const basis = view.records.filter(
          (r) => r.direction !== "outgoing" && r.recordType !== "special_statement",
        );
        expect(basis).toHaveLength(27);
        expect(
          view.records.filter((r) => r.direction === "outgoing" && r.recordType === "letter"),
        ).toHaveLength(13);
        expect(view.records.filter((r) => r.recordType === "special_statement")).toHaveLength(1);
        const tn = view.records.find((r) => r.description === "Tekniska nämnden beslut 250527 § 125")!;
        expect(tn).toMatchObject({ datedOn: "2025-05-27", recordType: "decision", direction: "incoming" });
        expect(tn.counterpartBody?.name).toBe("Tekniska nämnden");
        const report = view.records.find((r) => r.recordType === "official_report")!;
        expect(report).toMatchObject({
          description: "G-Tjänsteskrivelse KSAU 251208 Återrapportering kring kraftsamlande insatser",
          datedOn: "2025-12-03",
          direction: "drawn_up",
        });
        expect(report.counterpartBody?.name).toBe("Stadskontoret");
        expect(view.records.filter((r) => r.recordType === "consultation_response")).toHaveLength(13);
        expect(basis.every((r) => r.counterpartBody !== null)).toBe(true);
        expect(view.records.map((r) => r.number)).toContain("STK-2024-1374-27");
        // Numbered in the order the records came: the consultation's letters of 2025-03-24 first.
        const sequenceOf = (n: string) => Number(n.slice("STK-2024-1374-".length));
        const inNumberOrder = [...view.records].sort((a, b) => sequenceOf(a.number) - sequenceOf(b.number));
        expect(inNumberOrder.map((r) => r.datedOn)).toEqual(inNumberOrder.map((r) => r.datedOn).sort());
        expect(inNumberOrder[0]).toMatchObject({ number: "STK-2024-1374-1", datedOn: "2025-03-24" });

        const origin = (await readCase(t, municipality.id, publicReader, { number: "STK-2023-137" })).view;
        expect(origin.records.map((r) => [r.number, r.datedOn, r.counterpartBody?.name])).toEqual([
          ["STK-2023-137-50", "2024-09-26", "Kommunfullmäktige"],
        ]);
        expect(origin.derivedCases.map((c) => c.number)).toEqual(["STK-2024-1374"]);

        const found = await searchRegister(t, municipality.id, publicReader, {
          q: "STK-2024-13",
          kind: "case",
        });
        expect(found.hits.map((h) => h.number)).toEqual(["STK-2024-1374"]);
        const remiss = await searchRegister(t, municipality.id, publicReader, {
          q: "remissvar miljönämnden",
        });
        expect(remiss.hits[0]!.heading).toBe("Remissvar miljönämnden");
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });
});
