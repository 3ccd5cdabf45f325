import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { parseMailAddress } from "../domain/email.js";
import { DomainError } from "../domain/errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { paragraphView } from "../meetings/read-minutes.js";
import type { FileStore } from "../register/file-store.js";
import { registerRecord } from "../register/register-record.js";
import { extractFileName, extractSubject, extractText } from "./extract.js";
import { deliverJobKind, deliverKey } from "./job-kinds.js";
import { findDispatchOfParagraph, listRecipientAddresses, lockParagraphForDispatch } from "./queries.js";
import { dispatchReadiness } from "./ready.js";
import { dispatch, dispatchDelivery } from "./tables.js";

export interface DispatchInput {
  /** The day of dispatch, the outgoing records' date; today in Stockholm when omitted. */
  dispatchedOn?: string;
}

/**
 * Dispatches a paragraph's decision (expediering): the extract to every recipient of "Beslutet skickas till",
 * each registered as an outgoing record in the case (OSL 5 kap. 1 §), by e-mail to those with an address and
 * as an internal delivery to the rest. Every address is checked before anything is written. The mail goes out
 * after commit through the outbox, one job per recipient; nothing is sent from here.
 */
export async function dispatchParagraph(
  tx: Tx,
  actor: Actor,
  paragraphId: string,
  input: DispatchInput = {},
  store?: FileStore,
) {
  const p = await lockParagraphForDispatch(tx, actor.municipalityId, paragraphId);
  if (!p) throw new DomainError("paragraph_unknown", {}, "paragraphId");
  authorize(actor, "meeting:write", p.bodyId);
  const readiness = await dispatchReadiness(tx, actor.municipalityId, p.id);
  if (!readiness.ready) throw new DomainError(`dispatch_${readiness.reason}`);
  const earlier = await findDispatchOfParagraph(tx, actor.municipalityId, p.id);
  if (earlier) throw new DomainError("already_dispatched", { date: earlier.dispatchedOn });
  const recipients = await listRecipientAddresses(tx, p.id);
  if (recipients.length === 0) throw new DomainError("dispatch_no_recipients");
  // The extract as the public reads it: it leaves the municipality.
  const view = (await paragraphView(tx, actor.municipalityId, p.id))!;
  const planned = recipients.map((r, i) => {
    const name = view.recipients[i] || r.label || "";
    const given = r.email ?? r.personEmail ?? r.bodyEmail;
    const address = given ? parseMailAddress(given) : null;
    if (given && !address)
      throw new DomainError("recipient_address_invalid", { name, address: given }, "recipients");
    return { ...r, name, address };
  });

  const dispatchedOn = input.dispatchedOn ?? stockholmDay(new Date());
  const text = extractText(view);
  const [created] = await tx
    .insert(dispatch)
    .values({
      municipalityId: actor.municipalityId,
      paragraphId: p.id,
      dispatchedOn,
      dispatchedBy: actor.label,
      subject: extractSubject(view),
      extractText: text,
      fileName: extractFileName(view),
    })
    .returning();
  // Expediting a decision includes registering what is sent; the right to dispatch carries that registering,
  // under the actor's own name in the trail, also for a secretary who is not a registrar.
  const registering: Actor = { ...actor, grants: [...actor.grants, { role: "registrar", bodyId: null }] };
  const bytes = new TextEncoder().encode(text);
  const deliveries = [];
  for (const r of planned) {
    const outgoing = await registerRecord(
      tx,
      registering,
      {
        caseId: p.caseId,
        direction: "outgoing",
        recordType: "decision",
        datedOn: dispatchedOn,
        counterpartBodyId: r.bodyId,
        counterpartName: r.bodyId ? null : r.name,
        description: `Protokollsutdrag ${view.code} till ${r.name}${r.address ? " (e-post)" : ""}`,
        files: [{ name: created!.fileName, declaredType: "text/plain", bytes }],
      },
      store,
    );
    const [delivery] = await tx
      .insert(dispatchDelivery)
      .values({
        municipalityId: actor.municipalityId,
        dispatchId: created!.id,
        position: r.position,
        bodyId: r.bodyId,
        name: r.name,
        channel: r.address ? "email" : "internal",
        address: r.address,
        status: r.address ? "queued" : "sent",
        recordId: outgoing.id,
        sentAt: r.address ? null : new Date(),
      })
      .returning();
    deliveries.push(delivery!);
    if (r.address)
      await enqueueJob(tx, {
        municipalityId: actor.municipalityId,
        kind: deliverJobKind,
        payload: { deliveryId: delivery!.id },
        idempotencyKey: deliverKey(delivery!.id, 1),
      });
  }
  await recordAudit(tx, actor, {
    action: "paragraph.dispatched",
    recordType: "paragraph",
    recordId: p.id,
    after: { dispatch: { ...created, extractText: undefined }, deliveries },
  });
  return { dispatch: created!, deliveries };
}
