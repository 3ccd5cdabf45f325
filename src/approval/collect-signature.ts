import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { lockMeeting } from "../meetings/queries.js";
import { completeApprovalIfSigned } from "./complete-approval.js";
import { lockSignature, lockVersion } from "./queries.js";
import {
  type SigningProvider,
  type SigningState,
  signingTimedOut,
  signingTimedOutReason,
} from "./signing.js";
import { signature } from "./tables.js";

/**
 * Asks the provider how a pending signature stands and records the answer; a completed signature may complete the
 * approval, in this transaction. A version replaced meanwhile keeps the signature but is not approved by it. A
 * signature still pending past the time limit (signingTimedOut) fails, so the signer can sign again. The signer
 * collects their own signature; whoever keeps the body's minutes (and Paragraf's job) any.
 */
export async function collectSignature(
  tx: Tx,
  actor: Actor,
  signatureId: string,
  provider: SigningProvider,
  now: Date = new Date(),
) {
  const before = await lockSignature(tx, signatureId);
  const version = before ? await lockVersion(tx, actor.municipalityId, before.versionId) : undefined;
  if (!before || !version) throw new DomainError("version_not_found");
  const meeting = await lockMeeting(tx, actor.municipalityId, version.meetingId);
  const own = actor.userId !== null && before.userId === actor.userId;
  if (!own && !can(actor, "meeting:write", meeting?.bodyId ?? null))
    throw new DomainError("signature_not_yours");
  if (before.status !== "pending" || !before.reference) throw new DomainError("signature_not_pending");
  let state: SigningState = await provider.check(before.reference);
  if (state.status === "pending" && signingTimedOut(before.startedAt, now))
    state = { status: "failed", reference: before.reference, reason: signingTimedOutReason };
  if (state.status === "pending") return { signature: before, approved: false };
  const at = state.status === "completed" ? state.signedAt : now;
  const [after] = await tx
    .update(signature)
    .set({
      status: state.status,
      completedAt: state.status === "completed" ? at : null,
      comment: state.status === "failed" ? state.reason : null,
    })
    .where(eq(signature.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: state.status === "completed" ? "signature.signed" : "signature.failed",
    recordType: "minutes_version",
    recordId: version.id,
    before,
    after,
  });
  const approved =
    state.status === "completed" && version.status === "signing"
      ? await completeApprovalIfSigned(tx, actor, version, at)
      : false;
  return { signature: after!, approved };
}
