import { asc, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { appUser, roleGrant } from "./tables.js";

/** The municipality's accounts with their roles; never the password hash. */
export async function listUsers(tx: Tx, municipalityId: string) {
  const users = await tx
    .select({
      id: appUser.id,
      email: appUser.email,
      displayName: appUser.displayName,
      disabledAt: appUser.disabledAt,
    })
    .from(appUser)
    .where(eq(appUser.municipalityId, municipalityId))
    .orderBy(asc(appUser.displayName));
  const grants = await tx
    .select({ userId: roleGrant.userId, role: roleGrant.role, bodyId: roleGrant.bodyId })
    .from(roleGrant)
    .innerJoin(appUser, eq(appUser.id, roleGrant.userId))
    .where(eq(appUser.municipalityId, municipalityId));
  return users.map((u) => ({ ...u, grants: grants.filter((g) => g.userId === u.id) }));
}
