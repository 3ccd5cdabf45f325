import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildParty, buildUser } from "../../test/support/factories.js";
import { followUpSetting } from "../../test/support/followup.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { partyGroups } from "./action-forms.js";
import { readConsultation } from "./read-consultation.js";
import { readConsultations } from "./read-consultations.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("form helpers", () => {
  it("reads party lists", () => {
    expect(partyGroups("(M) och (SD)".replace(" och ", ", "))).toEqual([["M"], ["SD"]]);
    expect(partyGroups("M+C, SD")).toEqual([["M", "C"], ["SD"]]);
    expect(partyGroups("")).toEqual([]);
  });
});

describe("consultation pages and API", () => {
  it("runs a consultation from the API and the forms to the compilation, without leaking contact addresses", async () => {
    const m = await freshMunicipality(database);
    const { ksau, kase } = await followUpSetting(database, m.system);
    const asn = await buildBody(database, m.system, { name: "Arbetsmarknads- och socialnämnden" });
    const mn = await buildBody(database, m.system, { name: "Miljönämnden" });
    const kn = await buildBody(database, m.system, { name: "Kulturnämnden" });
    for (const abbreviation of ["M", "SD", "V"]) await buildParty(database, m.system, { abbreviation });
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);

    const created = await client.request("POST", "/api/consultations", {
      json: {
        caseId: kase.id,
        decidedBy: { bodyId: ksau.id, decidedOn: "2025-03-24" },
        title: "Organisering för kraftsamlande insatser",
        coverText: "Stadskontorets förslag.",
        deadline: "2025-06-30",
        questions: ["Hur kan nämnderna involveras?", "Finns det en styrgrupp?"],
        consultees: [
          { bodyId: asn.id },
          { bodyId: mn.id },
          { organisationName: "Föreningen Exempel", contactEmail: "kansliet@forening.example" },
        ],
      },
    });
    expect(created.status).toBe(201);
    const c = (await created.json()) as { id: string; decisionCode: string };
    expect(c.decisionCode).toBe("KSAU 250324");
    const page = `/remisser/${c.id}`;

    const early = await client.postForm(page, `${page}/skicka`, { sentOn: "2025-07-01" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Sista svarsdag (2025-06-30) ligger före utskicksdagen");
    expect((await client.postForm(page, `${page}/skicka`, { sentOn: "2025-03-24" })).status).toBe(303);

    const o = (await tx(database, (t) => readConsultation(t, m.id, { all: true, bodyIds: [] }, c.id)))!;
    const [asnView, mnView, forening] = o.consultees;
    const answered = await client.postForm(page, `${page}/svar`, {
      consulteeId: asnView!.id,
      answeredOn: "2025-06-23",
      "decision.decidedOn": "2025-06-19",
      "decision.paragraphNumber": "219",
      reservations: "M, SD",
      "answer.1": "Genom representanter med mandat.",
      "answer.2": "Samverkan för Barn och Unga Malmö.",
    });
    expect(answered.status).toBe(303);
    await client.postForm(page, `${page}/svar`, {
      consulteeId: mnView!.id,
      answeredOn: "2025-06-13",
      "decision.decidedOn": "2025-06-12",
      "decision.paragraphNumber": "120",
      statements: "SD, V",
      "answer.2": "SBUM.",
    });
    const external = await client.postForm(page, `${page}/svar`, {
      consulteeId: forening!.id,
      answeredOn: "2025-06-13",
      "decision.decidedOn": "2025-06-12",
    });
    expect(external.status).toBe(400);
    expect(await external.text()).toContain("En extern organisation har inget beslut i kommunen");
    await client.postForm(page, `${page}/avstar`, { consulteeId: forening!.id, declinedOn: "2025-04-02" });

    // A body that was not asked cannot answer through the API either.
    const stranger = await client.request("POST", `/api/consultations/${c.id}/answers`, {
      json: { bodyId: kn.id, answeredOn: "2025-06-20" },
    });
    expect(stranger.status).toBe(400);
    expect(((await stranger.json()) as { detail: string }).detail).toBe(
      "Kulturnämnden fick inte remissen och kan därför inte svara på den.",
    );

    const html = await (await new Client(app).get(page)).text();
    expect(html).toContain("Remissinstansernas yttranden");
    expect(html).toMatch(/Arbetsmarknads- och socialnämnden<br\/?>Reservation \(M\) och \(SD\)/);
    expect(html).toMatch(/Miljönämnden<br\/?>Särskilt yttrande \(SD\) och \(V\)/);
    expect(html).toContain("Arbetsmarknads- och socialnämndens beslut 250619 § 219");
    expect(html).not.toContain("kansliet@forening.example");
    expect(html).toContain("ingen e-postadress: skickas på annat sätt");
    expect(html).toContain("e-post väntar i utkorgen");

    const api = await (await new Client(app).get(`/api/consultations/${c.id}`)).text();
    expect(api).toContain('"state":"declined"');
    expect(api).not.toContain("kansliet@forening.example");

    const compiled = await (await new Client(app).get(`${page}/sammanstallning`)).text();
    expect(compiled).toContain("Samverkan för Barn och Unga Malmö.");
    expect(compiled).toContain("Inget svar på frågan är registrerat.");
    const xlsx = await new Client(app).get(`${page}/sammanstallning.xlsx`);
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet!.data[0]!.slice(0, 7)).toEqual([
      "Remissinstans",
      "Status",
      "Svarsdatum",
      "Beslut",
      "Reservationer och särskilda yttranden",
      "Remissvar",
      "Fråga 1: Hur kan nämnderna involveras?",
    ]);
    expect(sheet!.data[1]!.slice(0, 5)).toEqual([
      "Arbetsmarknads- och socialnämnden",
      "Svarat",
      "2025-06-23",
      "Arbetsmarknads- och socialnämndens beslut 250619 § 219",
      "Reservation (M) och (SD)",
    ]);
    expect(sheet!.data[2]![7]).toBe("SBUM.");
    const csv = await (await new Client(app).get(`${page}/sammanstallning.csv`)).text();
    expect(csv).toContain(
      "Miljönämnden;Svarat;2025-06-13;Miljönämndens beslut 250612 § 120;Särskilt yttrande (SD) och (V)",
    );
  });

  it("refuses a field the API does not know, even in one consultee of a list, and writes nothing", async () => {
    const m = await freshMunicipality(database);
    const { ksau, kase } = await followUpSetting(database, m.system);
    const mn = await buildBody(database, m.system, { name: "Miljönämnden" });
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const consultation = (consultee: Record<string, unknown>) => ({
      json: {
        caseId: kase.id,
        decidedBy: { bodyId: ksau.id, decidedOn: "2025-03-24" },
        title: "Organisering för kraftsamlande insatser",
        coverText: "Stadskontorets förslag.",
        deadline: "2025-06-30",
        consultees: [{ bodyId: mn.id }, consultee],
      },
    });
    const external = { organisationName: "Föreningen Exempel", contactEmail: "kansliet@forening.example" };
    const refused = await client.request(
      "POST",
      "/api/consultations",
      consultation({ ...external, phone: "08-123 45 67" }),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual([
      {
        field: "consultees.1.phone",
        message: 'Fältet "phone" finns inte i "consultees.1". Ta bort det och försök igen.',
      },
    ]);
    expect(await tx(database, (t) => readConsultations(t, m.id))).toHaveLength(0);
    expect((await client.request("POST", "/api/consultations", consultation(external))).status).toBe(201);
    expect(await tx(database, (t) => readConsultations(t, m.id))).toHaveLength(1);
  });

  it("refuses every write from an anonymous visitor", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const anonymous = new Client(app);
    const id = "00000000-0000-4000-8000-000000000000";
    for (const path of ["", `/${id}/send`, `/${id}/answers`, `/${id}/declines`, `/${id}/reminders`])
      expect((await anonymous.request("POST", `/api/consultations${path}`, { json: {} })).status).toBeOneOf([
        400, 401,
      ]);
    expect(
      (await anonymous.request("POST", `/api/consultations/${id}/send`, { json: { sentOn: "2025-03-24" } }))
        .status,
    ).toBe(401);
    expect((await anonymous.get("/remisser/ny")).status).toBe(303);
    expect((await anonymous.get("/remisser")).status).toBe(200);
    const doc = await (await anonymous.get("/api/openapi.json")).json();
    expect(Object.keys((doc as { paths: object }).paths)).toEqual(
      expect.arrayContaining(["/api/consultations/{id}/answers", "/api/assignments/unfinished"]),
    );
  });
});

