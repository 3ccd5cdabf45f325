import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { auditEntry } from "./tables.js";

// A record type is a word (case, record, paragraph); an id is a UUID or another short key without control
// characters, which the database could not even compare.
const recordTypePattern = /^[a-z_]{1,40}$/;
const recordIdPattern = /^[^\p{Cc}\s]{1,100}$/u;

/** A record's audit trail, oldest first; admins only. A blank or malformed key is refused, not looked up. */
export async function listTrail(tx: Tx, actor: Actor | null, recordType: string, recordId: string) {
  authorize(actor, "audit:read");
  if (!recordTypePattern.test(recordType) || !recordIdPattern.test(recordId))
    throw new DomainError("audit_key_invalid");
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
