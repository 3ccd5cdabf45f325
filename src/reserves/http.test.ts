import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { countQueries } from "../../test/support/queries.js";
import { buildCallOff, reserveSetting } from "../../test/support/reserves.js";
import { consultation } from "../consultations/tables.js";
import type { Database } from "../db/connect.js";
import { parseCsv } from "./csv.js";
import { decideCallOff } from "./decide-call-off.js";
import { readReserve } from "./read-follow-up.js";
import { appropriation, indicator, questionRound } from "./tables.js";

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
  const { app } = testApp(database, m.slug);
  const admin = await buildUser(database, m.system);
  const client = new Client(app);
  await client.logIn(admin.email, admin.password);
  return { m, s, a, app, client };
}

const appropriationBody = (s: Awaited<ReturnType<typeof reserveSetting>>, amountOre: unknown) => ({
  externalId: "RES-API",
  ownerBodyId: s.ks.id,
  decidedBy: { bodyId: s.kf.id, decidedOn: "2026-01-22", paragraphNumber: 8 },
  year: 2026,
  title: "Ny reserv",
  purpose: "Syfte.",
  themes: ["Tema"],
  amountOre,
});

async function reserveCount(m: TestMunicipality) {
  const rows = await tx(database, (t) =>
    t.select().from(appropriation).where(eq(appropriation.municipalityId, m.id)),
  );
  return rows.length;
}

describe("the reserves API", () => {
  it("refuses a negative amount and one not in whole öre with Swedish messages, and writes nothing", async () => {
    const { m, s, client } = await world();
    for (const [amount, message] of [
      [-100, "Beloppet kan inte vara negativt."],
      [100.5, "Beloppet ska anges i hela öre."],
    ] as const) {
      const res = await client.request("POST", "/api/reserves", { json: appropriationBody(s, amount) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { field: string; message: string }[] };
      expect(body.errors).toContainEqual({ field: "amountOre", message });
    }
    expect(await reserveCount(m)).toBe(1);
    const ok = await client.request("POST", "/api/reserves", { json: appropriationBody(s, 250_000_000) });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { money: { appropriated: string } }).money.appropriated).toBe(
      "2\u00a0500\u00a0000\u00a0kr",
    );
  });

  it("grants through the decision route and refuses an amount above what is left", async () => {
    const { s, a, client } = await world();
    const granted = await client.request("POST", `/api/call-offs/${a.id}/decision`, {
      json: {
        outcome: "partly_granted",
        grantedOre: 30_000_000,
        decidedBy: { bodyId: s.ks.id, decidedOn: "2026-02-20", paragraphNumber: 40 },
      },
    });
    expect(granted.status).toBe(200);
    const body = (await granted.json()) as { status: string; money: { granted: string } };
    expect(body.status).toBe("partly_granted");
    expect(body.money.granted).toBe("300\u00a0000\u00a0kr");
    const paid = await client.request("POST", `/api/call-offs/${a.id}/payments`, {
      json: { amountOre: 40_000_000, paidOn: "2026-03-01" },
    });
    expect(paid.status).toBe(409);
    expect(((await paid.json()) as { detail: string }).detail).toContain(
      "större än det som återstår att betala ut",
    );
  });
});

