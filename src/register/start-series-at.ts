import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatNumber, parseNumber } from "../domain/numbering.js";
import { findSeriesByCode } from "./queries.js";
import type { SeriesStartInput } from "./schemas.js";
import { numberCounter } from "./tables.js";

/**
 * Sets where a series continues in a year when Paragraf takes over from an earlier register: after this,
 * the next case gets firstNumber (STK-2024-1374 sets the STK 2024 counter to 1373). Refused when Paragraf has
 * already given a number at or above it, since that number would come twice.
 */
export async function startSeriesAt(tx: Tx, actor: Actor, input: SeriesStartInput) {
  authorize(actor, "organisation:write");
  const series = await findSeriesByCode(tx, actor.municipalityId, input.seriesCode);
  if (!series) throw new DomainError("series_not_found", { code: input.seriesCode }, "seriesCode");
  const parsed = parseNumber(series.pattern, series.prefix, input.firstNumber);
  if (!parsed)
    throw new DomainError(
      "number_malformed",
      { number: input.firstNumber, example: formatNumber(series.pattern, series.prefix, 2024, 1374) },
      "firstNumber",
    );
  await tx
    .insert(numberCounter)
    .values({ seriesId: series.id, year: parsed.year, lastValue: 0 })
    .onConflictDoNothing();
  const [counter] = await tx
    .select()
    .from(numberCounter)
    .where(and(eq(numberCounter.seriesId, series.id), eq(numberCounter.year, parsed.year)))
    .for("update");
  const lastValue = parsed.sequence - 1;
  if (counter!.lastValue > lastValue)
    throw new DomainError(
      "series_start_below_given",
      {
        number: input.firstNumber,
        given: formatNumber(series.pattern, series.prefix, parsed.year, counter!.lastValue),
      },
      "firstNumber",
    );
  const [after] = await tx
    .update(numberCounter)
    .set({ lastValue })
    .where(and(eq(numberCounter.seriesId, series.id), eq(numberCounter.year, parsed.year)))
    .returning();
  await recordAudit(tx, actor, {
    action: "number_series.started",
    recordType: "number_series",
    recordId: series.id,
    before: counter,
    after: { ...after, firstNumber: input.firstNumber },
  });
  return { seriesId: series.id, year: parsed.year, nextNumber: input.firstNumber };
}
