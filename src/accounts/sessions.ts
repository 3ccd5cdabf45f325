import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import type { Actor } from "./actor.js";
import { appUser, roleGrant, userSession } from "./tables.js";

const sessionLifetimeMs = 12 * 60 * 60 * 1000;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session; the token goes in the cookie, only its hash is stored. */
export async function startSession(tx: Tx, userId: string): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await tx.delete(userSession).where(lt(userSession.expiresAt, new Date()));
  await tx.insert(userSession).values({
    id: sessionId(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + sessionLifetimeMs),
  });
  return { token, csrfToken };
}

export async function endSession(tx: Tx, token: string): Promise<void> {
  await tx.delete(userSession).where(eq(userSession.id, sessionId(token)));
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  email: string;
}

/** The actor behind a session cookie, or null when the session is unknown, expired or its user disabled. */
export async function resolveSession(tx: Tx, token: string): Promise<SessionInfo | null> {
  const [row] = await tx
    .select({
      userId: appUser.id,
      municipalityId: appUser.municipalityId,
      displayName: appUser.displayName,
      email: appUser.email,
      csrfToken: userSession.csrfToken,
    })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .where(
      and(
        eq(userSession.id, sessionId(token)),
        gt(userSession.expiresAt, new Date()),
        isNull(appUser.disabledAt),
      ),
    );
  if (!row) return null;
  const grants = await tx
    .select({ role: roleGrant.role, bodyId: roleGrant.bodyId })
    .from(roleGrant)
    .where(eq(roleGrant.userId, row.userId));
  return {
    actor: { municipalityId: row.municipalityId, userId: row.userId, label: row.displayName, grants },
    csrfToken: row.csrfToken,
    email: row.email,
  };
}
