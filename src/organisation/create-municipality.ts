import { systemActor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { findMunicipalityBySlug } from "./queries.js";
import { municipality } from "./tables.js";

export interface MunicipalityInput {
  name: string;
  slug?: string;
  organisationNumber?: string;
}

/** Creates a municipality: the owner of everything else. Done by an operator, so the actor is the system. */
export async function createMunicipality(tx: Tx, input: MunicipalityInput) {
  const slug = input.slug ?? slugify(input.name);
  if (await findMunicipalityBySlug(tx, slug)) throw new DomainError("municipality_exists", { slug });
  const [created] = await tx
    .insert(municipality)
    .values({ name: input.name, slug, organisationNumber: input.organisationNumber ?? null })
    .returning();
  await recordAudit(tx, systemActor(created!.id), {
    action: "municipality.created",
    recordType: "municipality",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
