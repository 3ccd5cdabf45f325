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
