import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildCallOff, reserveSetting, themes } from "../../test/support/reserves.js";
import { zipBomb } from "../../test/support/zip.js";
import { area } from "../areas/tables.js";
import { toXlsx } from "../assignments/tabular.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { registerCase } from "../register/tables.js";
import { callOffColumns, parseDecisionCode, reserveColumns } from "./columns.js";
import { parseCsv } from "./csv.js";
import { decideCallOff } from "./decide-call-off.js";
import { jobThreshold, readImport } from "./import-rows.js";
import { reserveJobHandlers } from "./notify.js";
import { appropriation, callOff, ledgerEntry } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

async function world() {
  const m = await freshMunicipality(database);
  const s = await reserveSetting(database, m.system);
  const a = await buildCallOff(database, m.system, s);
  await tx(database, (t) =>
    decideCallOff(t, m.system, a.id, {
      outcome: "partly_granted",
      grantedOre: 30_000_000,
      decidedBy: { bodyId: s.ks.id, decidedOn: "2026-02-20", paragraphNumber: 40 },
    }),
  );
  const { app } = testApp(database, m.slug);
  const admin = await buildUser(database, m.system);
  const client = new Client(app);
  await client.logIn(admin.email, admin.password);
  return { m, s, a, client };
}

type Problem = { rows: { row: number; field: string; message: string }[] };

const csvOf = (header: readonly string[], rows: Record<string, string>[]) =>
  [header.join(";"), ...rows.map((r) => header.map((h) => r[h] ?? "").join(";"))].join("\r\n");

async function counts(municipalityId: string) {
  return tx(database, async (t) => ({
    reserves: (await t.select().from(appropriation).where(eq(appropriation.municipalityId, municipalityId)))
      .length,
    callOffs: (await t.select().from(callOff).where(eq(callOff.municipalityId, municipalityId))).length,
    ledger: (await t.select().from(ledgerEntry).where(eq(ledgerEntry.municipalityId, municipalityId))).length,
    cases: (await t.select().from(registerCase).where(eq(registerCase.municipalityId, municipalityId)))
      .length,
    audit: (await t.select().from(auditEntry).where(eq(auditEntry.municipalityId, municipalityId))).length,
  }));
}

describe("decision codes in a cell", () => {
  it("read the export's form and the written-out date, and refuse what is not a day", () => {
    expect(parseDecisionCode("KF 260122 § 8")).toEqual({
      body: "KF",
      decidedOn: "2026-01-22",
      paragraphNumber: 8,
    });
    expect(parseDecisionCode("Kulturnämnden 2025-06-17")).toEqual({
      body: "Kulturnämnden",
      decidedOn: "2025-06-17",
      paragraphNumber: null,
    });
    expect(parseDecisionCode("KF 261332 § 8")).toBeNull();
    expect(parseDecisionCode("§ 8")).toBeNull();
  });
});

