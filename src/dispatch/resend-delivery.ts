import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { parseMailAddress } from "../domain/email.js";
import { DomainError } from "../domain/errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { deliverJobKind, deliverKey } from "./job-kinds.js";
import { statusLabel } from "./present.js";
import { lockDelivery, updateDelivery } from "./queries.js";

/**
 * Sends a failed or bounced delivery again, as a new round with its own job and Message-ID. A body's address is
 * read again, so a corrected address is used; the outgoing record stays the one registered at dispatch.
 */
export async function resendDelivery(tx: Tx, actor: Actor, deliveryId: string) {
  const found = await lockDelivery(tx, actor.municipalityId, deliveryId);
  if (!found) throw new DomainError("delivery_not_found");
  authorize(actor, "meeting:write", found.paragraphBodyId);
  const before = found.delivery;
  if (before.status !== "failed" && before.status !== "bounced")
    throw new DomainError("delivery_not_resendable", {
      name: before.name,
      status: statusLabel[before.status],
    });
  const given = before.bodyId ? (found.bodyEmail ?? before.address) : before.address;
  const address = given ? parseMailAddress(given) : null;
  if (!address)
    throw new DomainError("recipient_address_invalid", { name: before.name, address: given ?? "" });
  const round = before.round + 1;
  const [after] = await updateDelivery(tx, before.id, {
    status: "queued",
    address,
    round,
    attempts: 0,
    lastError: null,
    smtpResponse: null,
    sentAt: null,
    bouncedAt: null,
  });
  await enqueueJob(tx, {
    municipalityId: actor.municipalityId,
    kind: deliverJobKind,
    payload: { deliveryId: before.id },
    idempotencyKey: deliverKey(before.id, round),
  });
  await recordAudit(tx, actor, {
    action: "dispatch.resent",
    recordType: "dispatch_delivery",
    recordId: before.id,
    before,
    after,
  });
  return after!;
}
