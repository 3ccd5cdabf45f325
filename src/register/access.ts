import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";

/**
 * Who may read secret register content: admin, and registrars and case officers for the case's responsible body
 * (or for every body). Everyone else sees the public register entry only.
 */
export interface SecretAccess {
  /** Access to every body's secret content. */
  all: boolean;
  /** Bodies whose secret content the reader may see. */
  bodyIds: string[];
}

export function secretAccess(actor: Actor | null): SecretAccess {
  if (!actor) return { all: false, bodyIds: [] };
  if (can(actor, "register:read_secret")) return { all: true, bodyIds: [] };
  const bodyIds = actor.grants
    .filter((g) => g.bodyId !== null && can(actor, "register:read_secret", g.bodyId))
    .map((g) => g.bodyId!);
  return { all: false, bodyIds: [...new Set(bodyIds)] };
}

/** True when the reader may see the secret content of a case with this responsible body. */
export function mayReadSecret(access: SecretAccess, responsibleBodyId: string | null): boolean {
  return access.all || (responsibleBodyId !== null && access.bodyIds.includes(responsibleBodyId));
}
