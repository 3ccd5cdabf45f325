import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { pdfWithText } from "../../test/support/pdf.js";
import type { Database } from "../db/connect.js";
import { createNumberSeries } from "./create-number-series.js";
import { registerNewCase } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { startSeriesAt } from "./start-series-at.js";
import { record, registerCase } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  process.env.PARAGRAF_DATA_DIR = mkdtempSync(join(tmpdir(), "paragraf-data-"));
});
afterAll(() => database.close());

interface Setup {
  m: TestMunicipality;
  app: ReturnType<typeof testApp>["app"];
  logLines: string[];
  social: { id: string; slug: string };
  publicCase: { id: string; number: string };
  secretCase: { id: string; number: string };
}

/** A municipality with a public case (STK-2024-1374) and a secret one with a secret record and file. */
async function setup(): Promise<Setup> {
  const m = await freshMunicipality(database);
  const social = await buildBody(database, m.system, { name: "Socialnämnden" });
  const { publicCase, secretCase } = await tx(database, async (t) => {
    await createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" });
    await startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2024-1374" });
    const publicCase = await registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: "Återrapportering kring kraftsamlande insatser",
      openedOn: "2024-10-09",
    });
    await registerRecord(t, m.system, {
      caseId: publicCase.id,
      direction: "incoming",
      recordType: "decision",
      datedOn: "2025-05-27",
      counterpartBodyId: social.id,
      description: "Tekniska nämnden beslut 250527 § 125",
    });
    const secrecy = { provision: "OSL 26 kap. 1 §", markedOn: "2025-02-01", markedById: social.id };
    const secretCase = await registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: "Orosanmälan gällande Kalle Karlsson",
      publicTitle: "Orosanmälan",
      responsibleBodyId: social.id,
      openedOn: "2025-02-01",
      secrecy,
    });
    await registerRecord(t, m.system, {
      caseId: secretCase.id,
      direction: "incoming",
      recordType: "letter",
      datedOn: "2025-02-01",
      description: "Anmälan från skolkurator om Kalle Karlsson",
      publicDescription: "Anmälan",
      secrecy,
      files: [{ name: "kalle.txt", declaredType: "text/plain", bytes: Buffer.from("Hemligt om Kalle") }],
    });
    return { publicCase, secretCase };
  });
  const { app, logLines } = testApp(database, m.slug);
  return { m, app, logLines, social, publicCase, secretCase };
}

const secretWords = /Kalle|kurator|Hemligt|kalle\.txt/;

