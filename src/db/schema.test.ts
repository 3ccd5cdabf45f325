import { getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/support/db.js";
import type { Database } from "./connect.js";
import * as schema from "./schema.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("the query layer's schema", () => {
  it("matches the tables and columns the SQL migrations create", async () => {
    const rows = await database.exclusive((exec) =>
      exec(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()",
      ),
    );
    const columns = new Map<string, Map<string, boolean>>();
    for (const r of rows as { table_name: string; column_name: string; is_nullable: string }[]) {
      if (!columns.has(r.table_name)) columns.set(r.table_name, new Map());
      columns.get(r.table_name)!.set(r.column_name, r.is_nullable === "YES");
    }
    const tables = Object.values(schema).filter((v) => is(v, PgTable)) as PgTable[];
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const name = getTableName(table);
      const inDb = columns.get(name);
      expect(inDb, `table ${name} exists`).toBeDefined();
      const declared = Object.values(getTableColumns(table));
      expect(declared.map((c) => c.name).sort(), `columns of ${name}`).toEqual([...inDb!.keys()].sort());
      for (const c of declared)
        expect(inDb!.get(c.name), `nullability of ${name}.${c.name}`).toBe(!c.notNull);
    }
  });
});
