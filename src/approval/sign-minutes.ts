import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { lockMeeting } from "../meetings/queries.js";
import { currentMinutesContent } from "./canonical.js";
import { completeApprovalIfSigned } from "./complete-approval.js";
import { collectSignatureJobKind } from "./job-kinds.js";
import { lockVersion } from "./queries.js";
import type { SignMinutesInput } from "./schemas.js";
import { resolveSigner } from "./signers.js";
import { builtInSigning, type SigningProvider } from "./signing.js";
import { enqueueCollection } from "./signing-jobs.js";
import { signature } from "./tables.js";

/** Options only Paragraf itself uses: the example loader names the person it signs for, and when. */
export interface SignOptions {
  personId?: string | null;
  at?: Date;
}

/**
 * Signs a version of the minutes through a signing provider: the signer must be appointed (chair, approver or the
 * secretary), must not have signed it, and must have read this very version (the hash). A provider that completes
 * at once may complete the approval in this transaction; one that answers pending leaves, in the same transaction,
 * the job that collects it (collectSignature, src/approval/signing-jobs.ts). KL 5 kap. 69 § (check)
 */
export async function signMinutes(
  tx: Tx,
  actor: Actor,
  versionId: string,
  input: SignMinutesInput,
  provider: SigningProvider = builtInSigning,
  options: SignOptions = {},
) {
  const version = await lockVersion(tx, actor.municipalityId, versionId);
  if (!version) throw new DomainError("version_not_found");
  // The meeting's lock makes the last two signatures queue, so exactly one of them completes the approval.
  await lockMeeting(tx, actor.municipalityId, version.meetingId);
  if (version.status !== "signing") throw new DomainError("version_not_signing", { status: version.status });
  if (input.hash !== version.contentHash) throw new DomainError("version_changed", {}, "hash");
  const live = await currentMinutesContent(tx, actor.municipalityId, version.meetingId, version.paragraphId);
  if (live?.hash !== version.contentHash) throw new DomainError("minutes_changed_since_frozen");
  const signer = await resolveSigner(tx, actor, version, { role: input.role, personId: options.personId });
  const state = await provider.start({
    subject: `minutes_version:${version.id}`,
    hash: version.contentHash,
    signer: { userId: actor.userId, name: signer.signerName },
  });
  const at = options.at ?? (state.status === "completed" ? state.signedAt : new Date());
  const [created] = await tx
    .insert(signature)
    .values({
      versionId: version.id,
      role: signer.role,
      personId: signer.personId,
      userId: signer.userId,
      signerName: signer.signerName,
      method: actor.userId ? provider.method : `${provider.method} (${actor.label})`,
      reference: state.reference,
      status: state.status,
      coversHash: version.contentHash,
      comment: state.status === "failed" ? state.reason : null,
      startedAt: at,
      completedAt: state.status === "completed" ? at : null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: `signature.${state.status === "completed" ? "signed" : state.status === "pending" ? "started" : "failed"}`,
    recordType: "minutes_version",
    recordId: version.id,
    after: created,
  });
  if (state.status === "pending")
    await enqueueCollection(tx, {
      municipalityId: actor.municipalityId,
      kind: collectSignatureJobKind,
      subject: created!.id,
      payload: { signatureId: created!.id },
      startedAt: created!.startedAt,
      poll: 0,
      now: new Date(),
    });
  const approved =
    state.status === "completed" ? await completeApprovalIfSigned(tx, actor, version, at) : false;
  return { signature: created!, approved };
}
