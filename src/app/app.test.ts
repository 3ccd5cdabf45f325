import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("the app", () => {
  it("answers /health once it can serve", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const res = await app.request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers an unexpected fault with 500 and a request id, logs it as JSON, and shows no stack trace", async () => {
    const m = await freshMunicipality(database);
    const { app, logLines } = testApp(database, m.slug);
    app.get("/api/test-fault", () => {
      throw new Error("database password=hunter2 exploded");
    });
    app.get("/test-fault", () => {
      throw new Error("database password=hunter2 exploded");
    });
    const api = await new Client(app).get("/api/test-fault");
    expect(api.status).toBe(500);
    const problem = await api.json();
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(problem.detail).toContain(problem.requestId);
    expect(JSON.stringify(problem)).not.toContain("hunter2");
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+/);

    const page = await new Client(app).get("/test-fault");
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toContain("Något gick fel");
    expect(html).not.toContain("hunter2");

    const logged = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "unexpected error" && l.requestId === problem.requestId);
    expect(logged.err.message).toContain("exploded");
    expect(logged.err.stack).toMatch(/^\s+at /);
  });

  it("keeps a failed query's parameters and a violated key's values out of the log", async () => {
    const m = await freshMunicipality(database);
    const { app, logLines } = testApp(database, m.slug);
    app.get("/api/test-query-fault", async () => {
      // A real database error through the query layer, with a secret value among its parameters. (A fault in
      // the code: an error in the value itself, such as 'text'::int, is the request's and answers 400.)
      await database.db.execute(
        sql`select * from no_such_table where name = ${"Hemlig uppgift om en enskild"}`,
      );
      return new Response("unreachable");
    });
    const res = await app.request("/api/test-query-fault");
    expect(res.status).toBe(500);
    const log = logLines.join("\n");
    expect(log).toContain("unexpected error");
    expect(log).not.toContain("Hemlig uppgift");
  });

  it("answers unknown paths with 404 in the client's language: problem JSON for the API, a page otherwise", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const api = await app.request("/api/finns-inte");
    expect(api.status).toBe(404);
    expect((await api.json()).detail).toBe("Det du söker finns inte.");
    const page = await app.request("/finns-inte");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<html lang="sv">');
  });

  it("answers malformed JSON with a Swedish 400 and writes nothing", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const res = await app.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{inte json",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toContain("ogiltig JSON");
  });

  it("logs each request as one JSON line without query strings or cookies", async () => {
    const m = await freshMunicipality(database);
    const { app, logLines } = testApp(database, m.slug);
    await app.request("/organ?q=hemlig-sökning", { headers: { cookie: "paragraf_session=abc123secret" } });
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "request" && l.path === "/organ");
    expect(line).toMatchObject({ method: "GET", status: 200 });
    expect(logLines.join("\n")).not.toContain("hemlig-sökning");
    expect(logLines.join("\n")).not.toContain("abc123secret");
  });
});
