import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { dayOf, isDateOutOfRange, isDayInRange } from "../domain/dates-range.js";
import { bodyLimits, hasForbiddenCharacter, takesFiles } from "./hostile-input.js";

let database: Database;
let m: TestMunicipality;
let app: ReturnType<typeof testApp>["app"];
let admin: Client;

beforeAll(async () => {
  database = await testDatabase();
  m = await freshMunicipality(database);
  app = testApp(database, m.slug).app;
  const user = await buildUser(database, m.system);
  admin = new Client(app);
  await admin.logIn(user.email, user.password);
});
afterAll(() => database.close());

async function auditCount(): Promise<number> {
  const result = (await database.db.execute(
    sql`select count(*)::int as n from audit_entry where municipality_id = ${m.id}`,
  )) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]!.n);
}

describe("the shared date range", () => {
  it("takes 1900-01-01 to 2199-12-31 and refuses what PostgreSQL or the calendar cannot", () => {
    expect(isDayInRange("1900-01-01")).toBe(true);
    expect(isDayInRange("2199-12-31")).toBe(true);
    expect(isDayInRange("1899-12-31")).toBe(false);
    expect(isDayInRange("2200-01-01")).toBe(false);
    for (const text of ["0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "+275760-09-13"])
      expect(isDateOutOfRange(text)).toBe(true);
    expect(isDateOutOfRange("2026-01-22T17:00:00+01:00")).toBe(false);
    expect(isDateOutOfRange("9999-12-31T00:00:00Z")).toBe(true);
    // Only a text that is a date: a title that mentions one is a title.
    expect(dayOf("Beslut 0001-01-01 om budget")).toBeNull();
    expect(dayOf("STK-2024-1374")).toBeNull();
  });
});

describe("text PostgreSQL cannot store", () => {
  it("is a NUL or half a surrogate pair, and nothing else", () => {
    expect(hasForbiddenCharacter("a\u0000b")).toBe(true);
    expect(hasForbiddenCharacter("\ud800")).toBe(true);
    expect(hasForbiddenCharacter("x\udc00")).toBe(true);
    expect(hasForbiddenCharacter("🏛️ Rådhuset ǅ \u202e")).toBe(false);
  });
});

describe("hostile input the tester found", () => {
  it("answers NUL, lone surrogates and broken percent-encoding in addresses with 400, never 500", async () => {
    for (const path of [
      "/diarium?q=%00",
      "/diarium/%00",
      "/protokoll/%00/2026/8",
      "/diarium?q=%ED%A0%80",
      "/diarium?q=%ZZ",
      "/organ/%E0%A4%A",
    ]) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html, path).toContain('<html lang="sv">');
      expect(html, path).toMatch(/nolltecken|procentkodning/);
    }
    const api = await admin.get("/api/cases?number=%00");
    expect(api.status).toBe(400);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
    expect(await api.json()).toMatchObject({ code: "forbidden_character", errors: [{ field: "number" }] });
  });

  it("refuses NUL and lone surrogates in JSON bodies, naming the field, and writes nothing", async () => {
    const before = await auditCount();
    for (const [path, json, field] of [
      ["/api/persons", { name: "Anna\u0000" }, "name"],
      ["/api/bodies", { kind: "committee", name: "Nämnd \ud800" }, "name"],
      [
        "/api/cases",
        { seriesCode: "KS", title: "t", openedOn: "2026-01-01", secrecy: { provision: "\u0000" } },
        "secrecy.provision",
      ],
    ] as const) {
      const res = await admin.request("POST", path, { json });
      expect(res.status, path).toBe(400);
      const problem = await res.json();
      expect(problem.code).toBe("forbidden_character");
      expect(problem.errors).toEqual([{ field, message: expect.stringContaining("nolltecken") }]);
    }
    expect(await auditCount()).toBe(before);
  });

  it("refuses dates outside 1900–2199 wherever they come, before the database sees them", async () => {
    const before = await auditCount();
    for (const day of ["0000-01-01", "0001-01-01", "9999-12-31"]) {
      const res = await admin.request("POST", "/api/persons", { json: { name: "Ny person", note: day } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        code: "date_out_of_range",
        detail: "Datumet måste ligga mellan 1900-01-01 och 2199-12-31.",
      });
    }
    expect(await auditCount()).toBe(before);
  });

  it("refuses a form with a NUL with a Swedish error page, before the CSRF check reads it", async () => {
    const token = await admin.csrfFrom("/");
    const res = await admin.request("POST", "/partier/ny", {
      form: { _csrf: token, name: "Parti\u0000", abbreviation: "P" },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("nolltecken");
  });

  it("refuses a session cookie that decodes to a NUL instead of looking it up", async () => {
    const res = await app.request("/api/bodies", { headers: { cookie: "paragraf_session=%00abc" } });
    expect(res.status).toBe(400);
  });

  it("answers malformed multipart with 400, not 500", async () => {
    const res = await app.request("/partier/ny", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", cookie: admin.cookieHeader() },
      body: "inte multipart alls",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("kunde inte läsas");
  });
});

describe("PostgreSQL's input errors", () => {
  it("answer 400 with a Swedish message, and a fault in the code still answers 500", async () => {
    const { app: probe, logLines } = testApp(database, m.slug);
    const cases: [string, () => Promise<unknown>, number, string][] = [
      ["uuid", () => database.db.execute(sql`select ${"abc"}::uuid`), 400, "value_not_accepted"],
      ["date", () => database.db.execute(sql`select ${"0000-01-01"}::date`), 400, "date_not_accepted"],
      ["int", () => database.db.execute(sql`select ${"99999999999"}::int`), 400, "number_out_of_range"],
      ["nul", () => database.db.execute(sql`select ${"a\u0000b"}::text`), 400, "text_not_accepted"],
      ["fault", () => database.db.execute(sql`select * from no_such_table`), 500, "internal"],
    ];
    for (const [name, run] of cases) {
      probe.get(`/api/probe-${name}`, async () => {
        await run();
        return new Response("unreachable");
      });
    }
    for (const [name, , status, code] of cases) {
      const res = await probe.request(`/api/probe-${name}`);
      expect(res.status, name).toBe(status);
      const problem = await res.json();
      expect(problem.code, name).toBe(code);
      expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+|select/);
    }
    // Logged as a warning with its SQLSTATE, so a fault that looks like bad input can still be found.
    const warned = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === "database refused input");
    expect(warned.map((l) => l.err.code).sort()).toEqual(["22003", "22008", "22021", "22P02"]);
  });
});

/** A body of `size` bytes of JSON, produced as it is read, with a count of how much of it was read. */
function streamedJson(size: number) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced === 0) {
        controller.enqueue(new TextEncoder().encode('{"title":"'));
        produced += 10;
      } else if (produced < size) {
        controller.enqueue(chunk);
        produced += chunk.byteLength;
      } else {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      }
    },
  });
  return { stream, read: () => produced };
}

