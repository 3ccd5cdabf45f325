import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { delaySeconds, forgetOldAttempts, type LoginOutcome, logIn, throttleRules } from "./log-in.js";
import { loginThrottle } from "./tables.js";

let database: Database;
let m: TestMunicipality;
beforeAll(async () => {
  database = await testDatabase();
  m = await freshMunicipality(database);
});
afterAll(() => database.close());

// Addresses of this run's own (documentation range, RFC 3849), so that counts left on a shared server by earlier
// runs or other test files never meet these.
const address = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);
const wrong = "fel-lösenord-här";

function kind(outcome: LoginOutcome): "ok" | "failed" | `wait ${number}` {
  if (outcome.ok) return "ok";
  return outcome.error.code === "login_throttled" ? `wait ${outcome.retryAfterSeconds ?? 0}` : "failed";
}

async function attempt(email: string, password: string, from: string, now: Date) {
  return kind(await logIn(database.db, { email, password }, from, now));
}

describe("login throttling", () => {
  it("lets five failures from one address through, then makes each next attempt wait twice as long", async () => {
    const user = await buildUser(database, m.system);
    const from = address();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) expect(await attempt(user.email, wrong, from, t0)).toBe("failed");
    // Throttled before the password is looked at: the right one gets the same answer.
    expect(await attempt(user.email, user.password, from, t0)).toBe("wait 2");
    expect(await attempt(user.email, wrong, from, at(t0, 2))).toBe("failed");
    expect(await attempt(user.email, wrong, from, at(t0, 3))).toBe("wait 3");
    expect(await attempt(user.email, wrong, from, at(t0, 6))).toBe("failed");
    expect(await attempt(user.email, wrong, from, at(t0, 6))).toBe("wait 8");
    expect(await attempt(user.email, user.password, from, at(t0, 14))).toBe("ok");
    // Success starts the pair over: five free failures again.
    for (let i = 0; i < 5; i++) expect(await attempt(user.email, wrong, from, at(t0, 15))).toBe("failed");
    expect(await attempt(user.email, wrong, from, at(t0, 15))).toBe("wait 2");
    expect([6, 10, 14, 30].map((n) => delaySeconds("pair", n))).toEqual([4, 64, 900, 900]);
    expect(delaySeconds("account", 40)).toBe(throttleRules.account.capSeconds);
  });

  it("does not check the password of a throttled attempt", async () => {
    const user = await buildUser(database, m.system);
    const from = address();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await attempt(user.email, wrong, from, t0);
    const statements: string[] = [];
    const stop = database.onQuery((text) => statements.push(text));
    const started = performance.now();
    try {
      expect(await attempt(user.email, user.password, from, t0)).toBe("wait 2");
    } finally {
      stop();
    }
    expect(statements.some((s) => s.includes("app_user"))).toBe(false);
    expect(statements.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("lets the rightful user in from another address while an attacker fails on the account", async () => {
    const user = await buildUser(database, m.system);
    const attacker = address();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) expect(await attempt(user.email, wrong, attacker, t0)).toBe("failed");
    expect(await attempt(user.email, wrong, attacker, t0)).toMatch(/^wait/);
    expect(await attempt(user.email, user.password, address(), t0)).toBe("ok");
  });

  it("holds the rightful user back only briefly when the attack comes from many addresses", async () => {
    const user = await buildUser(database, m.system);
    const usual = address();
    const t0 = new Date();
    expect(await attempt(user.email, user.password, usual, t0)).toBe("ok");
    // The attacker tries from a fresh address whenever the account lets anyone try, until it is at its longest wait.
    let t = 0;
    for (let failures = 0; failures < 30; ) {
      const outcome = await attempt(user.email, wrong, address(), at(t0, t));
      if (outcome === "failed") failures++;
      else t += Number(outcome.split(" ")[1]);
    }
    expect(t).toBeGreaterThan(60);
    // A new address waits out the account's delay, a minute at most, and is then let in.
    const elsewhere = address();
    expect(await attempt(user.email, user.password, elsewhere, at(t0, t + 1))).toBe("wait 59");
    expect(await attempt(user.email, user.password, elsewhere, at(t0, t + 60))).toBe("ok");
    // The address the user logged in from before is not held back by the account's delay at all.
    expect(await attempt(user.email, user.password, address(), at(t0, t + 61))).toMatch(/^wait/);
    expect(await attempt(user.email, user.password, usual, at(t0, t + 61))).toBe("ok");
  });

  it("slows one address trying many accounts, without locking those accounts for anyone else", async () => {
    const sprayer = address();
    const t0 = new Date();
    for (let i = 0; i < throttleRules.address.free; i++)
      expect(await attempt(`finns-inte-${randomUUID()}@example.se`, wrong, sprayer, t0)).toBe("failed");
    const user = await buildUser(database, m.system);
    expect(await attempt(user.email, user.password, sprayer, at(t0, 1))).toBe("wait 1");
    expect(await attempt(user.email, user.password, address(), at(t0, 1))).toBe("ok");
    // A delay, not a lock: once it has passed the address is heard again.
    expect(await attempt(user.email, user.password, sprayer, at(t0, 2))).toBe("ok");
  });

  it("lets no more than five of 40 concurrent wrong passwords through", async () => {
    const user = await buildUser(database, m.system);
    const from = address();
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => attempt(user.email, wrong, from, now)),
    );
    expect(outcomes.filter((o) => o === "failed")).toHaveLength(throttleRules.pair.free);
    expect(outcomes.filter((o) => o === "wait 2")).toHaveLength(40 - throttleRules.pair.free);
  });

  it("answers a throttled login with 429, Retry-After and a Swedish message, also under concurrent load", async () => {
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const from = address();
    const post = (password: string) =>
      app.request("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify({ email: user.email, password }),
      });
    const responses = await Promise.all(Array.from({ length: 40 }, () => post(wrong)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(throttleRules.pair.free);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - throttleRules.pair.free);
    const throttled = responses.find((r) => r.status === 429)!;
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await throttled.json()).detail).toMatch(
      /^För många misslyckade inloggningar\. Vänta \d+ sekunder? och försök igen\.$/,
    );

    // The login page says the same, beside the form.
    const client = new Client(app);
    const token = await client.csrfFrom("/logga-in");
    const page = await client.request("POST", "/logga-in", {
      form: { _csrf: token, email: user.email, password: user.password },
      headers: { "x-forwarded-for": from },
    });
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await page.text()).toContain("För många misslyckade inloggningar. Vänta");
  });

  it("forgets counts after an hour without failures, but keeps a known pair", async () => {
    const user = await buildUser(database, m.system);
    const [known, stale, recent] = [address(), address(), address()];
    const t0 = new Date(Date.now() - 3 * 60 * 60 * 1000);
    expect(await attempt(user.email, user.password, known, t0)).toBe("ok");
    for (let i = 0; i < 5; i++) await attempt(user.email, wrong, stale, t0);
    await attempt(user.email, wrong, recent, at(t0, 2.5 * 60 * 60));
    await forgetOldAttempts(database.db, new Date());
    const keys = (await database.db.select({ key: loginThrottle.key }).from(loginThrottle)).map((r) => r.key);
    expect(keys.filter((k) => k.includes(user.email)).sort()).toEqual(
      [`pair:${user.email} ${known}`, `pair:${user.email} ${recent}`, `account:${user.email}`].sort(),
    );
    expect(keys).not.toContain(`address:${stale}`);
    expect(keys).toContain(`address:${recent}`);
    // Forgotten means free again: the stale address has its five free failures back.
    for (let i = 0; i < 5; i++) expect(await attempt(user.email, wrong, stale, new Date())).toBe("failed");
  });
});
