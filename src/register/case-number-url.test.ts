import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { createNumberSeries } from "./create-number-series.js";
import { registerNewCase } from "./register-case.js";
import { startSeriesAt } from "./start-series-at.js";

// A case number may hold "/" and spaces (2011/KS 0206). In a URL path the "/" is written %2F and the space %20, so
// the number stays one segment; in a query string it may be written as it is. README.md, "Integrating", says so.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("a case number with a slash in a URL", () => {
  it("finds 2011/KS 0206 at /diarium/2011%2FKS%200206 and at /api/cases?number=2011/KS 0206", async () => {
    const m = await freshMunicipality(database);
    const made = await tx(database, async (t) => {
      await createNumberSeries(t, m.system, { code: "KS", prefix: "KS", pattern: "{year}/{prefix} {seq:4}" });
      await startSeriesAt(t, m.system, { seriesCode: "KS", firstNumber: "2011/KS 0206" });
      return registerNewCase(t, m.system, {
        seriesCode: "KS",
        title: "Översyn av reglementen",
        openedOn: "2011-03-01",
      });
    });
    expect(made.number).toBe("2011/KS 0206");
    const { app } = testApp(database, m.slug);
    const client = new Client(app);

    const page = await client.get(`/diarium/${encodeURIComponent(made.number)}`);
    expect(encodeURIComponent(made.number)).toBe("2011%2FKS%200206");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Översyn av reglementen");

    for (const query of ["number=2011/KS 0206", "number=2011%2FKS%200206", "number=2011/KS+0206"]) {
      const res = await client.get(`/api/cases?${query}`);
      expect(res.status, query).toBe(200);
      expect(await res.json()).toMatchObject({ id: made.id, number: "2011/KS 0206" });
    }

    // Unencoded, the "/" splits the number into two segments, which is not a case page.
    expect((await client.get("/diarium/2011/KS%200206")).status).toBe(404);
  });
});
