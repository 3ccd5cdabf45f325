import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "./connect.js";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));

/** The migration files, in the order they are applied. */
export function migrationFiles(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(migrationsDir + name, "utf8") }));
}

/**
 * Applies the migrations not yet applied, each in its own transaction.
 * Several processes may start at once against one server: an advisory lock lets one migrate at a time.
 */
export async function migrate(database: Database): Promise<string[]> {
  return database.exclusive(async (exec) => {
    await exec(
      "CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const rows = (await exec("SELECT name FROM schema_migration")) as { name: string }[];
    const applied = new Set(rows.map((r) => r.name));
    const done: string[] = [];
    for (const file of migrationFiles()) {
      if (applied.has(file.name)) continue;
      const name = file.name.replaceAll("'", "''");
      try {
        await exec(`BEGIN;\n${file.sql}\n;INSERT INTO schema_migration (name) VALUES ('${name}');\nCOMMIT;`);
      } catch (error) {
        await exec("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`);
      }
      done.push(file.name);
    }
    return done;
  });
}
