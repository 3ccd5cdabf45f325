// The outbox job of dispatch, and its key: one job per delivery and round, so a resend is a new job and a
// repeated enqueue of the same round is a no-op.

export const deliverJobKind = "dispatch.deliver";

/** The idempotency key of one round of one delivery (round 1 at dispatch, one more per resend). */
export function deliverKey(deliveryId: string, round: number): string {
  return `${deliverJobKind}:${deliveryId}:${round}`;
}