describe("the new-consultation page", () => {
  it("saves a draft from the form, and shows an unknown consultee again with the input kept", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const { ksau, kase } = await followUpSetting(database, m.system);
    await buildBody(database, m.system, { name: "Fritidsnämnden", shortName: "FRN" });
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const fields = {
      caseNumber: kase.number,
      "decidedBy.bodyId": ksau.id,
      "decidedBy.decidedOn": "2025-03-24",
      "decidedBy.paragraphNumber": "",
      title: "Förslag på organisering",
      coverText: "Stadskontoret skickar förslaget på remiss.",
      questions: "Hur bör nämnderna involveras?",
      deadline: "2025-06-30",
    };
    const unknown = await client.postForm("/remisser/ny", "/remisser/ny", {
      ...fields,
      consultees: "Okända nämnden",
    });
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(html).toContain("Okända nämnden");
    expect(html).toContain('value="Förslag på organisering"');
    expect(await tx(database, (t) => readConsultations(t, m.id))).toHaveLength(0);

    const saved = await client.postForm("/remisser/ny", "/remisser/ny", { ...fields, consultees: "FRN" });
    expect(saved.status).toBe(303);
    const [draft] = await tx(database, (t) => readConsultations(t, m.id));
    expect(saved.headers.get("location")).toBe(`/remisser/${draft!.id}`);
    expect(draft).toMatchObject({ consultees: 1 });
  });
});
