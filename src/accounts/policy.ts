import { DomainError } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AccountRole, installationAdminRole } from "./tables.js";

/**
 * What an actor may do in its municipality, and which roles give it. Admin may do everything there; managing the
 * installation (creating municipalities, setting their hosts) is not within one municipality, so it takes the
 * installation admin role and no other.
 */
const permissions = {
  "organisation:write": [],
  "users:manage": [],
  "audit:read": [],
  "register:write": ["registrar"],
  "case:handle": ["registrar", "case_officer"],
  "register:read_secret": ["registrar", "case_officer"],
  "meeting:write": ["secretary"],
  "member:act": ["member"],
  "assignment:write": ["registrar", "case_officer", "secretary"],
  "consultation:write": ["registrar", "case_officer", "secretary"],
  "reserve:write": ["registrar", "case_officer"],
} satisfies Record<string, AccountRole[]>;

export type Permission = keyof typeof permissions | "installation:manage";

/** True when one of the actor's grants gives the permission, for every body or for this one. */
export function can(actor: Actor | null, permission: Permission, bodyId?: string | null): boolean {
  if (!actor) return false;
  if (permission === "installation:manage") return actor.grants.some((g) => g.role === installationAdminRole);
  const allowed: readonly AccountRole[] = permissions[permission];
  return actor.grants.some(
    (g) =>
      g.role === "admin" ||
      (allowed.includes(g.role) && (g.bodyId === null || (bodyId != null && g.bodyId === bodyId))),
  );
}

/** Throws unless the actor may; an anonymous visitor is told to sign in, a signed-in one that it is not allowed. */
export function authorize(
  actor: Actor | null,
  permission: Permission,
  bodyId?: string | null,
): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated");
  if (!can(actor, permission, bodyId)) throw new DomainError("forbidden", { permission });
}
