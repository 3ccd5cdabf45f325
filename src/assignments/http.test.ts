import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { followUpSetting } from "../../test/support/followup.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignment } from "./give-assignment.js";
import { readAssignments } from "./read-assignments.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function setting() {
  const m = await freshMunicipality(database);
  const s = await followUpSetting(database, m.system);
  const { app } = testApp(database, m.slug);
  return { m, ...s, app };
}

describe("assignment pages and API", () => {
  it("shows open assignments per body with age, deadline and a written-out overdue mark", async () => {
    const { m, kf, ks, kase, app } = await setting();
    await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "Utarbeta formerna för processen",
        deadline: "2025-06-30",
      }),
    );
    const html = await (await new Client(app).get("/uppdrag")).text();
    expect(html).toContain("Utarbeta formerna för processen");
    expect(html).toContain("KF 240926 § 189");
    expect(html).toContain("Pågår – försenat");
    expect(html).toContain("varav 1 försenade");
  });

  it("lets an anonymous visitor read but not write", async () => {
    const { kf, ks, kase, app } = await setting();
    const anonymous = new Client(app);
    const res = await anonymous.request("POST", "/api/assignments", {
      json: {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "X",
      },
    });
    expect(res.status).toBe(401);
    expect((await anonymous.get("/uppdrag/ny")).status).toBe(303);
  });

  it("creates and closes through forms; closing twice shows a Swedish message and changes nothing", async () => {
    const { m, kf, ks, app } = await setting();
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const created = await client.postForm("/uppdrag/ny", "/uppdrag/ny", {
      caseNumber: "STK-2024-1",
      "givenBy.bodyId": kf.id,
      "givenBy.decidedOn": "2024-09-26",
      "givenBy.paragraphNumber": "189",
      bodyId: ks.id,
      text: "Samordningsansvaret för kraftsamlande insatser.",
    });
    expect(created.status).toBe(303);
    const page = created.headers.get("location")!;
    const close = {
      outcome: "reported",
      "closedBy.bodyId": kf.id,
      "closedBy.decidedOn": "2026-01-22",
      "closedBy.paragraphNumber": "8",
    };
    expect((await client.postForm(page, `${page}/avsluta`, close)).status).toBe(303);
    const again = await client.postForm(`/uppdrag/ny`, `${page}/avsluta`, { ...close, outcome: "lapsed" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Uppdraget är redan avslutat (återrapporterat)");
    const [stored] = await tx(database, (t) => readAssignments(t, m.id));
    expect([stored!.status, stored!.closedBy?.code]).toEqual(["reported", "KF 260122 § 8"]);

    const unknown = await client.postForm("/uppdrag/ny", "/uppdrag/ny", {
      caseNumber: "STK-1999-9",
      "givenBy.bodyId": kf.id,
      "givenBy.decidedOn": "2024-09-26",
      "givenBy.paragraphNumber": "0",
      bodyId: ks.id,
      text: "X",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Paragrafnumret måste vara minst 1.");
    expect(await tx(database, (t) => readAssignments(t, m.id))).toHaveLength(1);
  });

  it("gives the auditor the annual list as a page, CSV with BOM and XLSX, and per body", async () => {
    const { m, kf, ks, kase, app } = await setting();
    for (const text of ['Samordna insatserna; ta fram "former"', "Föreslå områden"])
      await tx(database, (t) =>
        giveAssignment(t, m.system, {
          caseId: kase.id,
          givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
          bodyId: ks.id,
          text,
        }),
      );
    const [first] = await tx(database, (t) => readAssignments(t, m.id));
    await tx(database, (t) =>
      closeAssignment(t, m.system, first!.id, {
        outcome: "reported",
        closedBy: { bodyId: kf.id, decidedOn: "2025-03-01", paragraphNumber: 40 },
      }),
    );
    const client = new Client(app);
    expect(await (await client.get("/uppdrag/ej-slutforda?ar=2024")).text()).toContain(
      "2 ej slutförda uppdrag",
    );
    expect(await (await client.get("/uppdrag/ej-slutforda?ar=2025")).text()).toContain(
      "1 ej slutförda uppdrag",
    );
    const csv = await client.get("/uppdrag/ej-slutforda.csv?ar=2024");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the BOM
    const rows = text.trimEnd().split("\r\n");
    expect(rows[0]).toBe(
      "Beslut;Beslutsdatum;Ärende;Organ;Uppdrag;Sista dag;Ålder (dagar);Försenat;Status i dag",
    );
    expect(rows[1]).toBe(
      'KF 240926 § 189;2024-09-26;STK-2024-1;Kommunstyrelsen;"Samordna insatserna; ta fram ""former""";;96;nej;Anses återrapporterat (KF 250301 § 40)',
    );
    const xlsx = await client.get("/uppdrag/ej-slutforda.xlsx?ar=2024");
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet!.data[0]![4]).toBe("Uppdrag");
    expect(sheet!.data[2]![4]).toBe("Föreslå områden");
    expect(sheet!.data[2]![6]).toBe(96);
    const perBody = await (await client.get("/uppdrag/organ/kommunstyrelsen")).text();
    expect(perBody).toContain("2 uppdrag totalt: 1 pågående, 1 avslutade.");
  });

  it("refuses a field the API does not know, in the assignment or its decision, and writes nothing", async () => {
    const { m, kf, ks, kase, app } = await setting();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const givenBy = { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 };
    const valid = { caseId: kase.id, givenBy, bodyId: ks.id, text: "Samordna" };
    const root = await client.request("POST", "/api/assignments", { json: { ...valid, status: "closed" } });
    expect(root.status).toBe(400);
    expect((await root.json()).errors).toEqual([
      { field: "status", message: 'Fältet "status" finns inte i begäran. Ta bort det och försök igen.' },
    ]);
    const nested = await client.request("POST", "/api/assignments", {
      json: { ...valid, givenBy: { ...givenBy, paragraph: 189 } },
    });
    expect(nested.status).toBe(400);
    expect((await nested.json()).errors).toEqual([
      {
        field: "givenBy.paragraph",
        message: 'Fältet "paragraph" finns inte i "givenBy". Ta bort det och försök igen.',
      },
    ]);
    expect(await tx(database, (t) => readAssignments(t, m.id))).toHaveLength(0);
    expect((await client.request("POST", "/api/assignments", { json: valid })).status).toBe(201);
    expect(await tx(database, (t) => readAssignments(t, m.id))).toHaveLength(1);
  });

  it("refuses an impossible date and a paragraph number below 1 in Swedish, and a member without the right", async () => {
    const { m, kf, ks, kase, app } = await setting();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const input = (givenBy: object) => ({
      json: { caseId: kase.id, givenBy, bodyId: ks.id, text: "Samordna" },
    });
    const badDate = await client.request(
      "POST",
      "/api/assignments",
      input({ bodyId: kf.id, decidedOn: "2024-02-30", paragraphNumber: 189 }),
    );
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(await badDate.json())).toContain("Ange beslutsdatum som ÅÅÅÅ-MM-DD.");
    const badNumber = await client.request(
      "POST",
      "/api/assignments",
      input({ bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: -3 }),
    );
    expect(JSON.stringify(await badNumber.json())).toContain("Paragrafnumret måste vara minst 1.");
    const member = await buildUser(database, m.system, [{ role: "member", bodyId: null }]);
    const memberClient = new Client(app);
    await memberClient.logIn(member.email, member.password);
    const refused = await memberClient.request(
      "POST",
      "/api/assignments",
      input({ bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 }),
    );
    expect(refused.status).toBe(403);
    expect(await tx(database, (t) => readAssignments(t, m.id))).toHaveLength(0);
  });
});
