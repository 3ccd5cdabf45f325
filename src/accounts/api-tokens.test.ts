import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { listParties } from "../organisation/queries.js";
import { createApiToken } from "./api-tokens.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function setup() {
  const m = await freshMunicipality(database);
  const { app } = testApp(database, m.slug);
  const admin = await buildUser(database, m.system);
  const client = new Client(app);
  await client.logIn(admin.email, admin.password);
  return { m, app, admin: client };
}

/** A request with the key and no cookie, as an integration sends it. */
function bearer(app: Setup["app"], token: string, method: string, path: string, json?: unknown) {
  return app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(json === undefined ? {} : { "content-type": "application/json" }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}
type Setup = Awaited<ReturnType<typeof setup>>;

const partyCount = (municipalityId: string) =>
  tx(database, (t) => listParties(t, municipalityId)).then((r) => r.length);

describe("API keys", () => {
  it("are created once by an admin, act with their roles without a CSRF token, and show in the trail by name", async () => {
    const { m, app, admin } = await setup();
    const created = await admin.request("POST", "/api/tokens", {
      json: { name: "Ärendeintegration", roles: ["admin"] },
    });
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key.token).toMatch(/^prg_[A-Za-z0-9_-]{43}$/);

    // Stored as a hash: the token itself is nowhere in the database, and the list never shows it.
    const listed = await (await admin.get("/api/tokens")).json();
    expect(listed.data).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(key.token);
    const stored = await database.exclusive((exec) => exec("SELECT token_hash FROM api_token"));
    expect(JSON.stringify(stored)).not.toContain(key.token);

    const party = await bearer(app, key.token, "POST", "/api/parties", {
      name: "Nyckelpartiet",
      abbreviation: "NP",
    });
    expect(party.status).toBe(201);
    const { id } = await party.json();
    const trail = await tx(database, (t) =>
      t.query.auditEntry.findMany({ where: (a, { eq }) => eq(a.recordId, id) }),
    );
    expect(trail.map((e) => e.actorLabel)).toEqual(["API-nyckel: Ärendeintegration"]);
    expect(trail[0]!.municipalityId).toBe(m.id);
  });

  it("stop working when revoked, with a Swedish 401 and nothing written", async () => {
    const { m, app, admin } = await setup();
    const key = await (
      await admin.request("POST", "/api/tokens", { json: { name: "Gammal", roles: ["admin"] } })
    ).json();
    const page = await admin.get("/admin/konton");
    expect(await page.text()).toContain("Gammal");
    const revoke = await admin.postForm("/admin/konton", `/admin/konton/nycklar/${key.id}/aterkalla`, {});
    expect(revoke.status).toBe(303);
    expect(await (await admin.get("/admin/konton")).text()).toContain("Återkallad");

    const refused = await bearer(app, key.token, "POST", "/api/parties", {
      name: "Sent parti",
      abbreviation: "SP",
    });
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toBe(
      "API-nyckeln är okänd eller återkallad. Be kommunens administratör om en ny nyckel.",
    );
    expect(await partyCount(m.id)).toBe(0);

    const unknown = await bearer(app, "prg_inte-en-nyckel", "GET", "/api/parties");
    expect(unknown.status).toBe(401);
    const malformed = await app.request("/api/parties", { headers: { authorization: "Basic YTpi" } });
    expect(malformed.status).toBe(401);
    expect((await malformed.json()).detail).toBe("Ange API-nyckeln som Authorization: Bearer <nyckel>.");
  });

  it("stop working when expired", async () => {
    const { m, app } = await setup();
    const created = await tx(database, (t) =>
      createApiToken(t, m.system, { name: "Kortlivad", roles: ["admin"], expiresOn: "2099-01-01" }),
    );
    await database.exclusive((exec) =>
      exec(`UPDATE api_token SET expires_at = now() - interval '1 day' WHERE id = '${created.id}'`),
    );
    const refused = await bearer(app, created.token, "POST", "/api/parties", {
      name: "Parti",
      abbreviation: "P",
    });
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/^API-nyckeln Kortlivad gick ut \d{4}-\d{2}-\d{2}\./);
    expect(await partyCount(m.id)).toBe(0);
  });

  it("scoped to a body act for that body only, in their own municipality only", async () => {
    const { m, app, admin } = await setup();
    const ours = await buildBody(database, m.system, { name: "Kulturnämnden", kind: "committee" });
    const other = await buildBody(database, m.system, { name: "Tekniska nämnden", kind: "committee" });
    const adminForBody = await admin.request("POST", "/api/tokens", {
      json: { name: "Fel", roles: ["admin"], bodyId: ours.id },
    });
    expect(adminForBody.status).toBe(400);
    const key = await (
      await admin.request("POST", "/api/tokens", {
        json: { name: "Kulturens kalender", roles: ["secretary"], bodyId: ours.id },
      })
    ).json();

    const meeting = { heldOn: "2031-03-04", startsAt: "18:00", place: "Rådhuset" };
    const allowed = await bearer(app, key.token, "POST", "/api/meetings", { ...meeting, bodyId: ours.id });
    expect(allowed.status).toBe(201);
    const refused = await bearer(app, key.token, "POST", "/api/meetings", { ...meeting, bodyId: other.id });
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toBe("Du har inte behörighet att göra detta.");
    const meetings = await database.exclusive((exec) =>
      exec(`SELECT body_id FROM meeting WHERE body_id IN ('${ours.id}', '${other.id}')`),
    );
    expect((meetings as { body_id: string }[]).map((r) => r.body_id)).toEqual([ours.id]);

    // Another municipality's key, sent to this municipality's site, still acts only in its own.
    const elsewhere = await freshMunicipality(database, "Annanstad");
    const foreign = await tx(database, (t) =>
      createApiToken(t, elsewhere.system, { name: "Annan", roles: ["admin"] }),
    );
    const written = await bearer(app, foreign.token, "POST", "/api/parties", {
      name: "Gäst",
      abbreviation: "G",
    });
    expect(written.status).toBe(201);
    expect(await partyCount(m.id)).toBe(0);
    expect(await partyCount(elsewhere.id)).toBe(1);
    const audit = await tx(database, (t) =>
      t.select().from(auditEntry).where(eq(auditEntry.municipalityId, elsewhere.id)),
    );
    expect(audit.some((e) => e.actorLabel === "API-nyckel: Annan")).toBe(true);
  });

  it("are made on the accounts page, shown once", async () => {
    const { admin } = await setup();
    const res = await admin.postForm("/admin/konton/nycklar/ny", "/admin/konton/nycklar/ny", {
      name: "Webbplatsen",
      roles: "registrar",
      expiresOn: "",
      bodyId: "",
    });
    expect(res.status).toBe(201);
    const html = await res.text();
    const token = html.match(/value="(prg_[^"]+)"/)?.[1];
    expect(token).toBeDefined();
    const list = await (await admin.get("/admin/konton")).text();
    expect(list).toContain("Webbplatsen");
    expect(list).toContain("Registrator");
    expect(list).not.toContain(token!);
    const empty = await admin.postForm("/admin/konton/nycklar/ny", "/admin/konton/nycklar/ny", {
      name: "Utan roll",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Välj minst en roll.");
  });
});
