import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { createNumberSeries } from "./create-number-series.js";
import { registerCaseWithNames, registerNewCase } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { numberCounter, registerCase } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("case numbers", () => {
  it("gives 50 concurrent registrations 50 distinct consecutive numbers", async () => {
    const m = await freshMunicipality(database);
    await tx(database, (t) =>
      createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
    );
    const cases = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        tx(database, (t) =>
          registerNewCase(t, m.system, { seriesCode: "STK", title: `Ärende ${i}`, openedOn: "2024-03-01" }),
        ),
      ),
    );
    const sequences = cases.map((c) => c.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(cases.map((c) => c.number)).size).toBe(50);
    expect(cases.map((c) => c.number)).toContain("STK-2024-50");
  });

  it("numbers 50 concurrent registrations outside a transaction, as the API registers, each with its entry", async () => {
    const m = await freshMunicipality(database);
    await tx(database, (t) =>
      createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq:4}" }),
    );
    const registered = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        registerCaseWithNames(database.db, m.system, {
          seriesCode: "STK",
          title: `Ärende ${i}`,
          openedOn: "2025-03-01",
        }),
      ),
    );
    const sequences = registered.map((r) => r.case.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(registered.map((r) => r.case.number)).toContain("STK-2025-0050");
    const entries = await tx(database, (t) =>
      t
        .select({ recordId: auditEntry.recordId })
        .from(auditEntry)
        .where(and(eq(auditEntry.municipalityId, m.id), eq(auditEntry.action, "case.registered"))),
    );
    expect(entries.map((e) => e.recordId).sort()).toEqual(registered.map((r) => r.case.id).sort());
  });

  it("hands the number back when the numbering statement itself fails, outside a transaction", async () => {
    const m = await freshMunicipality(database);
    await tx(database, (t) =>
      createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
    );
    const register = (title: string) =>
      registerCaseWithNames(database.db, m.system, { seriesCode: "STK", title, openedOn: "2025-04-01" });
    expect((await register("Första")).case.number).toBe("STK-2025-1");
    // A blank title passes no form, but here it reaches the database, whose check fails after the counter moved.
    await expect(register("   ")).rejects.toThrow();
    expect((await register("Andra")).case.number).toBe("STK-2025-2");
    const entries = await tx(database, (t) =>
      t
        .select()
        .from(auditEntry)
        .where(and(eq(auditEntry.municipalityId, m.id), eq(auditEntry.action, "case.registered"))),
    );
    expect(entries).toHaveLength(2);
  });

  it("hands the number back when the registering transaction fails after allocating", async () => {
    const m = await freshMunicipality(database);
    const series = await tx(database, (t) =>
      createNumberSeries(t, m.system, { code: "KS", prefix: "KS", pattern: "{year}/{prefix} {seq:4}" }),
    );
    await tx(database, (t) =>
      registerNewCase(t, m.system, { seriesCode: "KS", title: "Första", openedOn: "2011-02-01" }),
    );
    await expect(
      tx(database, async (t) => {
        await registerNewCase(t, m.system, { seriesCode: "KS", title: "Andra", openedOn: "2011-02-02" });
        throw new Error("fault after allocation");
      }),
    ).rejects.toThrow("fault after allocation");
    const next = await tx(database, (t) =>
      registerNewCase(t, m.system, { seriesCode: "KS", title: "Tredje", openedOn: "2011-02-03" }),
    );
    expect(next.number).toBe("2011/KS 0002");
    const [counter] = await tx(database, (t) =>
      t
        .select()
        .from(numberCounter)
        .where(and(eq(numberCounter.seriesId, series.id), eq(numberCounter.year, 2011))),
    );
    expect(counter!.lastValue).toBe(2);
    const stored = await tx(database, (t) =>
      t.select().from(registerCase).where(eq(registerCase.seriesId, series.id)),
    );
    expect(stored.map((c) => c.title).sort()).toEqual(["Första", "Tredje"]);
  });

  it("numbers records within their case", async () => {
    const m = await freshMunicipality(database);
    await tx(database, (t) =>
      createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
    );
    const c = await tx(database, (t) =>
      registerNewCase(t, m.system, { seriesCode: "STK", title: "Budget", openedOn: "2023-01-10" }),
    );
    const records = await Promise.all(
      [1, 2, 3].map((i) =>
        tx(database, (t) =>
          registerRecord(t, m.system, {
            caseId: c.id,
            direction: "incoming",
            recordType: "letter",
            datedOn: "2023-02-01",
            description: `Skrivelse ${i}`,
          }),
        ),
      ),
    );
    expect(records.map((r) => r.number).sort()).toEqual(["STK-2023-1-1", "STK-2023-1-2", "STK-2023-1-3"]);
  });
});
