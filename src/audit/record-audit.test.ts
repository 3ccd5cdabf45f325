import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { listTrail } from "./list-trail.js";
import { isCredential, recordAudit } from "./record-audit.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("the audit trail", () => {
  it("keeps a vote's secret flag and the facts of a change, and drops passwords, hashes and tokens", async () => {
    const m = await freshMunicipality(database);
    await tx(database, (t) =>
      recordAudit(t, m.system, {
        action: "vote.recorded",
        recordType: "paragraph",
        recordId: "p-1",
        before: { secret: false, password: "hunter2", passwordHash: "$argon2id$v=19$abc" },
        after: {
          secret: true,
          election: true,
          yesCount: 31,
          secrecyProvision: "OSL 26 kap. 1 §",
          csrfToken: "c5rf",
          token_hash: "deadbeef",
          clientSecret: "s3cr3t",
          secret_key: "k3y",
          apiKey: "ap1k3y",
          session: { token: "t0k3n", userId: "u-1" },
          ballots: [{ personId: "x", choice: "yes", accessToken: "acc3ss" }],
        },
      }),
    );
    const [entry] = await tx(database, (t) => listTrail(t, m.system, "paragraph", "p-1"));
    expect(entry!.before).toEqual({ secret: false });
    expect(entry!.after).toEqual({
      secret: true,
      election: true,
      yesCount: 31,
      secrecyProvision: "OSL 26 kap. 1 §",
      session: { userId: "u-1" },
      ballots: [{ personId: "x", choice: "yes" }],
    });
    const stored = JSON.stringify(entry);
    for (const value of [
      "hunter2",
      "argon2",
      "c5rf",
      "deadbeef",
      "s3cr3t",
      "k3y",
      "ap1k3y",
      "t0k3n",
      "acc3ss",
    ])
      expect(stored).not.toContain(value);
  });

  it("judges a key by its words: secret as a yes or no is a fact, a secret string is a credential", () => {
    expect(isCredential("secret", true)).toBe(false);
    expect(isCredential("secret", "hemligt")).toBe(true);
    expect(isCredential("totpSecret", "JBSWY3DP")).toBe(true);
    expect(isCredential("secretary", "Anna")).toBe(false);
    expect(isCredential("secrecyMarkedOn", "2025-02-01")).toBe(false);
    expect(isCredential("password_hash", "x")).toBe(true);
    expect(isCredential("tokens", ["a"])).toBe(true);
    expect(isCredential("sha256", "ab12")).toBe(false);
    expect(isCredential("idempotencyKey", "k-1")).toBe(false);
  });

  it("shows an entry on the admin page, and refuses a blank or malformed key with a Swedish message", async () => {
    const m = await freshMunicipality(database);
    await tx(database, (t) =>
      recordAudit(t, m.system, {
        action: "vote.recorded",
        recordType: "paragraph",
        recordId: "a1b2",
        after: { secret: true },
      }),
    );
    const admin = await buildUser(database, m.system);
    const client = new Client(testApp(database, m.slug).app);
    await client.logIn(admin.email, admin.password);
    const page = await client.get("/admin/logg?typ=paragraph&id=a1b2");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("&quot;secret&quot;: true");
    for (const query of ["typ=paragraph&id=", "typ=&id=a1b2", ""]) {
      const refused = await client.get(`/admin/logg?${query}`);
      expect(refused.status, query).toBe(400);
      expect(await refused.text(), query).toContain("Ange vilken post loggen gäller");
    }
    // A NUL is refused by the app before the audit page reads anything (issue 11).
    for (const query of ["typ=paragraph&id=%00", "typ=x%00&id=a1b2"]) {
      const refused = await client.get(`/admin/logg?${query}`);
      expect(refused.status, query).toBe(400);
      expect(await refused.text(), query).toContain("ett tecken som inte kan sparas");
    }
  });
});