describe("public pages and API", () => {
  it("finds the case by word and by the beginning of its number, with a highlighted snippet", async () => {
    const s = await setup();
    const visitor = new Client(s.app);
    const byWord = await visitor.get("/diarium?q=insatserna");
    expect(byWord.status).toBe(200);
    const html = await byWord.text();
    expect(html).toContain("STK-2024-1374");
    expect(html).toContain("<mark>insatser</mark>");
    expect(html).toMatch(/<a href="\/diarium"[^>]*>Diarium<\/a>/);
    const byNumber = await (await visitor.get("/diarium?q=STK-2024-13")).text();
    expect(byNumber).toContain('href="/diarium/STK-2024-1374"');
    const api = await (await visitor.get("/api/register/search?q=stk-2024-137")).json();
    expect(api.hits[0]).toMatchObject({ kind: "case", number: "STK-2024-1374" });
    const bad = await visitor.get("/api/register/search?q=x&ar=tjugo");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({ field: "ar", message: "Ange år med fyra siffror." });
    const badPage = await visitor.get("/diarium?q=x&ar=tjugo");
    expect(badPage.status).toBe(400);
    expect(await badPage.text()).toContain("Ange år med fyra siffror.");
  });

  it("shows a case page with its records, counterpart link and timeline", async () => {
    const s = await setup();
    const res = await new Client(s.app).get("/diarium/STK-2024-1374");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Återrapportering kring kraftsamlande insatser");
    expect(html).toContain("STK-2024-1374-1");
    expect(html).toContain(`href="/organ/${s.social.slug}"`);
    expect(html).toContain('<time datetime="2025-05-27">');
    expect((await new Client(s.app).get("/diarium/STK-2024-9999")).status).toBe(404);
  });

  it("never shows secret content to a visitor: pages, search, API, files or logs", async () => {
    const s = await setup();
    const visitor = new Client(s.app);
    const bodies: string[] = [];
    for (const path of [
      "/diarium",
      "/diarium?q=Kalle",
      "/diarium?q=anm%C3%A4lan",
      `/diarium/${s.secretCase.number}`,
      `/diarium/${s.secretCase.number}/handlingar/1`,
      "/api/register/search?q=Kalle",
      "/api/register/search?q=or",
      `/api/cases/${s.secretCase.id}`,
      `/api/cases?number=${s.secretCase.number}`,
    ]) {
      const res = await visitor.get(path);
      expect(res.status, path).toBeLessThan(500);
      // A search page shows the visitor's own query back in its search box; that is not a leak.
      bodies.push((await res.text()).replace(/<input type="search"[^>]*>/, ""));
    }
    for (const body of bodies) expect(body).not.toMatch(secretWords);
    expect(bodies[3]).toContain("Orosanmälan");
    expect(bodies[3]).toContain("OSL 26 kap. 1 §");
    expect((await visitor.get(`/diarium/${s.secretCase.number}/handlingar/1/filer/1`)).status).toBe(404);
    expect(s.logLines.join("\n")).not.toMatch(secretWords);

    const admin = await buildUser(database, s.m.system);
    const insider = new Client(s.app);
    await insider.logIn(admin.email, admin.password);
    expect(await (await insider.get(`/diarium/${s.secretCase.number}`)).text()).toContain("Kalle Karlsson");
    const file = await insider.get(`/diarium/${s.secretCase.number}/handlingar/1/filer/1`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("Hemligt om Kalle");
    expect(file.headers.get("cache-control")).toContain("no-store");
  });

  it("refuses writes from an anonymous visitor and writes nothing", async () => {
    const s = await setup();
    const visitor = new Client(s.app);
    const res = await visitor.request("POST", "/api/cases", {
      json: { seriesCode: "STK", title: "Intrång", openedOn: "2025-01-01" },
    });
    expect(res.status).toBe(401);
    const page = await visitor.postForm("/logga-in", "/diarium/ny", {
      seriesCode: "STK",
      title: "Intrång",
      openedOn: "2025-01-01",
    });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/^\/logga-in/);
    const cases = await tx(database, (t) =>
      t.select().from(registerCase).where(eq(registerCase.municipalityId, s.m.id)),
    );
    expect(cases).toHaveLength(2);
  });
});

