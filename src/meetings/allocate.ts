import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { paragraphCounter } from "./tables.js";

/**
 * The next paragraph number of a body in a calendar year, taken inside the caller's transaction. The counter row
 * is created on first use and then locked by the UPDATE until commit: concurrent secretaries queue behind it, and
 * a rollback hands the number back, so numbers run without gaps and are never used twice.
 */
export async function allocateParagraphNumber(tx: Tx, bodyId: string, year: number): Promise<number> {
  await tx.insert(paragraphCounter).values({ bodyId, year, lastValue: 0 }).onConflictDoNothing();
  const [row] = await tx
    .update(paragraphCounter)
    .set({ lastValue: sql`${paragraphCounter.lastValue} + 1` })
    .where(and(eq(paragraphCounter.bodyId, bodyId), eq(paragraphCounter.year, year)))
    .returning({ value: paragraphCounter.lastValue });
  return row!.value;
}

/** The last number given out for a body and year, locking the counter row; 0 before the first. */
export async function lastParagraphNumber(tx: Tx, bodyId: string, year: number): Promise<number> {
  await tx.insert(paragraphCounter).values({ bodyId, year, lastValue: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ value: paragraphCounter.lastValue })
    .from(paragraphCounter)
    .where(and(eq(paragraphCounter.bodyId, bodyId), eq(paragraphCounter.year, year)))
    .for("update");
  return row!.value;
}
