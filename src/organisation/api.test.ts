import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { listBodies } from "./queries.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function setup() {
  const m = await freshMunicipality(database);
  const { app, logLines } = testApp(database, m.slug);
  return { m, app, logLines };
}

const bodyCount = (m: TestMunicipality) =>
  tx(database, (t) => listBodies(t, m.id)).then((rows) => rows.length);

describe("organisation API", () => {
  it("lets anyone read, and refuses an anonymous write without writing", async () => {
    const { m, app } = await setup();
    await buildBody(database, m.system, { name: "Kommunfullmäktige", kind: "council" });
    const anonymous = new Client(app);
    const list = await anonymous.get("/api/bodies");
    expect(list.status).toBe(200);
    expect((await list.json()).data.map((b: { slug: string }) => b.slug)).toEqual(["kommunfullmaktige"]);

    const write = await anonymous.request("POST", "/api/bodies", {
      json: { kind: "committee", name: "Ny nämnd" },
    });
    expect(write.status).toBe(401);
    expect((await write.json()).detail).toBe("Du måste logga in för att göra detta.");
    expect(await bodyCount(m)).toBe(1);
  });

  it("creates, changes and soft-deletes a body for an admin", async () => {
    const { m, app } = await setup();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);

    const created = await client.request("POST", "/api/bodies", {
      json: { kind: "committee", name: "Fritidsnämnden", shortName: "FRN" },
    });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ slug: "fritidsnamnden", shortName: "FRN", openMeetings: false });
    expect(body).not.toHaveProperty("municipalityId");
    expect(body).not.toHaveProperty("deletedAt");

    const changed = await client.request("PATCH", `/api/bodies/${body.id}`, { json: { seats: 13 } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).seats).toBe(13);

    expect((await client.request("DELETE", `/api/bodies/${body.id}`)).status).toBe(204);
    expect((await client.get(`/api/bodies/${body.id}`)).status).toBe(404);
  });

  it("answers bad input with a Swedish message per field and writes nothing", async () => {
    const { m, app } = await setup();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const res = await client.request("POST", "/api/bodies", {
      json: { kind: "styrelse", name: "", seats: -3, email: "inte-en-adress" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    const byField = Object.fromEntries(
      problem.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(byField).toEqual({
      kind: "Välj vilken sorts organ det är.",
      name: "Ange ett namn.",
      seats: "Antalet platser måste vara minst 1.",
      email: "Ange en giltig e-postadress.",
    });
    expect(await bodyCount(m)).toBe(0);
  });

  it("gives a conflict a Swedish message tied to its field", async () => {
    const { m, app } = await setup();
    const admin = await buildUser(database, m.system);
    await buildBody(database, m.system, { name: "Miljönämnden" });
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const res = await client.request("POST", "/api/bodies", {
      json: { kind: "committee", name: "Miljönämnden" },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).errors).toEqual([
      { field: "slug", message: "Adressen /organ/miljonamnden används redan av ett annat organ." },
    ]);
  });

  it("does not reveal another municipality's records", async () => {
    const { app } = await setup();
    const other = await freshMunicipality(database);
    const foreign = await buildBody(database, other.system);
    const res = await new Client(app).get(`/api/bodies/${foreign.id}`);
    expect(res.status).toBe(404);
  });

  it("refuses a write by a signed-in user without the role, and writes nothing", async () => {
    const { m, app } = await setup();
    const registrar = await buildUser(database, m.system, [{ role: "registrar", bodyId: null }]);
    const client = new Client(app);
    await client.logIn(registrar.email, registrar.password);
    const res = await client.request("POST", "/api/parties", {
      json: { name: "Nytt parti", abbreviation: "NP" },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toBe("Du har inte behörighet att göra detta.");
    expect((await (await client.get("/api/parties")).json()).data).toEqual([]);
  });

  it("accepts API writes only as JSON", async () => {
    const { m, app } = await setup();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const res = await client.request("POST", "/api/parties", {
      form: { name: "Formulärpartiet", abbreviation: "F" },
    });
    expect(res.status).toBe(415);
    expect(await bodyCount(m)).toBe(0);
  });

  it("runs the whole register through the API: party, person, membership, official", async () => {
    const { m, app } = await setup();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const post = async (path: string, json: unknown) => {
      const res = await client.request("POST", path, { json });
      expect(res.status, await res.clone().text()).toBe(201);
      return res.json();
    };
    const kf = await post("/api/bodies", { kind: "council", name: "Kommunfullmäktige", seats: 61 });
    const office = await post("/api/bodies", { kind: "administration", name: "Stadskontoret" });
    const s = await post("/api/parties", { name: "Socialdemokraterna", abbreviation: "S" });
    const member = await post("/api/persons", {
      name: "Katrin Stjernfeldt Jammeh",
      partyId: s.id,
      email: "katrin@example.se",
    });
    const officer = await post("/api/persons", {
      name: "Nasrin Bigdelou",
      email: "nasrin.bigdelou@malmo.se",
    });
    await post("/api/memberships", {
      personId: member.id,
      bodyId: kf.id,
      role: "member",
      startsOn: "2022-10-15",
      endsOn: "2026-10-14",
    });
    await post("/api/officials", { personId: officer.id, bodyId: office.id, title: "Enhetschef" });

    const seats = await (await client.get(`/api/memberships?bodyId=${kf.id}`)).json();
    expect(seats.data).toHaveLength(1);
    expect(seats.data[0]).toMatchObject({
      personId: member.id,
      role: "member",
      startsOn: "2022-10-15",
      endsOn: "2026-10-14",
    });
    const posts = await (await client.get(`/api/officials?personId=${officer.id}`)).json();
    expect(posts.data[0]).toMatchObject({ title: "Enhetschef", bodyId: office.id });
  });

  it("refuses a second council and a member beyond the seats over HTTP, with Swedish messages, writing nothing", async () => {
    const { m, app } = await setup();
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const kf = await (
      await client.request("POST", "/api/bodies", {
        json: { kind: "council", name: "Kommunfullmäktige", seats: 1 },
      })
    ).json();
    const again = await client.request("POST", "/api/bodies", {
      json: { kind: "council", name: "Fullmäktige 2" },
    });
    expect(again.status).toBe(409);
    const problem = await again.json();
    expect(problem.code).toBe("second_council");
    expect(problem.detail).toContain("I varje kommun finns ett fullmäktige (KL 3 kap. 3 §).");
    expect(await bodyCount(m)).toBe(1);
    const person = async (name: string) =>
      (await (await client.request("POST", "/api/persons", { json: { name } })).json()).id as string;
    const seat = (personId: string) =>
      client.request("POST", "/api/memberships", {
        json: { personId, bodyId: kf.id, role: "member", startsOn: "2022-10-15" },
      });
    expect((await seat(await person("Första Ledamot"))).status).toBe(201);
    const beyond = await seat(await person("Andra Ledamot"));
    expect(beyond.status).toBe(409);
    expect((await beyond.json()).code).toBe("seats_full");
    expect((await (await client.get(`/api/memberships?bodyId=${kf.id}`)).json()).data).toHaveLength(1);
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document generated from the request schemas", async () => {
    const { app } = await setup();
    const res = await new Client(app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/bodies",
        "/api/bodies/{id}",
        "/api/persons",
        "/api/memberships",
        "/api/session",
      ]),
    );
    expect(doc.components.schemas.BodyInput.required).toEqual(expect.arrayContaining(["kind", "name"]));
    // A write takes a person's session cookie or an integration's API key.
    expect(doc.paths["/api/bodies"].post.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
  });

  it("has a readable reference page listing the operations", async () => {
    const { app } = await setup();
    const html = await (await new Client(app).get("/api")).text();
    expect(html).toContain("<h1>API-referens</h1>");
    expect(html).toContain("/api/bodies/{id}");
    expect(html).toContain("Skapa ett organ");
  });
});
