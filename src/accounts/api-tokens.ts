import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Db, Tx } from "../db/connect.js";
import { preparedOnce } from "../db/prepared.js";
import { stockholmDay, stockholmInstant, todayInStockholm } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { municipality } from "../organisation/tables.js";
import type { Actor } from "./actor.js";
import { authorize } from "./policy.js";
import { apiToken } from "./tables.js";
import { ApiTokenInput } from "./token-schemas.js";
import "./token-errors.js";

// An integration's key. The token is 32 random bytes, so its SHA-256 is as good as a slow password hash would be
// and costs nothing per request. The prefix makes a leaked key recognisable in logs and secret scanners.
const prefix = "prg_";

export function apiTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The label an API key's requests carry in the audit trail. */
export function apiTokenLabel(name: string): string {
  return `API-nyckel: ${name}`;
}

/** Creates a key; the token is returned this once and only its hash is stored. Only an admin may. */
export async function createApiToken(tx: Tx, actor: Actor, rawInput: ApiTokenInput) {
  authorize(actor, "users:manage");
  const input = ApiTokenInput.parse(rawInput);
  const roles = [...new Set(input.roles)];
  const bodyId = input.bodyId ?? null;
  // An admin may do everything whatever the body, so a body-scoped admin key would not be scoped at all.
  if (bodyId && roles.includes("admin")) throw new DomainError("token_admin_for_body", {}, "roles");
  if (bodyId && !(await findBody(tx, actor.municipalityId, bodyId)))
    throw new DomainError("body_not_found", {}, "bodyId");
  if (input.expiresOn && input.expiresOn < todayInStockholm())
    throw new DomainError("token_expiry_past", {}, "expiresOn");
  const token = prefix + randomBytes(32).toString("base64url");
  const [created] = await tx
    .insert(apiToken)
    .values({
      municipalityId: actor.municipalityId,
      name: input.name,
      tokenHash: apiTokenHash(token),
      roles,
      bodyId,
      // Valid through the last day, Stockholm time: until the next day begins.
      expiresAt: input.expiresOn ? new Date(stockholmInstant(nextDay(input.expiresOn), "00:00")) : null,
      createdBy: actor.userId,
    })
    .returning();
  const shown = presentToken(created!);
  await recordAudit(tx, actor, {
    action: "api_token.created",
    recordType: "api_token",
    recordId: created!.id,
    after: shown,
  });
  return { ...shown, token };
}

/** Revokes a key of the actor's municipality at once; its next request is refused. */
export async function revokeApiToken(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "users:manage");
  const [before] = await tx
    .select()
    .from(apiToken)
    .where(and(eq(apiToken.id, id), eq(apiToken.municipalityId, actor.municipalityId)))
    .for("update");
  if (!before) throw new DomainError("not_found", { what: "api_token" });
  if (before.revokedAt) throw new DomainError("token_already_revoked");
  const [after] = await tx
    .update(apiToken)
    .set({ revokedAt: new Date() })
    .where(eq(apiToken.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "api_token.revoked",
    recordType: "api_token",
    recordId: id,
    before: presentToken(before),
    after: presentToken(after!),
  });
  return presentToken(after!);
}

/** The municipality's keys, newest first, never their hashes. */
export async function listApiTokens(tx: Tx, municipalityId: string) {
  const rows = await tx
    .select()
    .from(apiToken)
    .where(eq(apiToken.municipalityId, municipalityId))
    .orderBy(desc(apiToken.createdAt));
  return rows.map(presentToken);
}

/** A key as the API and the admin's page show it: no hash. */
export function presentToken(row: typeof apiToken.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles,
    bodyId: row.bodyId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export interface TokenSession {
  actor: Actor;
  municipality: { id: string; name: string; slug: string };
}

const tokenStatement = preparedOnce((db) =>
  db
    .select({
      id: apiToken.id,
      name: apiToken.name,
      roles: apiToken.roles,
      bodyId: apiToken.bodyId,
      expiresAt: apiToken.expiresAt,
      revokedAt: apiToken.revokedAt,
      municipality: { id: municipality.id, name: municipality.name, slug: municipality.slug },
    })
    .from(apiToken)
    .innerJoin(municipality, eq(municipality.id, apiToken.municipalityId))
    .where(eq(apiToken.tokenHash, sql.placeholder("hash")))
    .prepare("resolve_api_token"),
);

/**
 * The actor behind an `Authorization: Bearer` key, in one statement. It acts with the key's roles in the key's
 * municipality, each role for the key's body only when the key has one. Unknown, revoked or expired keys throw
 * a 401 with a Swedish message, so nothing is read or written on their behalf.
 */
export async function resolveApiToken(db: Db, token: string, now = new Date()): Promise<TokenSession> {
  const [row] = token.startsWith(prefix)
    ? await tokenStatement(db).execute({ hash: apiTokenHash(token) })
    : [];
  if (!row || row.revokedAt) throw new DomainError("token_invalid");
  const expiresAt = row.expiresAt ? new Date(row.expiresAt) : null;
  if (expiresAt && expiresAt <= now)
    throw new DomainError("token_expired", {
      name: row.name,
      day: stockholmDay(new Date(expiresAt.getTime() - 1)),
    });
  const roles = typeof row.roles === "string" ? parseTextArray(row.roles) : row.roles;
  return {
    actor: {
      municipalityId: row.municipality.id,
      userId: null,
      label: apiTokenLabel(row.name),
      grants: roles.map((role) => ({ role, bodyId: row.bodyId })),
    },
    municipality: row.municipality,
  };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// A prepared statement on some drivers hands a text[] back in its literal form: {registrar,case_officer}.
function parseTextArray(literal: string): typeof apiToken.$inferSelect.roles {
  return literal
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean) as typeof apiToken.$inferSelect.roles;
}
