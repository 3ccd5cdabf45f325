import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { type AreaKind, area } from "./tables.js";

export interface AreaInput {
  externalId: string;
  name: string;
  kind?: AreaKind;
}

/** Adds an area to the municipality's register, or renames the one with the same external id. */
export async function saveArea(tx: Tx, actor: Actor, input: AreaInput, field = "") {
  authorize(actor, "reserve:write");
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const [before] = await tx
    .select()
    .from(area)
    .where(and(eq(area.municipalityId, actor.municipalityId), eq(area.externalId, input.externalId)));
  const [namesake] = await tx
    .select()
    .from(area)
    .where(and(eq(area.municipalityId, actor.municipalityId), eq(area.name, input.name)));
  if (namesake && namesake.id !== before?.id)
    throw new DomainError("area_name_taken", { name: input.name }, at("name"));
  const values = { name: input.name, kind: input.kind ?? "district" };
  // Read back unchanged (an export imported again): nothing to write, nothing to audit.
  if (before && before.name === values.name && before.kind === values.kind) return before;
  const [saved] = before
    ? await tx.update(area).set(values).where(eq(area.id, before.id)).returning()
    : await tx
        .insert(area)
        .values({ municipalityId: actor.municipalityId, externalId: input.externalId, ...values })
        .returning();
  await recordAudit(tx, actor, {
    action: before ? "area.updated" : "area.added",
    recordType: "area",
    recordId: saved!.id,
    before,
    after: saved,
  });
  return saved!;
}

/** The municipality's areas, by name. */
export function listAreas(tx: Tx, municipalityId: string) {
  return tx.select().from(area).where(eq(area.municipalityId, municipalityId)).orderBy(area.name);
}