describe("import and export", () => {
  it("exports CSV with a byte order mark and semicolons, and XLSX", async () => {
    const { s, a, client, m } = await world();
    await tx(database, (t) =>
      decideCallOff(t, m.system, a.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      }),
    );
    const bytes = new Uint8Array(await (await client.get("/uppfoljning/reserver.csv")).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const rows = parseCsv(csv);
    expect(rows[0]!.slice(0, 3)).toEqual(["externt_id", "år", "namn"]);
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(rows[1]![col("anslaget_kr")]).toBe("10000000");
    expect(rows[1]![col("beviljat_kr")]).toBe("500000");
    const xlsx = new Uint8Array(await (await client.get("/uppfoljning/avrop.xlsx")).arrayBuffer());
    expect(String.fromCharCode(xlsx[0]!, xlsx[1]!)).toBe("PK");
  });

  it("imports indicators by external id: a bad row refuses the whole file with an error per row", async () => {
    const { a, client } = await world();
    const csv = await (await client.get("/uppfoljning/indikatorer.csv")).text();
    const [header, row] = parseCsv(csv);
    const existing = row![0]!;
    const lines = [
      header!.join(";"),
      [existing, a.externalId, "Andel med gymnasiebehörighet", "procent", "70", "85", "Skolverket", "2"].join(
        ";",
      ),
      ["NY-1", a.externalId, "Unga i arbete eller studier", "procent", "60", "150", "SCB", "1"].join(";"),
      ["NY-2", "FINNS-INTE", "Deltagare", "personer", "0", "40", "Närvarolistor", "1"].join(";"),
    ];
    const refused = await client.request("POST", "/api/reserves/import", {
      json: { kind: "indicators", content: `\uFEFF${lines.join("\r\n")}` },
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { rows: { row: number; field: string; message: string }[] };
    expect(problem.rows.map((r) => [r.row, r.field])).toEqual([
      [3, "målvärde"],
      [4, "avrop_externt_id"],
    ]);
    expect(problem.rows[0]!.message).toContain("procent");
    const stored = await tx(database, (t) => t.select().from(indicator).where(eq(indicator.callOffId, a.id)));
    expect(stored.map((i) => [i.externalId, i.target])).toEqual([[existing, 80]]);

    const good = [
      lines[0],
      lines[1],
      ["NY-1", a.externalId, "Unga i arbete eller studier", "procent", "60", "75", "SCB", "1"].join(";"),
    ];
    const ok = await client.request("POST", "/api/reserves/import", {
      json: { kind: "indicators", content: good.join("\r\n") },
    });
    expect(ok.status).toBe(200);
    const after = await tx(database, (t) =>
      t.select().from(indicator).where(eq(indicator.callOffId, a.id)).orderBy(indicator.position),
    );
    expect(after.map((i) => [i.externalId, i.target, i.weight])).toEqual([
      [existing, 85, 2],
      ["NY-1", 75, 1],
    ]);
  });

  it("refuses a file with a wrong column", async () => {
    const { client } = await world();
    const res = await client.request("POST", "/api/reserves/import", {
      json: { kind: "areas", content: "externt_id;namn;färg\r\nA1;Rosengård;blå\r\n" },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("Filen har fel kolumner");
  });
});

describe("the public dashboard", () => {
  it("shows money, charts with tables, and an intervention page, to anyone", async () => {
    const { s, a, app } = await world();
    const anonymous = new Client(app);
    const list = await (await anonymous.get("/uppfoljning")).text();
    expect(list).toContain("Kraftsamlande insatser 2026");
    expect(list).toContain("10\u00a0000\u00a0000\u00a0kr");
    const page = await anonymous.get(`/uppfoljning/reserver/${s.reserve.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('role="img"');
    expect(html).toContain("<desc");
    expect(html).toContain("(tabell)</caption>");
    const intervention = await (await anonymous.get(`/uppfoljning/insatser/${a.id}`)).text();
    expect(intervention).toContain("Andel elever med gymnasiebehörighet");
    expect(intervention).not.toContain("/beslut");
    expect((await anonymous.get("/uppfoljning/reserver/inte-ett-id")).status).toBe(404);
  });

  it("lets a signed-in officer decide through the form, with a Swedish error for a bad amount", async () => {
    const { s, a, client } = await world();
    const path = `/uppfoljning/insatser/${a.id}/beslut`;
    const fields = {
      outcome: "partly_granted",
      granted: "1 000,005",
      "decidedBy.bodyId": s.ks.id,
      "decidedBy.decidedOn": "2026-02-20",
      "decidedBy.paragraphNumber": "41",
    };
    const bad = await client.postForm(path, path, fields);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("hela öre");
    const ok = await client.postForm(path, path, { ...fields, granted: "100 000" });
    expect(ok.status).toBe(303);
    const page = await (await client.get(`/uppfoljning/insatser/${a.id}`)).text();
    expect(page).toContain("KS 260220 § 41");
    expect(page).toContain("100\u00a0000\u00a0kr");
  });

  it("reads a reserve in the same number of statements with 1 and with 12 call-offs", async () => {
    const { m, s } = await world();
    const one = await countQueries(database, () =>
      tx(database, (t) => readReserve(t, m.id, s.reserve.id, { all: false, bodyIds: [] })),
    );
    for (let i = 0; i < 11; i++) await buildCallOff(database, m.system, s, { requestedOre: 1_000_000 });
    const many = await countQueries(database, () =>
      tx(database, (t) => readReserve(t, m.id, s.reserve.id, { all: false, bodyIds: [] })),
    );
    expect(many.result.callOffs).toHaveLength(12);
    expect(many.queries).toBe(one.queries);
  });
});

describe("the officer's forms", () => {
  it("set up a reserve and record an application, a case in the diarium", async () => {
    const { s, client } = await world();
    const created = await client.postForm(`/uppfoljning/ny-reserv`, `/uppfoljning/ny-reserv`, {
      externalId: "RES-FORM",
      ownerBodyId: s.ks.id,
      year: "2027",
      title: "Reserv för unga",
      purpose: "Syfte.",
      processes: "Lokal utveckling",
      targetGroups: "Barn och unga",
      themes: "Fritid\r\nFöräldrar",
      amount: "5 000 000",
      "decidedBy.bodyId": s.kf.id,
      "decidedBy.decidedOn": "2026-11-26",
      "decidedBy.paragraphNumber": "301",
    });
    expect(created.status).toBe(303);
    const reservePage = created.headers.get("location")!;
    expect(await (await client.get(reservePage)).text()).toContain("5\u00a0000\u00a0000\u00a0kr");
    const form = `${reservePage}/avrop`;
    const fields = {
      externalId: "AVR-FORM",
      seriesCode: "STK",
      title: "Sommarjobb för unga",
      applyingBodyId: s.committee.id,
      theme: "Fritid",
      targetGroup: "Unga 16–19 år",
      process: "Lokal utveckling",
      description: "Sommarjobb i föreningar.",
      appliedOn: "2027-01-10",
      startsOn: "2027-02-01",
      endsOn: "2027-12-31",
      requested: "6 000 000",
    };
    const tooMuch = await client.postForm(form, form, fields);
    expect(tooMuch.status).toBe(409);
    expect(await tooMuch.text()).toContain("större än det som återstår i reserven");
    const applied = await client.postForm(form, form, { ...fields, requested: "400 000" });
    expect(applied.status).toBe(303);
    const page = await (await client.get(applied.headers.get("location")!)).text();
    expect(page).toMatch(/STK-2027-\d+/);
    expect(page).toContain("ansökt");
  });
});

describe("reversals", () => {
  it("reduce a grant through the API and the form, refuse too much in Swedish, and show it in the export", async () => {
    const { m, s, a, client } = await world();
    await tx(database, (t) =>
      decideCallOff(t, m.system, a.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      }),
    );
    const decidedBy = { bodyId: s.ks.id, decidedOn: "2026-06-01", paragraphNumber: 140 };
    const tooMuch = await client.request("POST", `/api/call-offs/${a.id}/reversals`, {
      json: { kind: "grant", amountOre: 50_000_001, decidedBy, reason: "Mindre insats." },
    });
    expect(tooMuch.status).toBe(409);
    expect(((await tooMuch.json()) as { detail: string }).detail).toBe(
      "Minskningen 500\u00a0000,01\u00a0kr är större än det som är beviljat (500\u00a0000\u00a0kr).",
    );
    const ok = await client.request("POST", `/api/call-offs/${a.id}/reversals`, {
      json: { kind: "grant", amountOre: 10_000_000, decidedBy, reason: "Mindre insats." },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { status: string; money: { granted: string; reversed: string } };
    expect(body.status).toBe("partly_granted");
    expect(body.money.reversed).toBe("100\u00a0000\u00a0kr");

    const path = `/uppfoljning/insatser/${a.id}/aterforing`;
    const fields = {
      kind: "grant",
      amount: "500 000",
      reason: "Insatsen genomförs inte.",
      "decidedBy.bodyId": s.ks.id,
      "decidedBy.decidedOn": "2026-06-15",
      "decidedBy.paragraphNumber": "150",
    };
    const bad = await client.postForm(path, path, fields);
    expect(bad.status).toBe(409);
    expect(await bad.text()).toContain("större än det som är beviljat");
    const withdrawn = await client.postForm(path, path, { ...fields, amount: "400 000" });
    expect(withdrawn.status).toBe(303);
    const page = await (await client.get(`/uppfoljning/insatser/${a.id}`)).text();
    expect(page).toContain("återkallat (KF 260220)");
    expect(page).toContain("Minskningar och rättelser");
    expect(page).toContain("KS 260615 § 150");
    const rows = parseCsv(await (await client.get("/uppfoljning/avrop.csv")).text());
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(rows[1]![col("status")]).toBe("återkallat");
    expect(rows[1]![col("återfört_kr")]).toBe("500000");
    expect(rows[1]![col("beviljat_kr")]).toBe("0");
    const reserves = parseCsv(await (await client.get("/uppfoljning/reserver.csv")).text());
    expect(reserves[1]![reserves[0]!.indexOf("återstår_kr")]).toBe("10000000");
  });
});

describe("the question round form", () => {
  it("starts a consultation in the reserve's case, reached from the reserve's and the intervention's page", async () => {
    const { m, s, a, client } = await world();
    const path = `/uppfoljning/reserver/${s.reserve.id}/fragerunda`;
    expect(await (await client.get(`/uppfoljning/reserver/${s.reserve.id}`)).text()).toContain(path);
    expect(await (await client.get(`/uppfoljning/insatser/${a.id}`)).text()).toContain(path);
    const form = await (await client.get(path)).text();
    // The committee with a call-off is chosen already.
    expect(form).toMatch(new RegExp(`value="${s.committee.id}"[^>]*checked`));
    const fields = {
      title: "Hur når insatserna de unga?",
      coverText: "Kommunstyrelsen vill veta hur insatserna når målgruppen.",
      questions: "",
      deadline: "2026-10-30",
      "decidedBy.bodyId": s.ksau.id,
      "decidedBy.decidedOn": "2026-06-10",
      "decidedBy.paragraphNumber": "160",
    };
    const noQuestions = await client.postForm(path, path, { ...fields, bodyIds: s.committee.id });
    expect(noQuestions.status).toBe(400);
    expect(await noQuestions.text()).toContain("Ställ minst en fråga, en per rad.");
    const noBodies = await client.postForm(path, path, { ...fields, questions: "Hur många deltar?" });
    expect(noBodies.status).toBe(400);
    expect(await noBodies.text()).toContain("Välj minst en nämnd.");
    const rounds = () =>
      tx(database, (t) =>
        t.select().from(questionRound).where(eq(questionRound.appropriationId, s.reserve.id)),
      );
    expect(await rounds()).toEqual([]);
    const ok = await client.postForm(path, path, {
      ...fields,
      questions: "Hur många deltar?\r\nHur följer ni upp skolresultaten?",
      bodyIds: s.committee.id,
    });
    expect(ok.status).toBe(303);
    const [round] = await rounds();
    expect(ok.headers.get("location")).toBe(`/remisser/${round!.consultationId}`);
    const [letter] = await tx(database, (t) =>
      t.select().from(consultation).where(eq(consultation.id, round!.consultationId)),
    );
    expect(letter).toMatchObject({
      caseId: s.kase.id,
      title: "Hur når insatserna de unga?",
      municipalityId: m.id,
    });
    expect(await (await client.get(`/uppfoljning/reserver/${s.reserve.id}`)).text()).toContain(
      "Hur når insatserna de unga?",
    );
  });
});

describe("the follow-up calendar", () => {
  it("is read by anyone, set through the API and the page, and a bad day is refused in Swedish with nothing saved", async () => {
    const { client, app } = await world();
    const anonymous = new Client(app);
    const standard = (await (await anonymous.get("/api/follow-up-calendar")).json()) as {
      own: boolean;
      interim: { due: string };
    };
    expect(standard).toMatchObject({ own: false, interim: { due: "09-30" } });
    expect(
      (
        await anonymous.request("PUT", "/api/follow-up-calendar", {
          json: { interim: { periodEnds: "08-31", due: "09-15" }, annual: { due: "02-15" } },
        })
      ).status,
    ).toBe(401);
    const bad = await client.request("PUT", "/api/follow-up-calendar", {
      json: { interim: { periodEnds: "08-31", due: "08-01" }, annual: { due: "02-15" } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("innan perioden har slutat");
    expect(((await (await client.get("/api/follow-up-calendar")).json()) as { own: boolean }).own).toBe(
      false,
    );
    const ok = await client.request("PUT", "/api/follow-up-calendar", {
      json: { interim: { periodEnds: "08-31", due: "09-15" }, annual: { due: "02-15" } },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      own: true,
      interim: { periodEnds: "08-31", due: "09-15", dueNextYear: false },
      annual: { periodEnds: "12-31", due: "02-15", dueNextYear: true },
    });

    const path = "/uppfoljning/kalender";
    expect(await (await client.get(path)).text()).toContain("ska lämnas senast");
    const fields = {
      "interim.periodEnds": "08-31",
      "interim.due": "13-40",
      "annual.due": "02-20",
      "annual.dueNextYear": "on",
    };
    const refused = await client.postForm(path, path, fields);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Rapporten ska lämnas en dag som inte finns.");
    const saved = await client.postForm(path, path, { ...fields, "interim.due": "10-01" });
    expect(saved.status).toBe(303);
    expect(await (await client.get("/api/follow-up-calendar")).json()).toMatchObject({
      interim: { due: "10-01" },
      annual: { due: "02-20", dueNextYear: true },
    });
  });
});

describe("reports in and out", () => {
  it("reads back the exported reports with a changed value, and refuses a value in the wrong unit on its row", async () => {
    const { m, s, a, client } = await world();
    await tx(database, (t) =>
      decideCallOff(t, m.system, a.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      }),
    );
    const report = await client.request("POST", `/api/call-offs/${a.id}/reports`, {
      json: {
        year: 2026,
        period: "interim",
        status: "on_track",
        moneyUsedOre: 0,
        narrative: "Igång.",
        reportedOn: "2026-09-20",
        values: [
          {
            indicatorId: (
              await tx(database, (t) => t.select().from(indicator).where(eq(indicator.callOffId, a.id)))
            )[0]!.id,
            value: 72,
          },
        ],
      },
    });
    expect(report.status).toBe(200);
    const csv = new TextDecoder().decode(
      new Uint8Array(await (await client.get("/uppfoljning/rapporter.csv")).arrayBuffer()),
    );
    const [header, row] = parseCsv(csv);
    expect(row![3]).toBe("delårsrapport");
    expect(row![9]).toBe("72");
    const withValue = (v: string) => [header!.join(";"), [...row!.slice(0, 9), v].join(";")].join("\r\n");
    const wrong = await client.request("POST", "/api/reserves/import", {
      json: { kind: "reports", content: withValue("140") },
    });
    expect(wrong.status).toBe(400);
    const problem = (await wrong.json()) as { rows: { row: number; field: string; message: string }[] };
    expect(problem.rows).toEqual([
      { row: 2, field: "värde", message: expect.stringContaining("mellan 0 och 100") },
    ]);
    const ok = await client.request("POST", "/api/reserves/import", {
      json: { kind: "reports", content: withValue("76,5") },
    });
    expect(ok.status).toBe(200);
    const after = (await (await client.get(`/api/call-offs/${a.id}`)).json()) as {
      indicators: { latest: number }[];
      progressPermille: number;
    };
    expect(after.indicators[0]!.latest).toBe(76.5);
    expect(after.progressPermille).toBe(650);
  });
});

describe("a form looser than its use case", () => {
  it("answers a year out of range and a value that is not a number with 400 and a Swedish message", async () => {
    const { m, s, a, client } = await world();
    await tx(database, (t) =>
      decideCallOff(t, m.system, a.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      }),
    );
    const path = `/uppfoljning/insatser/${a.id}/rapport`;
    const ind = (
      await tx(database, (t) => t.select().from(indicator).where(eq(indicator.callOffId, a.id)))
    )[0]!;
    const fields = {
      year: "5000",
      period: "interim",
      status: "on_track",
      moneyUsed: "0",
      narrative: "Text.",
      reportedOn: "2026-09-01",
      [`value.${ind.id}`]: "72",
    };
    const year = await client.postForm(path, path, fields);
    expect(year.status).toBe(400);
    expect(await year.text()).toContain("Året är orimligt.");
    const value = await client.postForm(path, path, {
      ...fields,
      year: "2026",
      [`value.${ind.id}`]: "mycket",
    });
    expect(value.status).toBe(400);
    expect(await value.text()).toContain("Ange värdet som ett tal.");
  });
});
