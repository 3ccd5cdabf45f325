import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildParty, buildPerson, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { listBodies, listMemberships } from "./queries.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function signedIn() {
  const m = await freshMunicipality(database);
  const { app } = testApp(database, m.slug);
  const admin = await buildUser(database, m.system);
  const client = new Client(app);
  await client.logIn(admin.email, admin.password);
  return { m, app, client };
}

describe("organisation pages", () => {
  it("lists bodies by kind and shows a body with its members, for an anonymous visitor", async () => {
    const m = await freshMunicipality(database, "Exempelstad");
    const { app } = testApp(database, m.slug);
    const kf = await buildBody(database, m.system, { name: "Kommunfullmäktige", kind: "council", seats: 61 });
    const s = await buildParty(database, m.system, { abbreviation: "S", name: "Socialdemokraterna" });
    const p = await buildPerson(database, m.system, { name: "Katrin Stjernfeldt Jammeh", partyId: s.id });
    const { addMembership } = await import("./memberships.js");
    await tx(database, (t) =>
      addMembership(t, m.system, { personId: p.id, bodyId: kf.id, role: "chair", startsOn: "2022-10-15" }),
    );

    const visitor = new Client(app);
    const list = await (await visitor.get("/organ")).text();
    expect(list).toContain("<h1>Organ i Exempelstad</h1>");
    expect(list).toContain('<a href="/organ/kommunfullmaktige">Kommunfullmäktige</a>');
    expect(list).not.toContain("Nytt organ");

    const page = await visitor.get("/organ/kommunfullmaktige");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Katrin Stjernfeldt Jammeh");
    expect(html).toContain("<td>Ordförande</td>");
    expect(html).toContain("61 (beslutfört när fler än hälften är närvarande)");
    expect(html).not.toContain("Ta bort organet");
    expect((await visitor.get("/organ/finns-inte")).status).toBe(404);
  });

  it("sends an anonymous visitor to the login page instead of the form, and refuses the post", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const visitor = new Client(app);
    const form = await visitor.get("/organ/ny");
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/logga-in?tillbaka=%2Forgan%2Fny");
    const post = await visitor.postForm("/logga-in", "/organ/ny", { name: "Smygnämnden", kind: "committee" });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toContain("/logga-in");
    expect(await tx(database, (t) => listBodies(t, m.id))).toHaveLength(0);
  });

  it("creates a body from the form and redirects to its page", async () => {
    const { m, client } = await signedIn();
    const res = await client.postForm("/organ/ny", "/organ/ny", {
      name: "Fritidsnämnden",
      kind: "committee",
      shortName: "FRN",
      seats: "13",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/organ/fritidsnamnden");
    const [created] = await tx(database, (t) => listBodies(t, m.id));
    expect(created).toMatchObject({ name: "Fritidsnämnden", seats: 13, shortName: "FRN" });
  });

  it("shows the form again with messages and the user's input kept, and writes nothing", async () => {
    const { m, client } = await signedIn();
    const res = await client.postForm("/organ/ny", "/organ/ny", {
      name: "Halv nämnd",
      kind: "",
      seats: "tre",
      email: "fel",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Något behöver rättas");
    expect(html).toContain("Välj vilken sorts organ det är.");
    expect(html).toContain("Ange antalet platser som ett heltal.");
    expect(html).toContain("Ange en giltig e-postadress.");
    expect(html).toContain('value="Halv nämnd"');
    expect(html).toContain('value="tre"');
    expect(html).toMatch(/id="f-kind"[^>]*aria-invalid="true"/);
    expect(await tx(database, (t) => listBodies(t, m.id))).toHaveLength(0);
  });

  it("refuses a form post without the CSRF token", async () => {
    const { m, client } = await signedIn();
    const res = await client.request("POST", "/organ/ny", {
      form: { name: "Förfalskad", kind: "committee" },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Formuläret hade gått ut");
    expect(await tx(database, (t) => listBodies(t, m.id))).toHaveLength(0);
  });

  it("adds a member through the body page's form", async () => {
    const { m, client } = await signedIn();
    const body = await buildBody(database, m.system, { name: "Kulturnämnden" });
    const person = await buildPerson(database, m.system, { name: "Roko Kursar" });
    const path = "/organ/kulturnamnden/ledamoter/ny";
    const bad = await client.postForm(path, path, {
      personId: person.id,
      role: "member",
      startsOn: "2026-10-15",
      endsOn: "2022-10-14",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Uppdraget kan inte sluta innan det börjar.");
    const ok = await client.postForm(path, path, {
      personId: person.id,
      role: "member",
      startsOn: "2022-10-15",
      endsOn: "",
    });
    expect(ok.status).toBe(303);
    const seats = await tx(database, (t) => listMemberships(t, m.id, { bodyId: body.id }));
    expect(seats).toHaveLength(1);
    expect(seats[0]).toMatchObject({ personName: "Roko Kursar", endsOn: null });
  });

  it("shows an admin the audit trail of a body", async () => {
    const { m, client } = await signedIn();
    const body = await buildBody(database, m.system, { name: "Servicenämnden" });
    await client.postForm("/organ/servicenamnden/andra", "/organ/servicenamnden/andra", {
      name: "Servicenämnden",
      kind: "committee",
      seats: "11",
    });
    const html = await (await client.get(`/admin/logg?typ=body&id=${body.id}`)).text();
    expect(html).toContain("body.created");
    expect(html).toContain("body.updated");
    expect(html).toContain("&quot;seats&quot;: 11");
  });
});

describe("editing pages", () => {
  it("ends a membership and renames a party through their forms", async () => {
    const { m, client } = await signedIn();
    const body = await buildBody(database, m.system, { name: "Grundskolenämnden" });
    const party = await buildParty(database, m.system, { abbreviation: "MP", name: "Miljöpartiet" });
    const person = await buildPerson(database, m.system, { name: "Anna Andersson", partyId: party.id });
    const { addMembership } = await import("./memberships.js");
    const seat = await tx(database, (t) =>
      addMembership(t, m.system, {
        personId: person.id,
        bodyId: body.id,
        role: "member",
        startsOn: "2022-10-15",
      }),
    );

    const page = await (await client.get("/organ/grundskolenamnden")).text();
    expect(page).toContain("Avsluta uppdraget för Anna Andersson");
    const path = `/organ/grundskolenamnden/ledamoter/${seat.id}/avsluta`;
    const empty = await client.postForm(path, path, { endsOn: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Ange sista dagen som ÅÅÅÅ-MM-DD.");
    const ended = await client.postForm(path, path, { endsOn: "2024-12-31" });
    expect(ended.status).toBe(303);
    expect((await tx(database, (t) => listMemberships(t, m.id, { bodyId: body.id })))[0]!.endsOn).toBe(
      "2024-12-31",
    );
    expect((await client.get("/organ/grundskolenamnden/ledamoter/inte-ett-id/avsluta")).status).toBe(404);

    const partyPath = `/partier/${party.id}/andra`;
    const renamed = await client.postForm(partyPath, partyPath, {
      name: "Miljöpartiet de gröna",
      abbreviation: "MP",
    });
    expect(renamed.status).toBe(303);
    expect(await (await client.get("/partier")).text()).toContain("Miljöpartiet de gröna");
  });
});
