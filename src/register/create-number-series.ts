import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { patternProblem } from "../domain/numbering.js";
import { findBody } from "../organisation/queries.js";
import type { NumberSeriesInput } from "./schemas.js";
import { numberSeries } from "./tables.js";

/** Creates a number series for case numbers, with its pattern (see src/domain/numbering.ts). */
export async function createNumberSeries(tx: Tx, actor: Actor, input: NumberSeriesInput) {
  authorize(actor, "organisation:write");
  const problem = patternProblem(input.pattern);
  if (problem) throw new DomainError(`pattern_${problem}`, { pattern: input.pattern }, "pattern");
  const [taken] = await tx
    .select({ id: numberSeries.id })
    .from(numberSeries)
    .where(and(eq(numberSeries.municipalityId, actor.municipalityId), eq(numberSeries.code, input.code)));
  if (taken) throw new DomainError("series_code_taken", { code: input.code }, "code");
  if (input.ownerBodyId && !(await findBody(tx, actor.municipalityId, input.ownerBodyId))) {
    throw new DomainError("body_not_found", {}, "ownerBodyId");
  }
  const [created] = await tx
    .insert(numberSeries)
    .values({
      municipalityId: actor.municipalityId,
      code: input.code,
      prefix: input.prefix,
      pattern: input.pattern,
      ownerBodyId: input.ownerBodyId ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "number_series.created",
    recordType: "number_series",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
