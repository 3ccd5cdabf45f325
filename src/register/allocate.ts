import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { numberCounter, registerCase } from "./tables.js";

/**
 * The next sequence value of a series and year, taken inside the caller's transaction. The UPDATE locks the
 * counter row until commit: concurrent registrations queue behind it, and a rollback hands the value back, so
 * the series stays gapless. The row is created on first use.
 */
export async function allocateSequence(tx: Tx, seriesId: string, year: number): Promise<number> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await tx
      .update(numberCounter)
      .set({ lastValue: sql`${numberCounter.lastValue} + 1` })
      .where(and(eq(numberCounter.seriesId, seriesId), eq(numberCounter.year, year)))
      .returning({ value: numberCounter.lastValue });
    if (row) return row.value;
    await tx.insert(numberCounter).values({ seriesId, year, lastValue: 0 }).onConflictDoNothing();
  }
  throw new Error("number counter could not be created");
}

type CaseValues = Omit<typeof registerCase.$inferInsert, "sequence" | "number" | "id"> & { id: string };

/**
 * Takes the next sequence value and inserts the case with its number in one statement, so that the counter row
 * is locked for as short a time as possible: this statement, the audit entry and the commit. The number is
 * written as head + sequence (zero-padded to width) + tail, the split numberParts() makes of the pattern.
 * Returns null when the counter row for the year does not exist yet.
 */
export async function insertNumberedCase(
  tx: Tx,
  values: CaseValues,
  parts: { head: string; tail: string; width: number },
): Promise<{ sequence: number; number: string; createdAt: Date } | null> {
  const v = values;
  const seq = sql`counter.last_value`;
  const numberText = sql`${parts.head} || CASE WHEN length(${seq}::text) < ${parts.width}
    THEN lpad(${seq}::text, ${parts.width}, '0') ELSE ${seq}::text END || ${parts.tail}`;
  const result = (await tx.execute(sql`
    WITH counter AS (
      UPDATE number_counter SET last_value = last_value + 1
      WHERE series_id = ${v.seriesId} AND year = ${v.year}
      RETURNING last_value
    )
    INSERT INTO register_case (id, municipality_id, series_id, year, sequence, number, title, public_title,
      responsible_body_id, case_officer_id, origin_case_id, opened_on, secrecy_provision, secrecy_marked_on,
      secrecy_marked_by_id)
    SELECT ${v.id}, ${v.municipalityId}, ${v.seriesId}, ${v.year}, ${seq}, ${numberText}, ${v.title},
      ${v.publicTitle ?? null}, ${v.responsibleBodyId ?? null}, ${v.caseOfficerId ?? null},
      ${v.originCaseId ?? null}, ${v.openedOn}::date, ${v.secrecyProvision ?? null},
      ${v.secrecyMarkedOn ?? null}::date, ${v.secrecyMarkedById ?? null}
    FROM counter
    RETURNING sequence, number, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms`)) as unknown as {
    rows: { sequence: number; number: string; created_ms: number }[];
  };
  const row = result.rows[0];
  return row ? { sequence: row.sequence, number: row.number, createdAt: new Date(row.created_ms) } : null;
}

/** Creates the counter row of a series and year if it is missing. */
export async function ensureCounter(tx: Tx, seriesId: string, year: number): Promise<void> {
  await tx.insert(numberCounter).values({ seriesId, year, lastValue: 0 }).onConflictDoNothing();
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
