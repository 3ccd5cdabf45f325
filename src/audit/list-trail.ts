import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { auditEntry } from "./tables.js";

/** A record's audit trail, oldest first; admins only. */
export async function listTrail(tx: Tx, actor: Actor | null, recordType: string, recordId: string) {
  authorize(actor, "audit:read");
  return tx
    .select()
    .from(auditEntry)
    .where(
      and(
        eq(auditEntry.municipalityId, actor.municipalityId),
        eq(auditEntry.recordType, recordType),
        eq(auditEntry.recordId, recordId),
      ),
    )
    .orderBy(asc(auditEntry.id));
}
