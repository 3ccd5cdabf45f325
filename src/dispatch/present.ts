import { bodyDecisionCode } from "../domain/citation.js";
import { stockholmMinute } from "../domain/clock.js";
import type { listDeliveriesOfParagraphs } from "./queries.js";
import type { DeliveryChannel, DeliveryStatus } from "./tables.js";

// What a reader sees of dispatches. Everyone sees who a decision went to, how and how far it got, and the
// outgoing record (the register is public); addresses, Message-IDs and the server's answers are for those who
// keep the minutes of the body, since an external recipient's address may be a person's.

export const statusLabel: Record<DeliveryStatus, string> = {
  queued: "I kö",
  sent: "Skickat",
  failed: "Misslyckades",
  retried: "Nytt försök väntar",
  bounced: "Studsade",
};

export const channelLabel: Record<DeliveryChannel, string> = { email: "E-post", internal: "Internt" };

type DeliveryRow = Awaited<ReturnType<typeof listDeliveriesOfParagraphs>>[number];

export interface DeliveryView {
  id: string;
  name: string;
  channel: DeliveryChannel;
  channelLabel: string;
  status: DeliveryStatus;
  statusLabel: string;
  recordNumber: string;
  sentAt: string | null;
  attempts: number;
  round: number;
  resendable: boolean;
  /** Only for those who keep the minutes. */
  detail: {
    address: string | null;
    messageId: string | null;
    smtpResponse: string | null;
    lastError: string | null;
  } | null;
}

export interface DispatchView {
  paragraphId: string;
  code: string | null;
  dispatchedOn: string | null;
  deliveries: DeliveryView[];
  /** Every delivery sent (and none bounced). */
  complete: boolean;
}

function presentDelivery(row: DeliveryRow, detail: boolean): DeliveryView {
  const d = row.delivery;
  const label = d.status === "sent" && d.channel === "internal" ? "Levererat internt" : statusLabel[d.status];
  return {
    id: d.id,
    name: d.name,
    channel: d.channel,
    channelLabel: channelLabel[d.channel],
    status: d.status,
    statusLabel: label,
    recordNumber: row.recordNumber,
    sentAt: d.sentAt ? stockholmMinute(d.sentAt) : null,
    attempts: d.attempts,
    round: d.round,
    resendable: d.status === "failed" || d.status === "bounced",
    detail: detail
      ? { address: d.address, messageId: d.messageId, smtpResponse: d.smtpResponse, lastError: d.lastError }
      : null,
  };
}

/** One paragraph's dispatch, or one not yet made (no deliveries). */
export function presentDispatch(
  paragraphId: string,
  rows: DeliveryRow[],
  detail: boolean,
  code: string | null = null,
): DispatchView {
  const own = rows.filter((r) => r.paragraphId === paragraphId);
  const deliveries = own.map((r) => presentDelivery(r, detail));
  return {
    paragraphId,
    code,
    dispatchedOn: own[0]?.dispatchedOn ?? null,
    deliveries,
    complete: deliveries.length > 0 && deliveries.every((d) => d.status === "sent"),
  };
}

/** The code of a paragraph on the case page: "KF 260122 § 8". */
export function paragraphCode(p: {
  bodyShortName: string | null;
  bodyName: string;
  heldOn: string;
  number: number;
}) {
  return bodyDecisionCode({ shortName: p.bodyShortName, name: p.bodyName }, p.heldOn, p.number);
}
