import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, isolatedDatabase, tx } from "../../test/support/db.js";
import { createParty } from "../organisation/parties.js";
import type { Database } from "./connect.js";
import { readDataVersion, untrackedTables } from "./data-version.js";

// A database of this file's own, so that no other test file's writes move the version while it is read.
let database: Database;
beforeAll(async () => {
  database = await isolatedDatabase();
});
afterAll(() => database.close());

describe("the data version", () => {
  it("is raised by every table a reader can be shown: a new table without the trigger fails here", async () => {
    const { rows } = (await database.db.execute(sql`
      select t.tablename as name,
             exists (select 1 from pg_trigger g
                     where g.tgrelid = (quote_ident(t.tablename))::regclass and g.tgname = 'data_version_bump') as tracked
      from pg_tables t where t.schemaname = current_schema() order by 1`)) as unknown as {
      rows: { name: string; tracked: boolean }[];
    };
    expect(rows.length).toBeGreaterThan(30);
    const untracked = new Set<string>(untrackedTables);
    // A name here needs `SELECT paragraf_track_changes('name');` in its migration or, if no reader is ever shown
    // it, a place in untrackedTables (src/db/data-version.ts) and in migration 0019's list.
    expect(rows.filter((t) => t.tracked === untracked.has(t.name)).map((t) => t.name)).toEqual([]);
  });

  it("moves once per committed transaction, however many rows it wrote, and not for a rollback", async () => {
    const m = await freshMunicipality(database);
    const parties = (names: string[]) => (t: Parameters<Parameters<typeof tx>[1]>[0]) =>
      names.reduce(
        (done, a) => done.then(() => createParty(t, m.system, { abbreviation: a, name: `Parti ${a}` })),
        Promise.resolve<unknown>(null),
      );
    const before = await readDataVersion(database.db);
    await tx(database, parties(["A", "B", "C"]));
    expect(await readDataVersion(database.db)).toBe(before + 1);
    await tx(database, async (t) => {
      await parties(["D"])(t);
      throw new Error("rolled back");
    }).catch(() => undefined);
    expect(await readDataVersion(database.db)).toBe(before + 1);
    await tx(database, parties(["E"]));
    expect(await readDataVersion(database.db)).toBe(before + 2);
  });
});
