import { and, eq, isNull, ne } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { mostAtOnce, type Term, termsOverlap } from "../domain/terms.js";
import "./errors.js";
import { findBody, findMembership, findPerson } from "./queries.js";
import type { MembershipInput } from "./schemas.js";
import { body, type MembershipRole, membership } from "./tables.js";

/** Roles that hold one of the body's ordinary seats (ordinarie ledamot); substitutes hold none. */
const ordinaryRoles: readonly MembershipRole[] = ["chair", "vice_chair", "member"];

function checkTerm(startsOn: string, endsOn: string | null | undefined) {
  if (endsOn && endsOn < startsOn)
    throw new DomainError("term_ends_before_start", { startsOn, endsOn }, "endsOn");
}

/**
 * Refuses a membership that would break the register's limits for its term: a body's ordinary members at one time
 * never exceed its seats, and it has one chair at a time. The body's row is locked first, so that two secretaries
 * adding members at once are counted one after the other. `exceptId` is the membership being changed.
 */
async function checkLimits(
  tx: Tx,
  municipalityId: string,
  m: { personId: string; bodyId: string; role: MembershipRole } & Term,
  exceptId?: string,
) {
  const [b] = await tx
    .select()
    .from(body)
    .where(and(eq(body.id, m.bodyId), eq(body.municipalityId, municipalityId)))
    .for("update");
  if (!b) throw new DomainError("body_not_found", {}, "bodyId");
  const others = (
    await tx
      .select()
      .from(membership)
      .where(
        and(
          eq(membership.bodyId, m.bodyId),
          isNull(membership.deletedAt),
          exceptId ? ne(membership.id, exceptId) : undefined,
        ),
      )
  ).filter((x) => termsOverlap(x, m));
  if (m.role === "chair") {
    const chair = others.find((x) => x.role === "chair");
    if (chair) {
      const who = await findPerson(tx, municipalityId, chair.personId);
      throw new DomainError(
        "second_chair",
        { body: b.name, person: who?.name ?? "", startsOn: chair.startsOn, endsOn: chair.endsOn },
        "role",
      );
    }
  }
  if (b.seats !== null && ordinaryRoles.includes(m.role)) {
    const seated = others.filter((x) => ordinaryRoles.includes(x.role) && x.personId !== m.personId);
    const most = mostAtOnce(seated, m);
    if (most.count + 1 > b.seats)
      throw new DomainError(
        "seats_full",
        { body: b.name, seats: b.seats, count: most.count, day: most.day },
        "bodyId",
      );
  }
}

/**
 * Gives a person a seat (or the chair) in a body for a term. Ordinary members never exceed the body's seats, and
 * the body has one chair at a time.
 */
export async function addMembership(tx: Tx, actor: Actor, input: MembershipInput) {
  authorize(actor, "organisation:write");
  if (!(await findPerson(tx, actor.municipalityId, input.personId)))
    throw new DomainError("person_not_found", {}, "personId");
  if (!(await findBody(tx, actor.municipalityId, input.bodyId)))
    throw new DomainError("body_not_found", {}, "bodyId");
  checkTerm(input.startsOn, input.endsOn);
  await checkLimits(tx, actor.municipalityId, {
    personId: input.personId,
    bodyId: input.bodyId,
    role: input.role,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
  });
  const [created] = await tx
    .insert(membership)
    .values({
      municipalityId: actor.municipalityId,
      personId: input.personId,
      bodyId: input.bodyId,
      role: input.role,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "membership.created",
    recordType: "membership",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Changes a membership's role or term (ending a term is setting its last day), within the same limits as adding one. */
export async function updateMembership(
  tx: Tx,
  actor: Actor,
  id: string,
  input: Partial<Pick<MembershipInput, "role" | "startsOn" | "endsOn">>,
) {
  authorize(actor, "organisation:write");
  const before = await findMembership(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("membership");
  const startsOn = input.startsOn ?? before.startsOn;
  const endsOn = input.endsOn === undefined ? before.endsOn : input.endsOn;
  checkTerm(startsOn, endsOn);
  await checkLimits(
    tx,
    actor.municipalityId,
    { personId: before.personId, bodyId: before.bodyId, role: input.role ?? before.role, startsOn, endsOn },
    id,
  );
  const [after] = await tx
    .update(membership)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(membership.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "membership.updated",
    recordType: "membership",
    recordId: id,
    before,
    after,
  });
  return after!;
}

/** Removes a membership recorded by mistake (a term that ended is ended with updateMembership instead). */
export async function deleteMembership(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "organisation:write");
  const before = await findMembership(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("membership");
  await tx.update(membership).set({ deletedAt: new Date() }).where(eq(membership.id, id));
  await recordAudit(tx, actor, {
    action: "membership.deleted",
    recordType: "membership",
    recordId: id,
    before,
  });
}
