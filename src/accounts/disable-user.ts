import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { defineErrors } from "../http/errors.js";
import type { Actor } from "./actor.js";
import { authorize } from "./policy.js";
import { appUser, userSession } from "./tables.js";

// An account that must no longer be used — someone who has left, a password that may be known — is disabled,
// not deleted: its name stays in the audit trail. A disabled account cannot log in (log-in.ts), its sessions are
// ended here and would be refused anyway (sessions.ts). API keys are the municipality's, not an account's: they
// keep working until they are revoked on their own.

defineErrors({
  user_not_found: { status: 404, text: () => "Kontot finns inte." },
  user_disable_self: {
    status: 409,
    text: () => "Du kan inte stänga av ditt eget konto. Be en annan administratör göra det.",
  },
});

async function loadUser(tx: Tx, actor: Actor, userId: string) {
  authorize(actor, "users:manage");
  const [user] = await tx
    .select({ id: appUser.id, email: appUser.email, disabledAt: appUser.disabledAt })
    .from(appUser)
    .where(and(eq(appUser.id, userId), eq(appUser.municipalityId, actor.municipalityId)))
    .for("update");
  if (!user) throw new DomainError("user_not_found");
  return user;
}

/** Disables an account and ends its sessions. Disabling a disabled account changes nothing. */
export async function disableUser(tx: Tx, actor: Actor, userId: string) {
  const user = await loadUser(tx, actor, userId);
  if (user.id === actor.userId) throw new DomainError("user_disable_self");
  if (user.disabledAt) return { id: user.id, email: user.email, disabled: true };
  await tx.update(appUser).set({ disabledAt: new Date() }).where(eq(appUser.id, user.id));
  const ended = await tx
    .delete(userSession)
    .where(eq(userSession.userId, user.id))
    .returning({ id: userSession.id });
  await recordAudit(tx, actor, {
    action: "user.disabled",
    recordType: "user",
    recordId: user.id,
    before: { disabled: false },
    after: { disabled: true, sessionsEnded: ended.length },
  });
  return { id: user.id, email: user.email, disabled: true };
}

/** Lets a disabled account log in again. */
export async function enableUser(tx: Tx, actor: Actor, userId: string) {
  const user = await loadUser(tx, actor, userId);
  if (!user.disabledAt) return { id: user.id, email: user.email, disabled: false };
  await tx.update(appUser).set({ disabledAt: null }).where(eq(appUser.id, user.id));
  await recordAudit(tx, actor, {
    action: "user.enabled",
    recordType: "user",
    recordId: user.id,
    before: { disabled: true },
    after: { disabled: false },
  });
  return { id: user.id, email: user.email, disabled: false };
}
