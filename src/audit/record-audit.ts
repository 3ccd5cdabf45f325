import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { auditEntry } from "./tables.js";

export interface AuditInput {
  action: string;
  recordType: string;
  recordId: string;
  before?: unknown;
  after?: unknown;
}

// Credentials never reach the trail, whoever passes them in: passwords and password hashes, session and CSRF
// tokens, API and private keys, client secrets. A key is judged by the words of its name (passwordHash is
// "password hash", csrf_token is "csrf token"), not by whether the letters "secret" occur in it: a vote's
// `secret` (true when the ballot was secret) and a register entry's secrecy marking are facts the trail keeps.
// The trail is read by admins only, who may read secrecy-marked register content too, so a secret case's
// title stays in its trail: what it was before a change is exactly what the trail is for.
const credentialWords = new Set([
  "password",
  "passwd",
  "passphrase",
  "token",
  "tokens",
  "credential",
  "credentials",
]);
const credentialPairs = new Set(["api key", "private key", "secret key", "client secret"]);

/** The lower-case words of a key: "passwordHash" and "password_hash" are both ["password", "hash"]. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a value under this key is a credential, which the trail must not keep. */
export function isCredential(key: string, value: unknown): boolean {
  const w = words(key);
  if (w.some((x) => credentialWords.has(x))) return true;
  if (w.at(-1) === "hash") return true;
  if (w.slice(1).some((x, i) => credentialPairs.has(`${w[i]} ${x}`))) return true;
  // "secret" names a credential when it holds one (a shared secret, a TOTP secret); as a yes or no it is a fact.
  return w.includes("secret") && typeof value !== "boolean" && value !== null && value !== undefined;
}

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k, v]) => !isCredential(k, v))
        .map(([k, v]) => [k, redact(v)]),
    );
  }
  return value;
}

/** Writes the audit entry for a change, in the transaction of the change itself. */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.insert(auditEntry).values({
    municipalityId: actor.municipalityId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    recordType: input.recordType,
    recordId: input.recordId,
    before: redact(input.before),
    after: redact(input.after),
  });
}

/** A timestamp column as the trail writes dates: ISO 8601 in UTC with milliseconds, as Date.toISOString(). */
export const isoTimestamp = (column: SQL) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The audit entry of a row that an earlier step of the same statement inserts, as one more step of that
 * statement (a data-modifying WITH query). The entry commits with the row, and costs no round trip of its own:
 * what matters where a lock is held from the statement until the commit. The statement takes the placeholders
 * that auditValues() fills: who acts, and `after` as far as the caller knows it. `columns` adds what only the
 * database knows until then (a number, a timestamp), read from the step named `from`, whose id becomes the
 * entry's record id.
 */
export function auditStep(input: {
  action: string;
  recordType: string;
  from: string;
  columns: Record<string, SQL>;
}): SQL {
  if (!/^[a-z_]+$/.test(input.from)) throw new Error(`not a step name: ${input.from}`);
  const from = sql.raw(input.from);
  const added = sql.join(
    Object.entries(input.columns).map(([key, value]) => sql`${key}::text, ${value}`),
    sql`, `,
  );
  return sql`INSERT INTO audit_entry
      (municipality_id, actor_user_id, actor_label, action, record_type, record_id, after)
    SELECT ${sql.placeholder("auditMunicipalityId")}::uuid, ${sql.placeholder("auditActorUserId")}::uuid,
      ${sql.placeholder("auditActorLabel")}, ${input.action}, ${input.recordType}, ${from}.id::text,
      ${sql.placeholder("auditAfter")}::jsonb || jsonb_build_object(${added})
    FROM ${from}`;
}

/** The values of auditStep's placeholders: the actor, and the row as the caller knows it, redacted. */
export function auditValues(actor: Actor, after: Record<string, unknown>) {
  return {
    auditMunicipalityId: actor.municipalityId,
    auditActorUserId: actor.userId,
    auditActorLabel: actor.label,
    auditAfter: JSON.stringify(redact(after)),
  };
}
