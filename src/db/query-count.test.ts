import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/support/db.js";
import { countQueries } from "../../test/support/queries.js";
import type { Database } from "./connect.js";
import { inTransaction } from "./transaction.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("counting statements", () => {
  it("sees every statement a transaction runs, and stops when told", async () => {
    const { queries } = await countQueries(database, () =>
      inTransaction(database.db, async (tx) => {
        await tx.execute("select 1");
        await tx.execute("select 2");
      }),
    );
    // begin, two selects, commit
    expect(queries).toBeGreaterThanOrEqual(2);
    expect(queries).toBeLessThanOrEqual(4);
    const after = await countQueries(database, async () => 0);
    expect(after.queries).toBe(0);
  });
});
