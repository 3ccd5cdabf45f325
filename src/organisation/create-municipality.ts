import { eq } from "drizzle-orm";
import { type Actor, systemActor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { findMunicipalityByHost, findMunicipalityBySlug } from "./queries.js";
import { MunicipalityHostUpdate, MunicipalityInput } from "./schemas.js";
import { municipality } from "./tables.js";
import "./errors.js";

export type { MunicipalityInput } from "./schemas.js";

/**
 * Creates a municipality: the owner of everything else. Given an actor (the API), only an installation admin
 * may; without one it is the operator at the command line, the example loader or a test, and the trail says
 * Paragraf did it. The audit entry belongs to the new municipality.
 */
export async function createMunicipality(tx: Tx, rawInput: MunicipalityInput, actor?: Actor) {
  if (actor) authorize(actor, "installation:manage");
  const input = MunicipalityInput.parse(rawInput);
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw new DomainError("slug_empty", {}, "name");
  if (await findMunicipalityBySlug(tx, slug)) throw new DomainError("municipality_exists", { slug }, "slug");
  if (input.host) await ensureHostFree(tx, input.host, null);
  const [created] = await tx
    .insert(municipality)
    .values({
      name: input.name,
      slug,
      organisationNumber: input.organisationNumber ?? null,
      host: input.host ?? null,
    })
    .returning();
  await recordAudit(tx, auditActor(actor, created!.id), {
    action: "municipality.created",
    recordType: "municipality",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Sets or clears the host name a municipality's public site answers at. */
export async function setMunicipalityHost(
  tx: Tx,
  id: string,
  rawInput: MunicipalityHostUpdate,
  actor?: Actor,
) {
  if (actor) authorize(actor, "installation:manage");
  const { host } = MunicipalityHostUpdate.parse(rawInput);
  const [before] = await tx.select().from(municipality).where(eq(municipality.id, id)).for("update");
  if (!before) throw new DomainError("not_found", { what: "municipality" });
  if (host) await ensureHostFree(tx, host, id);
  const [after] = await tx
    .update(municipality)
    .set({ host, updatedAt: new Date() })
    .where(eq(municipality.id, id))
    .returning();
  await recordAudit(tx, auditActor(actor, id), {
    action: "municipality.host_set",
    recordType: "municipality",
    recordId: id,
    before: { host: before.host },
    after: { host: after!.host },
  });
  return after!;
}

async function ensureHostFree(tx: Tx, host: string, ownId: string | null) {
  const holder = await findMunicipalityByHost(tx, host);
  if (holder && holder.id !== ownId) throw new DomainError("host_taken", { host, name: holder.name }, "host");
}

// The trail is kept per municipality: an installation admin's change is written into the trail of the
// municipality it changed, under the admin's own name.
function auditActor(actor: Actor | undefined, municipalityId: string): Actor {
  return actor ? { ...actor, municipalityId } : systemActor(municipalityId);
}