describe("the registrar's pages", () => {
  async function registrar(s: Setup) {
    const user = await buildUser(database, s.m.system, [{ role: "registrar", bodyId: null }]);
    const client = new Client(s.app);
    await client.logIn(user.email, user.password);
    return client;
  }

  it("registers a case through the API, and refuses unknown references per field without using a number", async () => {
    const s = await setup();
    const client = await registrar(s);
    const post = (json: Record<string, unknown>) =>
      client.request("POST", "/api/cases", {
        json: { seriesCode: "STK", title: "Medborgarförslag om cykelbana", openedOn: "2025-03-03", ...json },
      });
    const unknownId = "00000000-0000-4000-8000-000000000000";
    for (const [json, field, message] of [
      [{ seriesCode: "XYZ" }, "seriesCode", "Nummerserien XYZ finns inte."],
      [{ responsibleBodyId: unknownId }, "responsibleBodyId", "Organet finns inte."],
      [{ caseOfficerId: unknownId }, "caseOfficerId", "Personen finns inte."],
      [{ originCaseId: unknownId }, "originCaseId", "Ärendet finns inte."],
      [{ responsibleBodyId: "inte-ett-id" }, "responsibleBodyId", "Välj ett organ ur listan."],
    ] as const) {
      const refused = await post(json);
      expect(refused.status).toBe(400);
      expect((await refused.json()).errors).toEqual([{ field, message }]);
    }
    const created = await post({ responsibleBodyId: s.social.id, originCaseId: s.publicCase.id });
    expect(created.status).toBe(201);
    const view = await created.json();
    // STK-2025-1 is the setup's secret case: the five refusals took no number.
    expect(view).toMatchObject({
      number: "STK-2025-2",
      title: "Medborgarförslag om cykelbana",
      status: "open",
      responsibleBody: { id: s.social.id, name: "Socialnämnden", slug: s.social.slug },
      originCase: { id: s.publicCase.id, number: "STK-2024-1374" },
      records: [],
    });
    // The answer is built from what the registration read; reading the case again gives the same view.
    expect(await (await client.get(`/api/cases/${view.id}`)).json()).toEqual(view);
  });

  it("refuses a registration with a field the API does not know, naming it in Swedish, and writes nothing", async () => {
    const s = await setup();
    const client = await registrar(s);
    const cases = async () =>
      (
        await tx(database, (t) =>
          t.select().from(registerCase).where(eq(registerCase.municipalityId, s.m.id)),
        )
      ).length;
    const before = await cases();
    const valid = { seriesCode: "STK", title: "Medborgarförslag om cykelbana", openedOn: "2025-03-03" };
    const misspelt = await client.request("POST", "/api/cases", { json: { ...valid, titel: "Fel namn" } });
    expect(misspelt.status).toBe(400);
    expect((await misspelt.json()).errors).toEqual([
      { field: "titel", message: 'Fältet "titel" finns inte i begäran. Ta bort det och försök igen.' },
    ]);
    const secrecy = { provision: "OSL 26 kap. 1 §", markedOn: "2025-02-01", markedById: s.social.id };
    const nested = await client.request("POST", "/api/cases", {
      json: { ...valid, secrecy: { ...secrecy, reason: "x" } },
    });
    expect(nested.status).toBe(400);
    expect((await nested.json()).errors).toEqual([
      {
        field: "secrecy.reason",
        message: 'Fältet "reason" finns inte i "secrecy". Ta bort det och försök igen.',
      },
    ]);
    // Just under the body limit: thousands of unknown fields, of which the answer names ten and counts the rest.
    const padding = Object.fromEntries(Array.from({ length: 9000 }, (_, i) => [`extra${i}`, "x".repeat(90)]));
    const padded = await client.request("POST", "/api/cases", { json: { ...valid, ...padding } });
    expect(padded.status).toBe(400);
    const { errors } = await padded.json();
    expect(errors).toHaveLength(11);
    expect(errors[0]).toEqual({
      field: "extra0",
      message: 'Fältet "extra0" finns inte i begäran. Ta bort det och försök igen.',
    });
    expect(errors[10]).toEqual({ field: "_", message: "Ytterligare 8990 fält finns inte." });
    // Five megabytes of unknown fields never reach the schema: the body limit refuses them first.
    const huge = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`extra${i}`, "x".repeat(90)]));
    const tooLarge = await client.request("POST", "/api/cases", { json: { ...valid, ...huge } });
    expect(tooLarge.status).toBe(413);
    expect(await cases()).toBe(before);
    const accepted = await client.request("POST", "/api/cases", { json: valid });
    expect(accepted.status).toBe(201);
    expect(await cases()).toBe(before + 1);
  });

  it("still takes the case form, which posts its token and whatever else a browser adds", async () => {
    const s = await setup();
    const client = await registrar(s);
    const res = await client.postForm("/diarium/ny", "/diarium/ny", {
      seriesCode: "STK",
      openedOn: "2025-03-03",
      title: "Ärende från formuläret",
      "secrecy.provision": "",
      knapp: "Registrera",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/diarium\/STK-2025-\d+/);
  });

  it("lets an admin continue a series from an earlier register, refusing a malformed number", async () => {
    const s = await setup();
    const admin = await buildUser(database, s.m.system);
    const client = new Client(s.app);
    await client.logIn(admin.email, admin.password);
    const path = "/diarium/nummerserier";
    const malformed = await client.postForm(path, `${path}/start`, {
      seriesCode: "STK",
      firstNumber: "STK 2025 9",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("STK 2025 9 är inte ett diarienummer i serien.");
    const below = await client.postForm(path, `${path}/start`, {
      seriesCode: "STK",
      firstNumber: "STK-2024-1000",
    });
    expect(below.status).toBe(409);
    expect(await below.text()).toContain("Paragraf har redan gett numret STK-2024-1374.");
    const ok = await client.postForm(path, `${path}/start`, {
      seriesCode: "STK",
      firstNumber: "STK-2025-500",
    });
    expect(ok.status).toBe(303);
    expect(await (await client.get(path)).text()).toContain("2025: 499");
    const registrar = await buildUser(database, s.m.system, [{ role: "registrar", bodyId: null }]);
    const other = new Client(s.app);
    await other.logIn(registrar.email, registrar.password);
    expect((await other.get(path)).status).toBe(403);
  });

  it("registers a case in a few fields and shows the number", async () => {
    const s = await setup();
    const client = await registrar(s);
    const res = await client.postForm("/diarium/ny", "/diarium/ny", {
      seriesCode: "STK",
      openedOn: "2024-11-01",
      title: "Lokal utveckling i Rosengård",
      originCaseNumber: "STK-2024-1374",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/diarium/STK-2024-1375?registrerat=STK-2024-1375");
    const page = await (await client.get(res.headers.get("location")!)).text();
    expect(page).toContain("Registrerat med nummer STK-2024-1375.");
    expect(page).toContain('href="/diarium/STK-2024-1374"');
    const related = await client.postForm(
      "/diarium/STK-2024-1375/relaterade",
      "/diarium/STK-2024-1375/relaterade",
      { relatedNumber: s.secretCase.number },
    );
    expect(related.status).toBe(303);
    const visitorView = await (await new Client(s.app).get("/diarium/STK-2024-1375")).text();
    expect(visitorView).toContain("Relaterade ärenden");
    expect(visitorView).toContain(`${s.secretCase.number} Orosanmälan`);
    expect(visitorView).not.toMatch(secretWords);
    const unknown = await client.postForm(
      "/diarium/STK-2024-1375/relaterade",
      "/diarium/STK-2024-1375/relaterade",
      { relatedNumber: "STK-1999-1" },
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Ärendet finns inte.");

    // Continuing the record numbers of a case taken over from an earlier register.
    const numbering = "/diarium/STK-2024-1375/handlingsnummer";
    const wrong = await client.postForm(numbering, numbering, { firstNumber: "" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Ange det första handlingsnummer Paragraf ska ge");
    const continued = await client.postForm(numbering, numbering, { firstNumber: "STK-2024-1375-20" });
    expect(continued.status).toBe(303);
    expect(continued.headers.get("location")).toBe("/diarium/STK-2024-1375");
  });

  it("closes a case from its page and reopens it, and the API refuses to reopen an open case", async () => {
    const s = await setup();
    const client = await registrar(s);
    const path = `/diarium/${s.publicCase.number}`;
    const closed = await client.postForm(path, `${path}/avsluta`, { closedOn: "2026-01-30" });
    expect(closed.status).toBe(303);
    const closedPage = await (await client.get(path)).text();
    expect(closedPage).toContain("Avslutat 2026-01-30");
    expect(closedPage).toContain("Återuppta ärendet");
    expect(closedPage).not.toContain("Registrera handling");
    const reopened = await client.postForm(path, `${path}/ateroppna`, {});
    expect(reopened.status).toBe(303);
    const openPage = await (await client.get(path)).text();
    expect(openPage).toContain("Registrera handling");
    expect(openPage).not.toContain("Återuppta ärendet");
    const again = await client.request("POST", `/api/cases/${s.publicCase.id}/reopen`, { json: {} });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toBe(`Ärendet ${s.publicCase.number} är inte avslutat.`);
    const visitor = await new Client(s.app).request("POST", `/api/cases/${s.publicCase.id}/reopen`, {
      json: {},
    });
    expect(visitor.status).toBe(401);
  });

  it("refuses secrecy without a provision with a Swedish message, and uses no number", async () => {
    const s = await setup();
    const client = await registrar(s);
    const res = await client.postForm("/diarium/ny", "/diarium/ny", {
      seriesCode: "STK",
      openedOn: "2024-11-01",
      title: "Hemligt ärende",
      publicTitle: "Ärende",
      "secrecy.markedOn": "2024-11-01",
      "secrecy.markedById": s.social.id,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Ange sekretessbestämmelsen");
    const unknown = await client.postForm("/diarium/ny", "/diarium/ny", {
      seriesCode: "XYZ",
      openedOn: "2024-11-01",
      title: "Ärende",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Nummerserien XYZ finns inte.");
    const next = await client.request("POST", "/api/cases", {
      json: { seriesCode: "STK", title: "Nästa", openedOn: "2024-11-02" },
    });
    expect((await next.json()).number).toBe("STK-2024-1375");
  });

  it("registers a record with files through a multipart form, and refuses a file whose type lies", async () => {
    const s = await setup();
    const client = await registrar(s);
    const path = "/diarium/STK-2024-1374/handlingar/ny";
    const token = await client.csrfFrom(path);
    const post = (file: File) => {
      const form = new FormData();
      form.set("_csrf", token);
      form.set("direction", "incoming");
      form.set("recordType", "consultation_response");
      form.set("datedOn", "2025-06-19");
      form.set("description", "Remissvar fritidsnämnden");
      form.append("files", file);
      return s.app.request(path, { method: "POST", body: form, headers: { cookie: client.cookieHeader() } });
    };
    const lying = await post(
      new File([new TextEncoder().encode("inte en pdf")], "svar.pdf", { type: "application/pdf" }),
    );
    expect(lying.status).toBe(415);
    expect(await lying.text()).toContain("är angiven som application/pdf men innehållet är text");
    const before = await tx(database, (t) =>
      t.select().from(record).where(eq(record.caseId, s.publicCase.id)),
    );
    expect(before).toHaveLength(1);

    const pdf = pdfWithText("Fritidsnämnden ser positivt på samordningen av lokal utveckling.");
    const ok = await post(new File([new Uint8Array(pdf)], "svar.pdf", { type: "application/pdf" }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/diarium/STK-2024-1374?registrerat=STK-2024-1374-2");
    const download = await new Client(s.app).get("/diarium/STK-2024-1374/handlingar/2/filer/1");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    const found = await (await new Client(s.app).get("/api/register/search?q=samordning")).json();
    expect(found.hits.map((h: { number: string }) => h.number)).toEqual(["STK-2024-1374-2"]);
  });

  it("attaches a file through the API in base64, checks its type, and closes a case", async () => {
    const s = await setup();
    const client = await registrar(s);
    const created = await client.request("POST", "/api/records", {
      json: {
        caseId: s.publicCase.id,
        direction: "drawn_up",
        recordType: "official_report",
        datedOn: "2025-12-03",
        description: "G-Tjänsteskrivelse KSAU 251208",
        files: [
          {
            name: "tjansteskrivelse.txt",
            mediaType: "text/plain",
            contentBase64: Buffer.from("Stadskontorets bedömning").toString("base64"),
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const view = await created.json();
    expect(view.number).toBe("STK-2024-1374-2");
    expect(view.files[0]).toMatchObject({ fileName: "tjansteskrivelse.txt", mediaType: "text/plain" });
    const wrong = await client.request("POST", `/api/records/${view.id}/files`, {
      json: {
        files: [
          { name: "bild.png", mediaType: "image/png", contentBase64: Buffer.from("text").toString("base64") },
        ],
      },
    });
    expect(wrong.status).toBe(415);
    expect((await wrong.json()).code).toBe("file_type_mismatch");
    const closed = await client.request("POST", `/api/cases/${s.publicCase.id}/close`, {
      json: { closedOn: "2026-01-22" },
    });
    expect(closed.status).toBe(200);
    expect((await closed.json()).status).toBe("closed");
    const edit = await client.request("PATCH", `/api/cases/${s.publicCase.id}`, {
      json: { title: "Ny rubrik" },
    });
    expect((await edit.json()).title).toBe("Ny rubrik");
  });
});
