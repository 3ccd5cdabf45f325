import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/connect.js";
import { preparedOnce } from "../db/prepared.js";
import { municipality } from "../organisation/tables.js";
import type { Actor, RoleGrant } from "./actor.js";
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
  municipality: { id: string; name: string; slug: string };
}

const sessionStatement = preparedOnce((db) =>
  db
    .select({
      userId: appUser.id,
      displayName: appUser.displayName,
      email: appUser.email,
      csrfToken: userSession.csrfToken,
      municipality: { id: municipality.id, name: municipality.name, slug: municipality.slug },
      grants: sql<
        RoleGrant[]
      >`coalesce((select json_agg(json_build_object('role', g.role, 'bodyId', g.body_id))
        from ${roleGrant} g where g.user_id = ${appUser.id}), '[]'::json)`,
    })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .innerJoin(municipality, eq(municipality.id, appUser.municipalityId))
    .where(
      and(
        eq(userSession.id, sql.placeholder("sessionId")),
        gt(userSession.expiresAt, sql.placeholder("now")),
        isNull(appUser.disabledAt),
      ),
    )
    .prepare("resolve_session"),
);

/**
 * The actor behind a session cookie, or null when the session is unknown, expired or its user disabled.
 * One statement, user, roles and municipality together: it runs on every signed-in request.
 */
export async function resolveSession(db: Db, token: string): Promise<SessionInfo | null> {
  const [row] = await sessionStatement(db).execute({ sessionId: sessionId(token), now: new Date() });
  if (!row) return null;
  const grants = typeof row.grants === "string" ? (JSON.parse(row.grants) as RoleGrant[]) : row.grants;
  return {
    actor: { municipalityId: row.municipality.id, userId: row.userId, label: row.displayName, grants },
    csrfToken: row.csrfToken,
    email: row.email,
    municipality: row.municipality,
  };
}
