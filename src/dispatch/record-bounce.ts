import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findDeliveriesByMessageId, updateDelivery } from "./queries.js";

export interface BounceInput {
  /** The Message-ID of the returned mail, as the delivery status notification quotes it, with or without <>. */
  messageId: string;
  /** What the notification says, e.g. "550 5.1.1 mailbox unavailable". */
  reason: string;
}

/**
 * Records that a sent extract came back undeliverable (a delivery status notification, RFC 3464, read by the
 * mail gateway or by a person): the delivery is bounced and may be resent. Unknown Message-IDs are refused.
 */
export async function recordBounce(tx: Tx, actor: Actor, input: BounceInput) {
  const id = input.messageId.trim();
  const messageId = id.startsWith("<") ? id : `<${id}>`;
  const found = await findDeliveriesByMessageId(tx, actor.municipalityId, messageId);
  if (found.length === 0) throw new DomainError("delivery_not_found", {}, "messageId");
  const changed = [];
  for (const { delivery, paragraphBodyId } of found) {
    authorize(actor, "meeting:write", paragraphBodyId);
    if (delivery.status !== "sent") continue;
    const [after] = await updateDelivery(tx, delivery.id, {
      status: "bounced",
      bouncedAt: new Date(),
      lastError: `Studsade: ${input.reason}`.slice(0, 500),
    });
    await recordAudit(tx, actor, {
      action: "dispatch.bounced",
      recordType: "dispatch_delivery",
      recordId: delivery.id,
      before: delivery,
      after,
    });
    changed.push(after!);
  }
  return changed;
}
