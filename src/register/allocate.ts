import { eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { auditStep, isoTimestamp } from "../audit/record-audit.js";
import type { Db, Tx } from "../db/connect.js";
import { numberCounter, registerCase } from "./tables.js";

type CaseValues = Omit<typeof registerCase.$inferInsert, "sequence" | "number" | "id"> & { id: string };

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
  const v = values;
  const seq = sql`counter.last_value`;
  const numberText = sql`${parts.head} || CASE WHEN length(${seq}::text) < ${parts.width}
    THEN lpad(${seq}::text, ${parts.width}, '0') ELSE ${seq}::text END || ${parts.tail}`;
  const audit = auditStep(actor, {
    action: "case.registered",
    recordType: "case",
    from: "created",
    after: { ...v, status: "open", closedOn: null, lastRecordSequence: 0 },
    columns: {
      sequence: sql`created.sequence`,
      number: sql`created.number`,
      createdAt: isoTimestamp(sql`created.created_at`),
      updatedAt: isoTimestamp(sql`created.updated_at`),
    },
  });
  const result = (await db.execute(sql`
    WITH counter AS (
      UPDATE number_counter SET last_value = last_value + 1
      WHERE series_id = ${v.seriesId} AND year = ${v.year}
      RETURNING last_value
    ), created AS (
      INSERT INTO register_case (id, municipality_id, series_id, year, sequence, number, title, public_title,
        responsible_body_id, case_officer_id, origin_case_id, opened_on, secrecy_provision, secrecy_marked_on,
        secrecy_marked_by_id)
      SELECT ${v.id}, ${v.municipalityId}, ${v.seriesId}, ${v.year}, ${seq}, ${numberText}, ${v.title},
        ${v.publicTitle ?? null}, ${v.responsibleBodyId ?? null}, ${v.caseOfficerId ?? null},
        ${v.originCaseId ?? null}, ${v.openedOn}::date, ${v.secrecyProvision ?? null},
        ${v.secrecyMarkedOn ?? null}::date, ${v.secrecyMarkedById ?? null}
      FROM counter
      RETURNING id, sequence, number, created_at, updated_at
    ), audit AS (${audit})
    SELECT sequence, number, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
    FROM created`)) as unknown as {
    rows: { sequence: number; number: string; created_ms: number }[];
  };
  const row = result.rows[0];
  return row ? { sequence: row.sequence, number: row.number, createdAt: new Date(row.created_ms) } : null;
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
