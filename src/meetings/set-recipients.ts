import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findPerson } from "../organisation/queries.js";
import { paragraphForWrite } from "./guards.js";
import { findBodiesByIds, listRecipients } from "./queries.js";
import type { RecipientsInput } from "./schemas.js";
import { recipient } from "./tables.js";

/**
 * Sets who the decision is sent to ("Beslutet skickas till"): bodies, persons, or recipients named in plain text
 * (with an e-mail address when the decision is to be mailed to them).
 */
export async function setRecipients(tx: Tx, actor: Actor, input: RecipientsInput) {
  const { paragraph: p } = await paragraphForWrite(tx, actor, input.paragraphId);
  const bodyIds = input.recipients.flatMap((r) => (r.bodyId ? [r.bodyId] : []));
  if ((await findBodiesByIds(tx, actor.municipalityId, bodyIds)).length !== new Set(bodyIds).size)
    throw new DomainError("body_not_found", {}, "recipients");
  const names = new Map<string, string>();
  for (const r of input.recipients) {
    if (!r.personId) continue;
    const found = await findPerson(tx, actor.municipalityId, r.personId);
    if (!found) throw new DomainError("person_not_found", {}, "recipients");
    names.set(found.id, found.name);
  }
  const before = await listRecipients(tx, p.id);
  await tx.delete(recipient).where(eq(recipient.paragraphId, p.id));
  const after =
    input.recipients.length === 0
      ? []
      : await tx
          .insert(recipient)
          .values(
            input.recipients.map((r, i) => ({
              paragraphId: p.id,
              position: i + 1,
              bodyId: r.bodyId ?? null,
              label: r.label ?? (r.personId ? names.get(r.personId)! : null),
              email: r.email ?? null,
              personId: r.personId ?? null,
            })),
          )
          .returning();
  await recordAudit(tx, actor, {
    action: "recipients.set",
    recordType: "paragraph",
    recordId: p.id,
    before,
    after,
  });
  return after;
}
