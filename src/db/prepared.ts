import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "./connect.js";

/**
 * A statement built once per database and executed many times, for the few that run on nearly every request.
 * The query builder does its work once instead of per call, and on a PostgreSQL server the statement is named,
 * so each connection parses and plans it once. `build` gets the database and returns drizzle's prepared query
 * (`….prepare(name)`, values as `sql.placeholder`); the name must be unique in Paragraf.
 *
 * Inside a transaction the statement is built on the transaction, every time: a statement prepared on the
 * database would run on another connection, outside it.
 */
export function preparedOnce<P>(build: (db: Db) => P): (db: Db) => P {
  const byDatabase = new WeakMap<Db, P>();
  return (db) => {
    if (is(db, PgTransaction)) return build(db);
    let statement = byDatabase.get(db);
    if (!statement) {
      statement = build(db);
      byDatabase.set(db, statement);
    }
    return statement;
  };
}
