import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { grantInstallationAdmin } from "../accounts/installation-admin.js";
import type { Database } from "../db/connect.js";
import { findMunicipalityBySlug } from "./queries.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const unique = () => randomUUID().slice(0, 8);

async function setup() {
  const home = await freshMunicipality(database, "Hemkommun");
  const { app } = testApp(database, home.slug);
  const operator = await buildUser(database, home.system);
  await tx(database, (t) => grantInstallationAdmin(t, { id: operator.id, municipalityId: home.id }, "Test"));
  const installationAdmin = new Client(app);
  await installationAdmin.logIn(operator.email, operator.password);
  const plainAdmin = await buildUser(database, home.system);
  const municipalAdmin = new Client(app);
  await municipalAdmin.logIn(plainAdmin.email, plainAdmin.password);
  return { home, app, installationAdmin, municipalAdmin };
}

describe("municipalities", () => {
  it("are created and given a host by an installation admin, not by a municipality's admin", async () => {
    const { app, installationAdmin, municipalAdmin } = await setup();
    const slug = `tyreso-${unique()}`;
    const host = `${slug}.example.se`;
    const refused = await municipalAdmin.request("POST", "/api/municipalities", {
      json: { name: "Tyresö kommun", slug },
    });
    expect(refused.status).toBe(403);
    expect(await tx(database, (t) => findMunicipalityBySlug(t, slug))).toBeUndefined();

    const created = await installationAdmin.request("POST", "/api/municipalities", {
      json: { name: "Tyresö kommun", slug, organisationNumber: "212000-0142", host: host.toUpperCase() },
    });
    expect(created.status).toBe(201);
    const tyreso = await created.json();
    expect(tyreso).toMatchObject({ name: "Tyresö kommun", slug, host });
    const trail = await tx(database, (t) =>
      t.query.auditEntry.findMany({ where: (a, { eq }) => eq(a.recordId, tyreso.id) }),
    );
    expect(trail.map((e) => [e.action, e.municipalityId])).toEqual([["municipality.created", tyreso.id]]);

    const again = await installationAdmin.request("POST", "/api/municipalities", {
      json: { name: "Tyresö igen", slug: `annan-${unique()}`, host },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toBe(`Värdnamnet ${host} används redan av Tyresö kommun.`);

    const list = await (await installationAdmin.get("/api/municipalities")).json();
    expect(list.data.map((m: { slug: string }) => m.slug)).toContain(slug);
    expect((await municipalAdmin.get("/api/municipalities")).status).toBe(403);

    const moved = `ny-${host}`;
    const patched = await installationAdmin.request("PATCH", `/api/municipalities/${tyreso.id}`, {
      json: { host: moved },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).host).toBe(moved);
    const start = await (await app.request(`http://${moved}:8080/`)).text();
    expect(start).toContain("Tyresö kommun – beslut som data");
  });

  it("each answer at their own host, and the default answers at every other host", async () => {
    const { home, app, installationAdmin } = await setup();
    const hosts = [`a-${unique()}.example.se`, `b-${unique()}.example.se`];
    for (const [i, host] of hosts.entries()) {
      const res = await installationAdmin.request("POST", "/api/municipalities", {
        json: { name: `Kommun ${i + 1}`, slug: `kommun-${unique()}`, host },
      });
      expect(res.status).toBe(201);
    }
    const page = async (host: string) => (await app.request(`http://${host}/`)).text();
    expect(await page(hosts[0]!)).toContain("Kommun 1 – beslut som data");
    expect(await page(hosts[1]!)).toContain("Kommun 2 – beslut som data");
    expect(await page("annan.example.se")).toContain(`${home.name} – beslut som data`);

    // The diarium's help shows no other municipality's case number.
    const diarium = await (await app.request(`http://${hosts[1]}/diarium`)).text();
    expect(diarium).toContain("Diarium för Kommun 2");
    expect(diarium).not.toContain("STK-");
    expect(diarium).toContain("diarienummer från början (de första tecknen i numret räcker)");
  });
});
