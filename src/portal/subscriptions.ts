import { randomBytes } from "node:crypto";
import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { anyOf } from "../db/any-of.js";
import type { Tx } from "../db/connect.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { agendaItem, paragraph } from "../meetings/tables.js";
import { body } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";
import { subscription } from "./tables.js";

// E-mail subscriptions to a body's decisions or a case's (X9): confirmed by a link in a first mail (double opt-in,
// GDPR art. 7), ended by the link in every mail. The mails go through the outbox (src/jobs), after commit, at least
// once; the job names the subscription, and the mail is made from its row when the job runs.

export const confirmJobKind = "portal.subscription.confirm";
export const decisionJobKind = "portal.subscription.decision";

const emailPattern = /^[^\s@<>()[\],;:"]{1,64}@[^\s@<>()[\],;:"]{1,190}\.[^\s@<>()[\],;:"]{2,63}$/;

export type SubscribeResult = { ok: true } | { ok: false; field: "email" | "target"; message: string };

/** Starts a subscription and queues its confirmation mail. An address already following the target gets none. */
export async function subscribe(
  tx: Tx,
  municipalityId: string,
  input: { email: string; bodySlug?: string; caseNumber?: string },
): Promise<SubscribeResult> {
  const email = input.email.trim();
  if (!emailPattern.test(email) || email.length > 254)
    return { ok: false, field: "email", message: "Ange en e-postadress, till exempel namn@exempel.se." };
  let bodyId: string | null = null;
  let caseId: string | null = null;
  if (input.bodySlug) {
    const [found] = await tx
      .select({ id: body.id })
      .from(body)
      .where(
        and(eq(body.municipalityId, municipalityId), eq(body.slug, input.bodySlug), isNull(body.deletedAt)),
      );
    bodyId = found?.id ?? null;
  } else if (input.caseNumber) {
    const [found] = await tx
      .select({ id: registerCase.id })
      .from(registerCase)
      .where(and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.number, input.caseNumber)));
    caseId = found?.id ?? null;
  }
  if (!bodyId && !caseId) return { ok: false, field: "target", message: "Organet eller ärendet finns inte." };
  const token = randomBytes(32).toString("base64url");
  const [row] = await tx
    .insert(subscription)
    .values({ municipalityId, email, bodyId, caseId, token })
    .onConflictDoNothing()
    .returning({ id: subscription.id });
  // The same answer whether or not the address already follows the target: the page tells no one who does.
  if (row)
    await enqueueJob(tx, {
      municipalityId,
      kind: confirmJobKind,
      payload: { subscriptionId: row.id },
      idempotencyKey: `${confirmJobKind}:${row.id}`,
    });
  return { ok: true };
}

/** Confirms the subscription a token names; false when there is none to confirm. */
export async function confirmSubscription(tx: Tx, municipalityId: string, token: string): Promise<boolean> {
  const rows = await tx
    .update(subscription)
    .set({ confirmedAt: sql`coalesce(${subscription.confirmedAt}, now())` })
    .where(
      and(
        eq(subscription.municipalityId, municipalityId),
        eq(subscription.token, token),
        isNull(subscription.unsubscribedAt),
      ),
    )
    .returning({ id: subscription.id });
  return rows.length > 0;
}

/** Ends the subscription a token names; false when there is none. */
export async function unsubscribe(tx: Tx, municipalityId: string, token: string): Promise<boolean> {
  const rows = await tx
    .update(subscription)
    .set({ unsubscribedAt: sql`coalesce(${subscription.unsubscribedAt}, now())` })
    .where(and(eq(subscription.municipalityId, municipalityId), eq(subscription.token, token)))
    .returning({ id: subscription.id });
  return rows.length > 0;
}

/**
 * Queues one mail per confirmed subscriber of the bodies or cases of these paragraphs, once per subscriber and
 * paragraph. Called when decisions become public (the approval of the minutes).
 */
export async function notifySubscribers(tx: Tx, municipalityId: string, paragraphIds: readonly string[]) {
  if (paragraphIds.length === 0) return 0;
  const rows = await tx
    .select({ subscriptionId: subscription.id, paragraphId: paragraph.id })
    .from(paragraph)
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(
      subscription,
      or(eq(subscription.bodyId, paragraph.bodyId), eq(subscription.caseId, agendaItem.caseId)),
    )
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        anyOf(paragraph.id, paragraphIds),
        isNotNull(subscription.confirmedAt),
        isNull(subscription.unsubscribedAt),
      ),
    );
  let queued = 0;
  for (const r of rows)
    if (
      await enqueueJob(tx, {
        municipalityId,
        kind: decisionJobKind,
        payload: { subscriptionId: r.subscriptionId, paragraphId: r.paragraphId },
        idempotencyKey: `${decisionJobKind}:${r.subscriptionId}:${r.paragraphId}`,
      })
    )
      queued++;
  return queued;
}
