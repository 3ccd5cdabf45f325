import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { openDurablePglite } from "./durable-pglite.js";
import { type FolderLock, lockFolder } from "./folder-lock.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** An open database: the typed query layer plus the raw access migrations and benchmarks need. */
export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** Runs SQL that may hold several statements, with no parameters. */
  exec(sqlText: string): Promise<void>;
  /** Runs fn with the database to itself (an advisory lock on a server; PGlite has one connection). */
  exclusive<T>(fn: (exec: (sqlText: string) => Promise<unknown[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Calls listener with the SQL of every statement run through `db` until the returned function is called. */
  onQuery(listener: (sqlText: string) => void): () => void;
  /** The PGlite instance itself, for backups (dumpDataDir); absent on a server. */
  pglite?: PGlite;
}

export interface ConnectOptions {
  /** postgres://… — when set, a PostgreSQL server is used. */
  url?: string;
  /**
   * Folder for PGlite's data; omitted means in memory (tests). The folder is locked while it is open: a second
   * process opening it gets FolderInUseError (src/db/folder-lock.ts). Commits are written to disk (fsync).
   */
  dataDir?: string;
}

// int8 counts come back as strings from pg by default; Paragraf's counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// Dates stay the plain ISO strings they are in Swedish documents (2026-01-22), never shifted by time zone.
pg.types.setTypeParser(1082, (v) => v);

const migrationLockKey = 742_017_725;

/** Drizzle's logger, turned into a fan-out to listeners: tests count the statements a read runs with it. */
function queryListeners() {
  const listeners = new Set<(sqlText: string) => void>();
  return {
    logger: {
      logQuery(query: string) {
        for (const l of listeners) l(query);
      },
    },
    onQuery(listener: (sqlText: string) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Opens PGlite (embedded) or a PostgreSQL server when a URL is given. */
export async function connect(options: ConnectOptions = {}): Promise<Database> {
  if (options.url) return connectServer(options.url);
  return connectEmbedded(options.dataDir);
}

async function connectServer(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PARAGRAF_DB_POOL ?? 20) });
  await pool.query("select 1");
  const queries = queryListeners();
  const db = drizzlePg(pool, { schema, logger: queries.logger }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    onQuery: queries.onQuery,
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [migrationLockKey]);
        try {
          return await fn(async (sqlText) => (await client.query(sqlText)).rows);
        } finally {
          await client.query("select pg_advisory_unlock($1)", [migrationLockKey]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function connectEmbedded(dataDir?: string): Promise<Database> {
  let lock: FolderLock | null = null;
  let client: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockFolder(dataDir);
    try {
      client = await openDurablePglite(dataDir);
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    client = new PGlite();
    await client.waitReady;
  }
  const queries = queryListeners();
  const db = drizzlePglite(client, { schema, logger: queries.logger }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    onQuery: queries.onQuery,
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    async exclusive(fn) {
      return fn(async (sqlText) => {
        const results = await client.exec(sqlText);
        return results.at(-1)?.rows ?? [];
      });
    },
    pglite: client,
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
