import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildCallOff, reserveSetting, themes } from "../../test/support/reserves.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { registerCase } from "../register/tables.js";
import { callOffColumns, parseDecisionCode, reserveColumns } from "./columns.js";
import { parseCsv } from "./csv.js";
import { decideCallOff } from "./decide-call-off.js";
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
