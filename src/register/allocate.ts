import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { numberCounter, registerCase } from "./tables.js";

/**
 * The next sequence value of a series and year, taken inside the caller's transaction. The counter row is
 * created on first use and then locked by the UPDATE until commit: concurrent registrations queue behind it,
 * and a rollback hands the value back, so the series stays gapless.
 */
export async function allocateSequence(tx: Tx, seriesId: string, year: number): Promise<number> {
  await tx.insert(numberCounter).values({ seriesId, year, lastValue: 0 }).onConflictDoNothing();
  const [row] = await tx
    .update(numberCounter)
    .set({ lastValue: sql`${numberCounter.lastValue} + 1` })
    .where(and(eq(numberCounter.seriesId, seriesId), eq(numberCounter.year, year)))
    .returning({ value: numberCounter.lastValue });
  return row!.value;
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
