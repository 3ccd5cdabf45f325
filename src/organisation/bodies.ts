import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { mostAtOnce } from "../domain/terms.js";
import "./errors.js";
import { findBody, findBodyBySlug, listChildBodies } from "./queries.js";
import type { BodyInput, BodyUpdate } from "./schemas.js";
import { body, membership, official } from "./tables.js";

// Use cases for bodies (organ). Each runs in the caller's transaction: load → authorize → check → write → audit.

async function checkSlugFree(tx: Tx, municipalityId: string, slug: string, exceptId?: string) {
  if (!slug) throw new DomainError("slug_empty", {}, "name");
  const existing = await findBodyBySlug(tx, municipalityId, slug);
  if (existing && existing.id !== exceptId) throw new DomainError("slug_taken", { slug }, "slug");
}

async function checkParent(
  tx: Tx,
  municipalityId: string,
  parentId: string | null | undefined,
  selfId?: string,
) {
  if (!parentId) return;
  let current = await findBody(tx, municipalityId, parentId);
  if (!current) throw new DomainError("parent_not_found", {}, "parentId");
  // Walk up: a body may not end up beneath itself.
  for (let depth = 0; current && depth < 50; depth++) {
    if (current.id === selfId) throw new DomainError("parent_cycle", {}, "parentId");
    current = current.parentId ? await findBody(tx, municipalityId, current.parentId) : undefined;
  }
}

/** A municipality has one council (KL 3 kap. 3 § (check)); a unique index holds it in the database too. */
async function checkOneCouncil(tx: Tx, municipalityId: string, kind: string, exceptId?: string) {
  if (kind !== "council") return;
  const [council] = await tx
    .select({ name: body.name })
    .from(body)
    .where(
      and(
        eq(body.municipalityId, municipalityId),
        eq(body.kind, "council"),
        isNull(body.deletedAt),
        exceptId ? ne(body.id, exceptId) : undefined,
      ),
    );
  if (council) throw new DomainError("second_council", { name: council.name }, "kind");
}

/** Seats may not fall below the ordinary members in office on any day from today on. */
async function checkSeatsHoldMembers(tx: Tx, b: { id: string; name: string }, seats: number) {
  const from = { startsOn: todayInStockholm(), endsOn: null };
  const terms = await tx
    .select({ personId: membership.personId, startsOn: membership.startsOn, endsOn: membership.endsOn })
    .from(membership)
    .where(
      and(
        eq(membership.bodyId, b.id),
        isNull(membership.deletedAt),
        inArray(membership.role, ["chair", "vice_chair", "member"]),
      ),
    );
  const most = mostAtOnce(terms, from);
  if (most.count > seats)
    throw new DomainError(
      "seats_below_members",
      { body: b.name, seats, count: most.count, day: most.day },
      "seats",
    );
}

/** Creates a body; its slug comes from the Swedish name unless given. One council per municipality. */
export async function createBody(tx: Tx, actor: Actor, input: BodyInput) {
  authorize(actor, "organisation:write");
  const slug = input.slug ?? slugify(input.name);
  await checkSlugFree(tx, actor.municipalityId, slug);
  await checkParent(tx, actor.municipalityId, input.parentId);
  await checkOneCouncil(tx, actor.municipalityId, input.kind);
  const [created] = await tx
    .insert(body)
    .values({
      municipalityId: actor.municipalityId,
      kind: input.kind,
      name: input.name,
      shortName: input.shortName ?? null,
      slug,
      parentId: input.parentId ?? null,
      openMeetings: input.openMeetings ?? input.kind === "council",
      seats: input.seats ?? null,
      email: input.email ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "body.created",
    recordType: "body",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Changes a body; only the fields given change. Still one council, and no fewer seats than members in office. */
export async function updateBody(tx: Tx, actor: Actor, id: string, input: BodyUpdate) {
  authorize(actor, "organisation:write");
  const before = await findBody(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("body");
  if (input.slug && input.slug !== before.slug) await checkSlugFree(tx, actor.municipalityId, input.slug, id);
  if (input.parentId !== undefined) await checkParent(tx, actor.municipalityId, input.parentId, id);
  if (input.kind) await checkOneCouncil(tx, actor.municipalityId, input.kind, id);
  if (input.seats) await checkSeatsHoldMembers(tx, before, input.seats);
  const { slug, ...rest } = input;
  const [after] = await tx
    .update(body)
    .set({ ...rest, ...(slug ? { slug } : {}), updatedAt: new Date() })
    .where(eq(body.id, id))
    .returning();
  await recordAudit(tx, actor, { action: "body.updated", recordType: "body", recordId: id, before, after });
  return after!;
}

/** Soft-deletes a body with its memberships and officials; one with live child bodies is refused. */
export async function deleteBody(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "organisation:write");
  const before = await findBody(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("body");
  const children = await listChildBodies(tx, actor.municipalityId, id);
  if (children.length > 0) throw new DomainError("body_has_children", { count: children.length });
  const now = new Date();
  await tx.update(body).set({ deletedAt: now }).where(eq(body.id, id));
  await tx
    .update(membership)
    .set({ deletedAt: now })
    .where(and(eq(membership.bodyId, id), isNull(membership.deletedAt)));
  await tx
    .update(official)
    .set({ deletedAt: now })
    .where(and(eq(official.bodyId, id), isNull(official.deletedAt)));
  await recordAudit(tx, actor, { action: "body.deleted", recordType: "body", recordId: id, before });
}
