import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { readConfig } from "../config.js";
import type { Database } from "../db/connect.js";
import { clientAddress } from "../http/session.js";
import { createApp } from "./app.js";

let database: Database;
let m: TestMunicipality;
beforeAll(async () => {
  database = await testDatabase();
  m = await freshMunicipality(database);
});
afterAll(() => database.close());

/** The app as main.ts builds it, with the given number of trusted proxies, and a route that tells the address. */
function appBehind(trustProxy: number | boolean) {
  const app = createApp({
    database,
    logger: pino({ level: "silent" }),
    municipalitySlug: m.slug,
    trustProxy,
  });
  app.get("/test-address", (c) => c.text(clientAddress(c)));
  return app;
}

const addressOf = async (app: ReturnType<typeof appBehind>, forwardedFor: string) =>
  (await app.request("/test-address", { headers: { "x-forwarded-for": forwardedFor } })).text();

describe("the client's address behind proxies", () => {
  it("reads PARAGRAF_TRUST_PROXY as a number of proxies, with true still meaning one", () => {
    const proxies = (value?: string) => readConfig({ PARAGRAF_TRUST_PROXY: value }, []).trustProxy;
    expect([proxies(), proxies("0"), proxies("false"), proxies("1"), proxies("true"), proxies("2")]).toEqual([
      0, 0, 0, 1, 1, 2,
    ]);
    expect(() => proxies("kanske")).toThrow(/PARAGRAF_TRUST_PROXY/);
  });

  it("ignores X-Forwarded-For when no proxy is trusted", async () => {
    const app = appBehind(0);
    expect(await addressOf(app, "198.51.100.7")).not.toBe("198.51.100.7");
  });

  it("takes the address the one trusted proxy saw, whatever the client wrote to the left of it", async () => {
    const app = appBehind(1);
    expect(await addressOf(app, "198.51.100.7")).toBe("198.51.100.7");
    expect(await addressOf(app, "1.2.3.4, 198.51.100.7")).toBe("198.51.100.7");
    expect(await addressOf(app, "5.6.7.8,198.51.100.7")).toBe("198.51.100.7");
    expect(await addressOf(appBehind(true), "9.9.9.9, 198.51.100.7")).toBe("198.51.100.7");
  });

  it("takes the second address from the right behind two proxies", async () => {
    const app = appBehind(2);
    expect(await addressOf(app, "198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
    expect(await addressOf(app, "1.2.3.4, 198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
    expect(await addressOf(app, "4.3.2.1, 1.2.3.4, 198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
  });

  it("does not let a rotated leftmost X-Forwarded-For escape the login limit", async () => {
    const app = appBehind(1);
    const user = await buildUser(database, m.system);
    const real = `2001:db8::${randomUUID().slice(0, 4)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.request("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.9.8.${i}, ${real}` },
        body: JSON.stringify({ email: user.email, password: "fel-lösenord-här" }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});

describe("security headers", () => {
  it("sends a Content-Security-Policy without inline script, and the other headers, on pages, API and errors", async () => {
    const { app } = testApp(database, m.slug);
    for (const path of ["/", "/logga-in", "/api/assignments", "/finns-inte", "/api/finns-inte", "/health"]) {
      const res = await app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ])
        expect(csp, path).toContain(directive);
      expect(csp, path).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("has no inline script or style on its pages, so the policy needs no nonce", async () => {
    const user = await buildUser(database, m.system);
    const { app } = testApp(database, m.slug);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    for (const path of ["/", "/diarium", "/diarium/ny", "/organ", "/sammantraden", "/uppdrag", "/api"]) {
      const html = await (await client.get(path)).text();
      expect(html, path).toContain("<html");
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? [], path).toEqual([]);
      expect(html, path).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it("sends HSTS over HTTPS, and behind a trusted proxy that reports HTTPS, but not on a forged report", async () => {
    const direct = await appBehind(0).request("https://paragraf.example.se/");
    expect(direct.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const proxied = await appBehind(1).request("/", { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const forged = await appBehind(0).request("/", { headers: { "x-forwarded-proto": "https" } });
    expect(forged.headers.get("strict-transport-security")).toBeNull();
    const plain = await appBehind(1).request("/", { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("writes from another site", () => {
  const login = (app: ReturnType<typeof appBehind>, url: string, headers: Record<string, string>) =>
    app.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      // An account of this run's own: failures counted on a shared server must not add up across runs.
      body: JSON.stringify({ email: `ingen-${randomUUID()}@example.se`, password: "fel-lösenord-här" }),
    });

  it("refuses a write whose Origin or Sec-Fetch-Site shows another site, with 403 in Swedish", async () => {
    const app = appBehind(0);
    const url = "http://paragraf.example.se/api/session";
    for (const headers of [
      { origin: "https://angripare.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "http://annan.example.se" },
      { "sec-fetch-site": "cross-site", origin: "http://paragraf.example.se" },
    ] as Record<string, string>[]) {
      const res = await login(app, url, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).detail).toBe(
        "Begäran kom från en annan webbplats och togs inte emot. Gör ändringen här i Paragraf.",
      );
    }

    const page = await app.request("http://paragraf.example.se/logga-ut", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://angripare.example" },
      body: "_csrf=x",
    });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("Begäran kom från en annan webbplats");
  });

  it("lets the same site, and clients that send neither header, through to the usual checks", async () => {
    const app = appBehind(0);
    const url = "http://paragraf.example.se/api/session";
    for (const headers of [
      {},
      { origin: "http://paragraf.example.se" },
      { "sec-fetch-site": "same-origin", origin: "http://paragraf.example.se" },
      { "sec-fetch-site": "none" },
    ] as Record<string, string>[])
      expect((await login(app, url, headers)).status, JSON.stringify(headers)).toBe(401);
    // Behind a proxy that forwards the public host name, Origin is compared with that.
    const proxied = await login(appBehind(1), "http://127.0.0.1:3000/api/session", {
      origin: "https://paragraf.example.se",
      "x-forwarded-host": "paragraf.example.se",
      "x-forwarded-for": `2001:db8::${randomUUID().slice(0, 4)}`,
    });
    expect(proxied.status).toBe(401);
  });
});

describe("the CSRF cookie", () => {
  const csrfCookie = (res: Response) =>
    res.headers.getSetCookie().find((c) => c.startsWith("paragraf_csrf="));

  it("is not set on API answers or on pages without a form", async () => {
    const { app } = testApp(database, m.slug);
    expect(csrfCookie(await app.request("/api/assignments"))).toBeUndefined();
    expect(csrfCookie(await app.request("/api/finns-inte"))).toBeUndefined();
    expect(csrfCookie(await app.request("/api/openapi.json"))).toBeUndefined();
    expect(csrfCookie(await app.request("/organ"))).toBeUndefined();
  });

  it("is set with the login form, matches its token, and is not set again once the browser has it", async () => {
    const { app } = testApp(database, m.slug);
    const first = await app.request("/logga-in");
    const cookie = csrfCookie(first);
    expect(cookie).toMatch(/HttpOnly/);
    const token = cookie!.split(";")[0]!.split("=")[1]!;
    expect(await first.text()).toContain(`name="_csrf" value="${token}"`);
    const again = await app.request("/logga-in", { headers: { cookie: `paragraf_csrf=${token}` } });
    expect(csrfCookie(again)).toBeUndefined();
    expect(await again.text()).toContain(`value="${token}"`);
  });
});
