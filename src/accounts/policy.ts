import { DomainError } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import type { Role } from "./tables.js";

/** What an actor may do, and which roles give it. Admin may do everything. */
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
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof permissions;

/** True when one of the actor's grants gives the permission, for every body or for this one. */
export function can(actor: Actor | null, permission: Permission, bodyId?: string | null): boolean {
  if (!actor) return false;
  const allowed: readonly Role[] = permissions[permission];
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
