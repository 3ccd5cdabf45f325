import { bigint, boolean, pgTable } from "drizzle-orm/pg-core";
import type { Db } from "./connect.js";
import { preparedOnce } from "./prepared.js";

/**
 * The one row whose number grows at the commit of every transaction that changed what a reader can see
 * (migration 0019). Two reads that see the same number saw the same data.
 */
export const dataVersion = pgTable("data_version", {
  onlyRow: boolean("only_row").primaryKey().default(true),
  version: bigint("version", { mode: "number" }).notNull(),
});

/**
 * Tables no reader is shown, so changing them leaves every page as it was: they carry no version trigger.
 * Every other table must (src/db/data-version.test.ts); a migration adding one calls
 * `SELECT paragraf_track_changes('its_name');`.
 */
export const untrackedTables = [
  "schema_migration",
  "data_version",
  "user_session",
  "login_throttle",
  "api_token",
  "audit_entry",
  // Rendered bytes of approved minutes' documents (migration 0020): derived from tracked tables, keyed by the
  // document's own hash, so keeping one changes nothing a reader sees and must not empty the page cache.
  "kept_document",
] as const;

const versionStatement = preparedOnce((db) =>
  db.select({ version: dataVersion.version }).from(dataVersion).prepare("paragraf_data_version"),
);

/** The data version now: one statement, prepared once per database. */
export async function readDataVersion(db: Db): Promise<number> {
  const [row] = await versionStatement(db).execute();
  return row?.version ?? 0;
}
