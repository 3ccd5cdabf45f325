import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { systemActor } from "./actor.js";
import { installationAdminRole, roleGrant } from "./tables.js";

/**
 * Makes an account an installation admin: it may create municipalities and set their hosts. Only the operator
 * grants it, from the command line (paragraf user add --installation-admin); no page or API route does, so a
 * municipality's admin cannot make itself one.
 */
export async function grantInstallationAdmin(
  tx: Tx,
  user: { id: string; municipalityId: string },
  label: string,
) {
  const held = await tx
    .select({ id: roleGrant.id })
    .from(roleGrant)
    .where(and(eq(roleGrant.userId, user.id), eq(roleGrant.role, installationAdminRole)));
  if (held.length > 0) return;
  await tx.insert(roleGrant).values({ userId: user.id, role: installationAdminRole, bodyId: null });
  await recordAudit(tx, systemActor(user.municipalityId, label), {
    action: "user.installation_admin_granted",
    recordType: "user",
    recordId: user.id,
    after: { role: installationAdminRole },
  });
}
