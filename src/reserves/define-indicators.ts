import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { unitNames, unitProblem } from "../domain/follow-up.js";
import type { IndicatorInput } from "./schemas.js";
import { indicator } from "./tables.js";

/** Refuses an indicator whose baseline or target does not fit its unit, or whose target is its baseline. */
export function checkIndicator(input: IndicatorInput, field: string) {
  for (const key of ["baseline", "target"] as const) {
    const rule = unitProblem(input.unit, input[key]);
    if (rule)
      throw new DomainError(
        "indicator_value_wrong_unit",
        { name: input.name, unit: unitNames[input.unit], rule },
        `${field}.${key}`,
      );
  }
  if (input.baseline === input.target)
    throw new DomainError("indicator_target_is_baseline", {}, `${field}.target`);
}

/**
 * Saves a call-off's indicator by its external id: a new one is added after the others, one already there is
 * updated. The caller has authorized and locked the call-off.
 */
export async function saveIndicator(
  tx: Tx,
  actor: Actor,
  callOffId: string,
  input: IndicatorInput,
  field: string,
  existing: (typeof indicator.$inferSelect)[],
) {
  checkIndicator(input, field);
  const values = {
    name: input.name,
    unit: input.unit,
    baseline: input.baseline,
    target: input.target,
    source: input.source,
    weight: input.weight ?? 1,
  };
  const same = existing.find((i) => i.externalId === input.externalId);
  // Read back unchanged (an export imported again): nothing to write, nothing to audit.
  if (same && (Object.keys(values) as (keyof typeof values)[]).every((k) => same[k] === values[k]))
    return same;
  if (same) {
    const [updated] = await tx
      .update(indicator)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(indicator.id, same.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "indicator.updated",
      recordType: "indicator",
      recordId: same.id,
      before: same,
      after: updated,
    });
    return updated!;
  }
  const [elsewhere] = await tx
    .select({ id: indicator.id })
    .from(indicator)
    .where(
      and(eq(indicator.municipalityId, actor.municipalityId), eq(indicator.externalId, input.externalId)),
    );
  if (elsewhere)
    throw new DomainError(
      "external_id_taken",
      { externalId: input.externalId, what: "en indikator i ett annat avrop" },
      `${field}.externalId`,
    );
  const position = existing.reduce((max, i) => Math.max(max, i.position), 0) + 1;
  const [created] = await tx
    .insert(indicator)
    .values({
      municipalityId: actor.municipalityId,
      externalId: input.externalId,
      callOffId,
      position,
      ...values,
    })
    .returning();
  existing.push(created!);
  await recordAudit(tx, actor, {
    action: "indicator.added",
    recordType: "indicator",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
