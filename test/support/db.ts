import { randomUUID } from "node:crypto";
import { type Actor, systemActor } from "../../src/accounts/actor.js";
import { connect, type Database, type Tx } from "../../src/db/connect.js";
import { migrate } from "../../src/db/migrate.js";
import { inTransaction } from "../../src/db/transaction.js";
import { createMunicipality } from "../../src/organisation/create-municipality.js";

/**
 * The database a test file runs against: a fresh in-memory PGlite, migrated, or the PostgreSQL server at
 * DATABASE_URL (migrated by the global setup). Tests isolate themselves by creating their own municipality.
 */
export async function testDatabase(): Promise<Database> {
  const database = await connect({ url: process.env.DATABASE_URL });
  await migrate(database);
  return database;
}

export interface TestMunicipality {
  id: string;
  slug: string;
  name: string;
  /** Paragraf itself, with every right in this municipality. */
  system: Actor;
}

/** A municipality of the test's own, so that no test sees another's data. */
export async function freshMunicipality(database: Database, name = "Testkommun"): Promise<TestMunicipality> {
  const slug = `test-${randomUUID().slice(0, 8)}`;
  const m = await inTransaction(database.db, (tx) => createMunicipality(tx, { name, slug }));
  return { id: m.id, slug, name, system: systemActor(m.id, "Test") };
}

export function tx<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(database.db, fn);
}

/**
 * A database of the test's own, for tests that need the whole installation (the example, with its fixed slug):
 * a new in-memory PGlite, or a new database on the server at DATABASE_URL, dropped again by the returned close.
 */
export async function isolatedDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await connect();
    await migrate(database);
    return database;
  }
  const name = `paragraf_t_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = await connect({ url });
  await admin.exec(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await connect({ url: target.toString() });
  await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    },
  };
}
