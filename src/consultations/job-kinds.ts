// The outbox job kinds of consultations, and the key that keeps the letter to a consultee to one job.

export const notifyJobKind = "consultation.notify";
export const remindJobKind = "consultation.remind";

/** The idempotency key of the consultation letter to one consultee: one letter per consultee, ever. */
export function notifyKey(consulteeId: string): string {
  return `${notifyJobKind}:${consulteeId}`;
}