describe("importing reserves and call-offs", () => {
  it("reads its own export back and changes nothing", async () => {
    const { m, client } = await world();
    const before = await counts(m.id);
    for (const [kind, file] of [
      ["reserves", "reserver"],
      ["call_offs", "avrop"],
    ] as const) {
      const csv = await (await client.get(`/uppfoljning/${file}.csv`)).text();
      const res = await client.request("POST", "/api/reserves/import", { json: { kind, content: csv } });
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
    }
    expect(await counts(m.id)).toEqual(before);
  });

  it("creates call-offs as cases in the diarium and decides them within the balance, all rows or none", async () => {
    const { m, s, client } = await world();
    const reserveId = (
      await tx(database, (t) => t.select().from(appropriation).where(eq(appropriation.id, s.reserve.id)))
    )[0]!.externalId;
    const row = (over: Record<string, string>) => ({
      externt_id: "IMP-1",
      reserv_externt_id: reserveId,
      rubrik: "Föräldraträffar i Fosie",
      nämnd: "Fritidsnämnden",
      tema: themes[2]!,
      målgrupp: "Föräldrar till barn 6–12 år",
      process: "Universell prevention",
      beskrivning: "Träffar varannan vecka.",
      ansökt: "2026-03-01",
      start: "2026-04-01",
      slut: "2026-12-31",
      sökt_kr: "200 000",
      status: "beviljat",
      beslut: "KS 260320 § 77",
      illustrativt: "nej",
      ...over,
    });
    const before = await counts(m.id);
    const bad = csvOf(callOffColumns, [
      row({}),
      row({ externt_id: "IMP-2", tema: "Idrott" }),
      row({ externt_id: "IMP-3", sökt_kr: "1 000,005" }),
      row({ externt_id: "IMP-4", sökt_kr: "20 000 000" }),
      row({ externt_id: "IMP-5", reserv_externt_id: "FINNS-INTE" }),
      row({ externt_id: "IMP-6", status: "delvis beviljat", beviljat_kr: "" }),
    ]);
    const refused = await client.request("POST", "/api/reserves/import", {
      json: { kind: "call_offs", content: bad },
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.rows.map((r) => [r.row, r.field])).toEqual([
      [3, "tema"],
      [4, "sökt_kr"],
      [5, "sökt_kr"],
      [6, "reserv_externt_id"],
      [7, "beviljat_kr"],
    ]);
    expect(problem.rows[0]!.message).toContain("tillåter inte temat");
    expect(problem.rows[1]!.message).toBe("Beloppet ska anges i hela öre (högst två decimaler).");
    expect(problem.rows[2]!.message).toContain("större än det som återstår i reserven");
    expect(await counts(m.id)).toEqual(before);

    const good = csvOf(callOffColumns, [
      row({}),
      row({
        externt_id: "IMP-6",
        status: "delvis beviljat",
        beviljat_kr: "50 000",
        beslut: "KS 260320 § 78",
      }),
    ]);
    const ok = await client.request("POST", "/api/reserves/import", {
      json: { kind: "call_offs", content: good },
    });
    expect(ok.status).toBe(200);
    const after = await counts(m.id);
    expect(after.callOffs).toBe(before.callOffs + 2);
    expect(after.cases).toBe(before.cases + 2);
    const reserve = (await (await client.get(`/api/reserves/${s.reserve.id}`)).json()) as {
      money: { grantedOre: number };
      callOffs: { externalId: string; caseNumber: string; status: string; decision: string }[];
    };
    expect(reserve.money.grantedOre).toBe(30_000_000 + 20_000_000 + 5_000_000);
    const imported = reserve.callOffs.find((c) => c.externalId === "IMP-1")!;
    expect(imported.caseNumber).toMatch(/^STK-2026-\d+$/);
    expect(imported.decision).toBe("KS 260320 § 77");
    // The same file again: nothing new, nothing changed.
    const again = await client.request("POST", "/api/reserves/import", {
      json: { kind: "call_offs", content: good },
    });
    expect(again.status).toBe(200);
    expect(await counts(m.id)).toEqual(after);
    // Or with the body by its short name and the decision's date written out: still the same rows.
    const written = await client.request("POST", "/api/reserves/import", {
      json: {
        kind: "call_offs",
        content: csvOf(callOffColumns, [row({ nämnd: "FRN", beslut: "KS 2026-03-20 § 77" })]),
      },
    });
    expect(written.status).toBe(200);
    expect(await counts(m.id)).toEqual(after);
    // A decided call-off is not decided again by a changed status.
    const redecide = await client.request("POST", "/api/reserves/import", {
      json: { kind: "call_offs", content: csvOf(callOffColumns, [row({ status: "avslaget" })]) },
    });
    expect(redecide.status).toBe(400);
    expect(((await redecide.json()) as Problem).rows.map((r) => [r.row, r.field])).toEqual([[2, "status"]]);
  });

  it("creates a reserve by its decision and refuses money that only a decision moves", async () => {
    const { m, s, client } = await world();
    const csv = await (await client.get("/uppfoljning/reserver.csv")).text();
    const [header, existing] = parseCsv(csv);
    const at = (name: string) => header!.indexOf(name);
    const changed = [...existing!];
    changed[at("beviljat_kr")] = "999";
    changed[at("namn")] = "Kraftsamlande insatser (nytt namn)";
    const fresh: Record<string, string> = {
      externt_id: "RES-IMP",
      år: "2027",
      namn: "Reserv 2027",
      syfte: "Fortsatt stöd.",
      organ: "Kommunstyrelsen",
      beslut: "KF 261126 § 300",
      anslaget_kr: "5 000 000",
      teman: "Fritid, Föräldrar",
      målgrupper: "Barn och unga",
      illustrativt: "nej",
    };
    const before = await counts(m.id);
    const refused = await client.request("POST", "/api/reserves/import", {
      json: {
        kind: "reserves",
        content: [header!.join(";"), changed.join(";"), csvOf(reserveColumns, [fresh]).split("\r\n")[1]].join(
          "\r\n",
        ),
      },
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.rows.map((r) => [r.row, r.field])).toEqual([[2, "beviljat_kr"]]);
    expect(problem.rows[0]!.message).toContain("Pengar flyttas bara genom beslut");
    expect(await counts(m.id)).toEqual(before);

    changed[at("beviljat_kr")] = existing![at("beviljat_kr")]!;
    const ok = await client.request("POST", "/api/reserves/import", {
      json: {
        kind: "reserves",
        content: [header!.join(";"), changed.join(";"), csvOf(reserveColumns, [fresh]).split("\r\n")[1]].join(
          "\r\n",
        ),
      },
    });
    expect(ok.status).toBe(200);
    const list = (await (await client.get("/api/reserves")).json()) as {
      data: {
        id: string;
        externalId: string;
        title: string;
        decision: string;
        money: { appropriatedOre: number };
      }[];
    };
    expect(list.data.find((r) => r.id === s.reserve.id)!.title).toBe("Kraftsamlande insatser (nytt namn)");
    const created = list.data.find((r) => r.externalId === "RES-IMP")!;
    expect(created.decision).toBe("KF 261126 § 300");
    expect(created.money.appropriatedOre).toBe(500_000_000);
  });
});

const base64 = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString("base64");

describe("importing XLSX", () => {
  it("reads back every exported workbook without changing anything", async () => {
    const { m, a, client } = await world();
    // A report too, so every table has rows.
    await client.request("POST", `/api/call-offs/${a.id}/payments`, {
      json: { amountOre: 1_000_000, paidOn: "2026-03-01" },
    });
    const [ind] = (
      (await (await client.get(`/api/call-offs/${a.id}`)).json()) as { indicators: { id: string }[] }
    ).indicators;
    const filed = await client.request("POST", `/api/call-offs/${a.id}/reports`, {
      json: {
        year: 2026,
        period: "interim",
        status: "on_track",
        moneyUsedOre: 500_000,
        narrative: "Igång; 40 deltagare.",
        reportedOn: "2026-09-20",
        values: [{ indicatorId: ind!.id, value: 72.5 }],
      },
    });
    expect(filed.status).toBe(200);
    const before = await counts(m.id);
    for (const [kind, file] of [
      ["reserves", "reserver"],
      ["call_offs", "avrop"],
      ["indicators", "indikatorer"],
      ["reports", "rapporter"],
    ] as const) {
      const res = await client.request("POST", "/api/reserves/import", {
        json: { kind, contentBase64: await base64(await client.get(`/uppfoljning/${file}.xlsx`)) },
      });
      expect(res.status, `${kind}: ${await res.clone().text()}`).toBe(200);
    }
    expect(await counts(m.id)).toEqual(before);
  });

  it("names a bad row by the number Excel shows, and refuses a file that is neither CSV nor XLSX", async () => {
    const { m, s, client } = await world();
    const row = (id: string, amount: number): (string | number | null)[] =>
      callOffColumns.map(
        (c) =>
          ({
            externt_id: id,
            reserv_externt_id: s.reserve.externalId,
            rubrik: "Läxhjälp",
            nämnd: "FRN",
            tema: themes[0]!,
            målgrupp: "Unga 13–16 år",
            process: "Lokal utveckling",
            beskrivning: "Läxhjälp på biblioteket.",
            ansökt: "2026-03-01",
            start: "2026-04-01",
            slut: "2026-12-31",
            sökt_kr: amount,
            status: "ansökt",
            illustrativt: "nej",
          })[c as string] ?? null,
      );
    // Row 3 is left blank, as people do; the bad amount is on the row Excel numbers 4.
    const workbook = await toXlsx({
      sheet: "Avrop",
      header: [...callOffColumns],
      rows: [row("X-1", 1000), callOffColumns.map(() => null), row("X-2", 1000.005)],
    });
    const before = await counts(m.id);
    const refused = await client.request("POST", "/api/reserves/import", {
      json: { kind: "call_offs", contentBase64: workbook.toString("base64") },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Problem).rows).toEqual([
      { row: 4, field: "sökt_kr", message: "Beloppet ska anges i hela öre (högst två decimaler)." },
    ]);
    expect(await counts(m.id)).toEqual(before);

    for (const [bytes, text] of [
      [Buffer.from("%PDF-1.7\n\u0000\u0001binär"), "varken CSV"],
      [Buffer.from("PK\u0003\u0004inte en arbetsbok"), "kunde inte läsas"],
      // A workbook of 40 kB whose sheet inflates to 40 MB is refused before the reader inflates it.
      [Buffer.from(zipBomb("xl/worksheets/sheet1.xml", 40)), "packas upp till orimligt mycket"],
    ] as const) {
      const res = await client.request("POST", "/api/reserves/import", {
        json: { kind: "call_offs", contentBase64: bytes.toString("base64") },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toContain(text);
    }

    // Uploaded through the page, the good workbook is read.
    const good = await toXlsx({ sheet: "Avrop", header: [...callOffColumns], rows: [row("X-1", 1000)] });
    const form = new FormData();
    form.set("_csrf", await client.csrfFrom("/uppfoljning/inlasning"));
    form.set("kind", "call_offs");
    form.set("file", new Blob([new Uint8Array(good)]), "avrop.xlsx");
    const page = await client.request("POST", "/uppfoljning/inlasning", { multipart: form });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("1 rader inlästa.");
    expect((await counts(m.id)).callOffs).toBe(before.callOffs + 1);
    const pdf = new FormData();
    pdf.set("_csrf", await client.csrfFrom("/uppfoljning/inlasning"));
    pdf.set("kind", "call_offs");
    pdf.set("file", new Blob([Buffer.from("%PDF-1.7\n\u0000")]), "avrop.pdf");
    const refusedPage = await client.request("POST", "/uppfoljning/inlasning", { multipart: pdf });
    expect(refusedPage.status).toBe(400);
    expect(await refusedPage.text()).toContain("varken CSV");
  });

  it("reads a large workbook in a job", async () => {
    const { m } = await world();
    const workbook = await toXlsx({
      sheet: "Områden",
      header: ["externt_id", "namn", "typ"],
      rows: Array.from({ length: jobThreshold + 2 }, (_, i) => [`XO-${i}`, `Xområde ${i}`, "delområde"]),
    });
    const { client } = await (async () => {
      const { app } = testApp(database, m.slug);
      const admin = await buildUser(database, m.system);
      const c = new Client(app);
      await c.logIn(admin.email, admin.password);
      return { client: c };
    })();
    const queued = await client.request("POST", "/api/reserves/import", {
      json: { kind: "areas", contentBase64: workbook.toString("base64") },
    });
    expect(queued.status).toBe(202);
    const { id } = (await queued.json()) as { id: string };
    await runDueJobs(database.db, { municipalityId: m.id, handlers: reserveJobHandlers(null) });
    expect((await tx(database, (t) => readImport(t, m.id, id))).status).toBe("done");
    expect(
      await tx(database, (t) => t.select().from(area).where(eq(area.municipalityId, m.id))),
    ).toHaveLength(jobThreshold + 2);
  });
});
