import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/connect.js";
import { freshMunicipality, testDatabase } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("disabling an account", () => {
  it("ends its sessions and refuses its logins until it is enabled again; not one's own, and only by an admin", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const admin = await buildUser(database, m.system);
    const registrar = await buildUser(database, m.system, [{ role: "registrar", bodyId: null }]);
    const adminClient = new Client(app);
    await adminClient.logIn(admin.email, admin.password);
    const registrarClient = new Client(app);
    await registrarClient.logIn(registrar.email, registrar.password);
    expect((await registrarClient.get("/api/register/search")).status).toBe(200);

    // A registrar may not disable anyone, and an admin may not disable itself.
    expect(
      (await registrarClient.request("POST", `/api/users/${admin.id}/disable`, { json: {} })).status,
    ).toBe(403);
    const self = await adminClient.request("POST", `/api/users/${admin.id}/disable`, { json: {} });
    expect(self.status).toBe(409);
    expect((await self.json()).detail).toBe(
      "Du kan inte stänga av ditt eget konto. Be en annan administratör göra det.",
    );

    const disabled = await adminClient.request("POST", `/api/users/${registrar.id}/disable`, { json: {} });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id: registrar.id, disabled: true });
    // The open session no longer works, and a new login is refused as any failed login is.
    const afterwards = await registrarClient.request("POST", "/api/cases", {
      json: { seriesCode: "X", title: "Efter avstängning", openedOn: "2026-03-01" },
    });
    expect(afterwards.status).toBe(401);
    const again = await new Client(app).request("POST", "/api/session", {
      json: { email: registrar.email, password: registrar.password },
    });
    expect(again.status).toBe(401);

    // The accounts page says so and offers to open it again.
    const page = await (await adminClient.get("/admin/konton")).text();
    expect(page).toContain("Avstängt");
    expect(page).toContain(`/admin/konton/${registrar.id}/oppna`);

    expect(
      (await adminClient.request("POST", `/api/users/${registrar.id}/enable`, { json: {} })).status,
    ).toBe(200);
    await new Client(app).logIn(registrar.email, registrar.password);
    expect(
      (
        await adminClient.request("POST", `/api/users/00000000-0000-4000-8000-000000000000/disable`, {
          json: {},
        })
      ).status,
    ).toBe(404);
  });
});