describe("request bodies", () => {
  it("refuses an anonymous 20 MB JSON body with 413 after reading no more than the limit", async () => {
    const body = streamedJson(20 * 1024 * 1024);
    const res = await app.request("/api/cases", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      code: "request_too_large",
      detail: "Begäran är för stor. Största tillåtna storlek är 1 MB.",
    });
    // Read up to the limit and one chunk past it (plus what the stream had queued), not the 20 MB.
    expect(body.read()).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the limit without reading the body, through a real server", async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    const size = 20 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, "x");
    const post = (chunked: boolean) =>
      new Promise<{ status: number; sent: number; text: string }>((resolve, reject) => {
        const headers: Record<string, string | number> = { "content-type": "application/json" };
        if (!chunked) headers["content-length"] = size;
        const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/api/cases", headers });
        let sent = 0;
        let answered = false;
        req.on("response", (res) => {
          answered = true;
          let text = "";
          res.on("data", (d) => {
            text += d;
          });
          res.on("end", () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, sent, text });
          });
        });
        req.on("error", (error) => {
          if (!answered) reject(error);
        });
        const write = () => {
          while (!answered && sent < size) {
            sent += chunk.byteLength;
            if (!req.write(chunk)) return req.once("drain", write);
          }
          if (!answered) req.end();
        };
        write();
      });

    const memory = () => {
      const u = process.memoryUsage();
      return u.heapUsed + u.arrayBuffers;
    };
    (globalThis as { gc?: () => void }).gc?.();
    const before = memory();
    const results = await Promise.all([post(false), post(false), post(true), post(true)]);
    const after = memory();
    server.close();
    for (const r of results) {
      expect(r.status).toBe(413);
      expect(r.text).toContain("för stor");
    }
    const grownMb = (after - before) / 1024 / 1024;
    console.info(
      `four anonymous 20 MB posts: answered 413 after the client had written ${results
        .map((r) => (r.sent / 1024 / 1024).toFixed(1))
        .join(", ")} MB; heap and buffers grew ${grownMb.toFixed(1)} MB`,
    );
    // Four bodies of 20 MB read into memory would be 80 MB; refused before reading, they leave little behind.
    expect(grownMb).toBeLessThan(20);
  });

  it("gives the routes that take files the file limit, and every other route the JSON limit", async () => {
    expect(takesFiles("/api/records")).toBe(true);
    expect(takesFiles("/api/records/0d1c2b3a-0000-4000-8000-000000000000/files")).toBe(true);
    expect(takesFiles("/diarium/KS-2026-12/handlingar/ny")).toBe(true);
    expect(takesFiles("/api/cases")).toBe(false);
    expect(takesFiles("/diarium/KS-2026-12/handlingar/ny/extra")).toBe(false);

    const limits = bodyLimits({ PARAGRAF_MAX_JSON_KB: "64", PARAGRAF_MAX_FILE_MB: "2" });
    expect(limits).toEqual({
      body: 64 * 1024,
      upload: 2 * 1024 * 1024 + 64 * 1024,
      uploadJson: Math.ceil((2 * 1024 * 1024 * 4) / 3) + 64 * 1024,
    });
    expect(bodyLimits({ PARAGRAF_MAX_JSON_KB: "nej" }).body).toBe(1024 * 1024);

    // A 3 MB file as base64 passes the limit on /api/records (25 MB by default), and is refused on /api/cases.
    const files = [{ name: "a.txt", mediaType: "text/plain", contentBase64: "eA==".repeat(1024 * 1024) }];
    const record = await admin.request("POST", "/api/records", { json: { caseId: "x", files } });
    expect(record.status).toBe(400);
    expect((await record.json()).code).toBe("invalid_input");
    const other = await admin.request("POST", "/api/cases", { json: { files } });
    expect(other.status).toBe(413);
  });
});
