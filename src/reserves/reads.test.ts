import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { countGet, expectSameCounts } from "../../test/support/queries.js";
import { buildCallOff, buildReserve, reserveSetting } from "../../test/support/reserves.js";
import type { Database } from "../db/connect.js";
import { decideCallOff } from "./decide-call-off.js";
import { exportKinds } from "./export-tables.js";
import { recordPayment } from "./record-payment.js";
import { submitReport } from "./submit-report.js";

// The follow-up's pages, downloads and API read in a number of statements that does not grow with the reserves,
// call-offs, indicators or reports (issue 9). http.test.ts counts the read model of one reserve; this counts what a
// visitor requests (with the page cache off, so that the reads are counted) and what an admin does.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const get = (client: Client, path: string) => countGet(database, client, path);

/**
 * `reserves` reserves; the first with `callOffs` call-offs, each granted and paid; the first call-off followed up
 * by `indicators` indicators reported on in `reports` reports (two a year, from 2021).
 */
async function followUp(size: { reserves: number; callOffs: number; indicators: number; reports: number }) {
  const m = await freshMunicipality(database);
  const s = await reserveSetting(database, m.system);
  for (let i = 2; i <= size.reserves; i++)
    await buildReserve(database, m.system, s, { title: `Reserv ${i}`, amountOre: 100_000_000 });
  const indicators = Array.from({ length: size.indicators }, (_, i) => ({
    externalId: `IND-${m.slug}-${i + 1}`,
    name: `Indikator ${i + 1}`,
    unit: "count" as const,
    baseline: 0,
    target: 100,
    source: "Egen mätning",
  }));
  const callOffs = [];
  for (let i = 1; i <= size.callOffs; i++) {
    const applied = await buildCallOff(database, m.system, s, {
      title: `Insats ${i}`,
      requestedOre: 1_000_000,
      ...(i === 1 ? { indicators } : {}),
    });
    await tx(database, async (t) => {
      await decideCallOff(t, m.system, applied.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      });
      await recordPayment(t, m.system, applied.id, { amountOre: 500_000, paidOn: "2026-03-01" });
    });
    callOffs.push(applied);
  }
  const followed = callOffs[0]!;
  const ids = await tx(database, (t) =>
    t.query.indicator.findMany({ where: (x, { eq }) => eq(x.callOffId, followed.id) }),
  );
  for (let r = 0; r < size.reports; r++) {
    const year = 2021 + Math.floor(r / 2);
    await tx(database, (t) =>
      submitReport(t, m.system, followed.id, {
        year,
        period: r % 2 === 0 ? "interim" : "annual",
        status: "on_track",
        moneyUsedOre: 100_000,
        narrative: `Rapport ${r + 1}.`,
        reportedOn: `${year + 1}-03-01`,
        values: ids.map((x) => ({ indicatorId: x.id, value: 10 + r })),
      }),
    );
  }
  const paths: Record<string, string> = {
    dashboard: "/uppfoljning",
    reserve: `/uppfoljning/reserver/${s.reserve.id}`,
    intervention: `/uppfoljning/insatser/${followed.id}`,
    reservesApi: "/api/reserves",
    reserveApi: `/api/reserves/${s.reserve.id}`,
    callOffApi: `/api/call-offs/${followed.id}`,
  };
  for (const kind of exportKinds)
    for (const format of ["csv", "xlsx"]) {
      paths[`${kind}.${format}`] = `/uppfoljning/${kind}.${format}`;
      paths[`${kind}.${format}?reserv`] = `/uppfoljning/${kind}.${format}?reserv=${s.reserve.id}`;
    }
  const { app } = testApp(database, m.slug, { pageCache: false });
  const admin = await buildUser(database, m.system);
  const signedIn = new Client(app);
  await signedIn.logIn(admin.email, admin.password);
  const reads: Record<string, { text: string; queries: number }> = {};
  for (const [name, path] of Object.entries(paths)) {
    reads[name] = await get(new Client(app), path);
    reads[`${name} signed in`] = await get(signedIn, path);
  }
  return reads;
}

describe("the follow-up reads in a fixed number of statements", () => {
  it("shows 1 reserve, call-off, indicator and report, and 3 reserves, 10 call-offs, 8 indicators and 10 reports, in as many", async () => {
    const one = await followUp({ reserves: 1, callOffs: 1, indicators: 1, reports: 1 });
    const many = await followUp({ reserves: 3, callOffs: 10, indicators: 8, reports: 10 });

    expect(many.dashboard!.text).toContain("Reserv 3 2026");
    expect(many.dashboard!.text).toContain("10 avrop.");
    expect(many.reserve!.text.match(/href="\/uppfoljning\/insatser\/[0-9a-f-]{36}"/g)).toHaveLength(10);
    expect(many.intervention!.text).toContain("Indikator 8");
    expect(many.intervention!.text).toContain("Rapport 10.");
    expect(JSON.parse(many.reservesApi!.text).data).toHaveLength(3);
    expect(JSON.parse(many.reserveApi!.text).callOffs).toHaveLength(10);
    const callOff = JSON.parse(many.callOffApi!.text);
    expect(callOff.indicators).toHaveLength(8);
    expect(callOff.reports).toHaveLength(10);
    const rows = (csv: string) => csv.trim().split("\n").length - 1;
    expect(rows(many["reserver.csv"]!.text)).toBe(3);
    expect(rows(many["avrop.csv"]!.text)).toBe(10);
    expect(rows(many["indikatorer.csv"]!.text)).toBe(8 + 9);
    // One row per report and indicator value.
    expect(rows(many["rapporter.csv"]!.text)).toBe(10 * 8);

    expectSameCounts(one, many);
  });
});
