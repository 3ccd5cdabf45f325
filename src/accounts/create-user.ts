import { sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import type { Actor } from "./actor.js";
import { hashPassword } from "./passwords.js";
import { authorize } from "./policy.js";
import { UserInput } from "./schemas.js";
import { appUser, roleGrant } from "./tables.js";

/** Creates a local account with its roles. Only an admin may (the first admin comes from the command line). */
export async function createUser(tx: Tx, actor: Actor, rawInput: UserInput) {
  authorize(actor, "users:manage");
  const input = UserInput.parse(rawInput);
  const taken = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(sql`lower(${appUser.email}) = lower(${input.email})`);
  if (taken.length > 0) throw new DomainError("email_taken", {}, "email");
  for (const grant of input.grants) {
    if (grant.bodyId && !(await findBody(tx, actor.municipalityId, grant.bodyId))) {
      throw new DomainError("body_not_found", {}, "grants");
    }
  }
  const passwordHash = await hashPassword(input.password);
  const [created] = await tx
    .insert(appUser)
    .values({
      municipalityId: actor.municipalityId,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
    })
    .returning({ id: appUser.id, email: appUser.email, displayName: appUser.displayName });
  if (input.grants.length > 0) {
    await tx
      .insert(roleGrant)
      .values(input.grants.map((g) => ({ userId: created!.id, role: g.role, bodyId: g.bodyId })));
  }
  const user = { ...created!, grants: input.grants };
  await recordAudit(tx, actor, {
    action: "user.created",
    recordType: "user",
    recordId: user.id,
    after: user,
  });
  return user;
}
