import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/support/db.js";
import { municipality } from "../organisation/tables.js";
import type { Database } from "./connect.js";
import { preparedOnce } from "./prepared.js";
import { inTransaction } from "./transaction.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const bySlug = preparedOnce((db) =>
  db
    .select({ name: municipality.name })
    .from(municipality)
    .where(eq(municipality.slug, sql.placeholder("slug")))
    .prepare("test_municipality_by_slug"),
);

describe("preparedOnce", () => {
  it("builds a statement once per database and runs it with new values each time", async () => {
    expect(bySlug(database.db)).toBe(bySlug(database.db));
    expect(await bySlug(database.db).execute({ slug: "finns-inte" })).toEqual([]);
  });

  it("runs inside the caller's transaction: it sees what the transaction wrote and nothing survives a rollback", async () => {
    const slug = `prep-${Date.now()}`;
    const seen = await inTransaction(database.db, async (tx) => {
      await tx.insert(municipality).values({ name: "Förberedd kommun", slug });
      const rows = await bySlug(tx).execute({ slug });
      throw Object.assign(new Error("rollback"), { rows });
    }).catch((error: { rows?: unknown }) => error.rows);
    expect(seen).toEqual([{ name: "Förberedd kommun" }]);
    expect(await bySlug(database.db).execute({ slug })).toEqual([]);
  });
});
