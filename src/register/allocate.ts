import { eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { auditStep, auditValues, isoTimestamp } from "../audit/record-audit.js";
import type { Db, Tx } from "../db/connect.js";
import { preparedOnce } from "../db/prepared.js";
import { numberCounter, registerCase } from "./tables.js";

/** A new case's values before it has a number: every column the caller sets, null where it has none. */
type CaseValues = Omit<
  typeof registerCase.$inferSelect,
  "sequence" | "number" | "status" | "closedOn" | "lastRecordSequence" | "createdAt" | "updatedAt"
>;

/**
 * The numbering statement: take the next value of the counter, insert the case with its number, write the
 * audit entry. Built once per database (see preparedOnce); every value is a placeholder.
 */
const numberedCaseStatement = preparedOnce((db) => {
  const p = (name: string) => sql.placeholder(name);
  const counter = db
    .$with("counter", { lastValue: sql<number>`last_value`.as("last_value") })
    .as(sql`UPDATE number_counter SET last_value = last_value + 1
      WHERE series_id = ${p("seriesId")} AND year = ${p("year")} RETURNING last_value`);
  const seq = sql`counter.last_value`;
  const created = db
    .$with("created", {
      sequence: sql<number>`sequence`.as("sequence"),
      number: sql<string>`number`.as("number"),
      createdMs: sql<number>`created_ms`.as("created_ms"),
    })
    .as(sql`INSERT INTO register_case (id, municipality_id, series_id, year, sequence, number, title,
        public_title, responsible_body_id, case_officer_id, origin_case_id, opened_on, secrecy_provision,
        secrecy_marked_on, secrecy_marked_by_id)
      SELECT ${p("id")}::uuid, ${p("municipalityId")}::uuid, ${p("seriesId")}::uuid, ${p("year")}::int, ${seq},
        ${p("head")}::text || CASE WHEN length(${seq}::text) < ${p("width")}::int
          THEN lpad(${seq}::text, ${p("width")}::int, '0') ELSE ${seq}::text END || ${p("tail")}::text,
        ${p("title")}, ${p("publicTitle")}, ${p("responsibleBodyId")}::uuid, ${p("caseOfficerId")}::uuid,
        ${p("originCaseId")}::uuid, ${p("openedOn")}::date, ${p("secrecyProvision")},
        ${p("secrecyMarkedOn")}::date, ${p("secrecyMarkedById")}::uuid
      FROM counter
      RETURNING id, sequence, number, created_at, updated_at,
        (extract(epoch FROM created_at) * 1000)::float8 AS created_ms`);
  const audit = db.$with("audit", {}).as(
    auditStep({
      action: "case.registered",
      recordType: "case",
      from: "created",
      columns: {
        sequence: sql`created.sequence`,
        number: sql`created.number`,
        createdAt: isoTimestamp(sql`created.created_at`),
        updatedAt: isoTimestamp(sql`created.updated_at`),
      },
    }),
  );
  return db
    .with(counter, created, audit)
    .select({ sequence: created.sequence, number: created.number, createdMs: created.createdMs })
    .from(created)
    .prepare("register_numbered_case");
});

/**
 * Takes the next sequence value of the series and year, inserts the case with its number and writes the audit
 * entry, all in one statement. The UPDATE locks the counter row until commit: concurrent registrations queue
 * behind it, and a rollback hands the value back, so the series stays gapless. Because nothing else happens in
 * the transaction after this statement, the row is locked for this statement and the commit only.
 *
 * The number is written as head + sequence (zero-padded to width) + tail, the split numberParts() makes of the
 * pattern. Returns null when the counter row for the year does not exist yet.
 */
export async function insertNumberedCase(
  db: Db,
  actor: Actor,
  values: CaseValues,
  parts: { head: string; tail: string; width: number },
): Promise<{ sequence: number; number: string; createdAt: Date } | null> {
  const [row] = await numberedCaseStatement(db).execute({
    ...parts,
    ...values,
    ...auditValues(actor, { ...values, status: "open", closedOn: null, lastRecordSequence: 0 }),
  });
  return row ? { sequence: row.sequence, number: row.number, createdAt: new Date(row.createdMs) } : null;
}

/** Creates the counter row of a series and year if it is missing. */
export async function ensureCounter(db: Db, seriesId: string, year: number): Promise<void> {
  await db.insert(numberCounter).values({ seriesId, year, lastValue: 0 }).onConflictDoNothing();
}

/** The next record number within a case, allocated the same way on the case row. */
export async function allocateRecordSequence(tx: Tx, caseId: string): Promise<number> {
  const [row] = await tx
    .update(registerCase)
    .set({ lastRecordSequence: sql`${registerCase.lastRecordSequence} + 1` })
    .where(eq(registerCase.id, caseId))
    .returning({ value: registerCase.lastRecordSequence });
  return row!.value;
}
