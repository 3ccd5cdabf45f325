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

// Secret material never reaches the trail, whoever passes it in.
const secretKeys = /password|token|secret|hash$/i;

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !secretKeys.test(k))
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
