import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { appUser, userSession } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("login and sessions", () => {
  it("sets an httpOnly, SameSite=Lax session cookie, Secure behind HTTPS, and stores only the token's hash", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const cookie = client.lastSetCookies.find((c) => c.startsWith("paragraf_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = cookie.split(";")[0]!.split("=")[1]!;
    const sessions = await tx(database, (t) => t.select().from(userSession));
    expect(sessions.some((s) => s.id === token)).toBe(false);

    const https = await app.request("https://paragraf.example.se/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(https.headers.getSetCookie().find((c) => c.startsWith("paragraf_session="))).toMatch(/Secure/);
  });

  it("logs in through the page and out again", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    const res = await client.postForm("/logga-in", "/logga-in?tillbaka=%2Forgan", {
      email: user.email,
      password: user.password,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/organ");
    expect(await (await client.get("/organ")).text()).toContain("Logga ut");
    const out = await client.postForm("/organ", "/logga-ut", {});
    expect(out.status).toBe(303);
    expect(await (await client.get("/organ")).text()).toContain("Logga in");
  });

  it("does not redirect to another site after login", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const res = await new Client(app).postForm("/logga-in", "/logga-in?tillbaka=%2F%2Fevil.example", {
      email: user.email,
      password: user.password,
    });
    expect(res.headers.get("location")).toBe("/");
  });

  it("says the same for an unknown account and a wrong password, and makes the sixth try from one address wait", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    const unknown = await client.request("POST", "/api/session", {
      json: { email: `ingen-${randomUUID()}@example.se`, password: "fel-lösenord-här" },
    });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).detail).toBe("Fel e-postadress eller lösenord.");
    for (let i = 0; i < 5; i++) {
      const wrong = await client.request("POST", "/api/session", {
        json: { email: user.email, password: "fel-lösenord-här" },
      });
      expect(wrong.status).toBe(401);
    }
    const waiting = await client.request("POST", "/api/session", {
      json: { email: user.email, password: user.password },
    });
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("retry-after")).toBe("2");
    expect((await waiting.json()).detail).toBe(
      "För många misslyckade inloggningar. Vänta 2 sekunder och försök igen.",
    );
  });

  it("shows login errors on the page with the e-mail kept and the password not", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const res = await new Client(app).postForm("/logga-in", "/logga-in", {
      email: user.email,
      password: "hemligt-fel-lösen",
    });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("Fel e-postadress eller lösenord.");
    expect(html).toContain(`value="${user.email}"`);
    expect(html).not.toContain("hemligt-fel-lösen");
  });
});

describe("secret material", () => {
  it("never puts a password or its hash in the audit trail, the API or the logs", async () => {
    const m = await freshMunicipality(database);
    const { app, logLines } = testApp(database, m.slug);
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const password = "mycket-hemligt-lösenord-123";
    // E-mail addresses are unique across municipalities: one of this test's own, so the suite can run again.
    const email = `ny-${m.slug}@example.se`;
    const res = await client.request("POST", "/api/users", {
      json: {
        email,
        displayName: "Ny",
        password,
        grants: [{ role: "registrar", bodyId: null }],
      },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    const [stored] = await tx(database, (t) => t.select().from(appUser).where(eq(appUser.email, email)));
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = JSON.stringify(await tx(database, (t) => t.select().from(auditEntry)));
    for (const channel of [text, audit, logLines.join("\n")]) {
      expect(channel).not.toContain(password);
      expect(channel).not.toContain(stored!.passwordHash);
      expect(channel).not.toContain("passwordHash");
    }
  });

  it("refuses a short password with a Swedish message and creates nothing", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const res = await client.request("POST", "/api/users", {
      json: { email: "kort@example.se", displayName: "Kort", password: "kort" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { field: "password", message: "Lösenordet måste ha minst 12 tecken." },
    ]);
    expect(
      await tx(database, (t) => t.select().from(appUser).where(eq(appUser.email, "kort@example.se"))),
    ).toHaveLength(0);
  });
});

describe("account pages", () => {
  it("lets an admin create an account with a role for one body, and keeps the password out of the page", async () => {
    const m = await freshMunicipality(database);
    const secretaryEmail = `sek-${m.slug}@example.se`;
    const { app } = testApp(database, m.slug);
    const admin = await buildUser(database, m.system);
    const { buildBody } = await import("../../test/support/factories.js");
    const body = await buildBody(database, m.system, { name: "Fritidsnämnden" });
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);

    const short = await client.postForm("/admin/konton/ny", "/admin/konton/ny", {
      displayName: "Sekreteraren",
      email: secretaryEmail,
      password: "kort-men-hemligt",
      role: "",
      bodyId: "",
    });
    expect(short.status).toBe(400);
    const html = await short.text();
    expect(html).toContain("Välj en roll.");
    expect(html).not.toContain("kort-men-hemligt");
    expect(html).toContain(`value="${secretaryEmail}"`);

    const ok = await client.postForm("/admin/konton/ny", "/admin/konton/ny", {
      displayName: "Sekreteraren",
      email: secretaryEmail,
      password: "ett-långt-lösenord",
      role: "secretary",
      bodyId: body.id,
    });
    expect(ok.status).toBe(303);
    const list = await (await client.get("/admin/konton")).text();
    expect(list).toContain("Nämndsekreterare (Fritidsnämnden)");
    expect(list).not.toContain("argon2");
  });

  it("refuses the account pages to anyone but an admin", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const registrar = await buildUser(database, m.system, [{ role: "registrar", bodyId: null }]);
    const client = new Client(app);
    await client.logIn(registrar.email, registrar.password);
    expect((await client.get("/admin/konton")).status).toBe(403);
    expect((await client.get("/admin/konton/ny")).status).toBe(403);
    expect((await new Client(app).get("/admin/konton")).status).toBe(303);
  });
});
