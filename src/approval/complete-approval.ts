import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import { approvalDeadline } from "../domain/law/meetings.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { findMeeting } from "../meetings/queries.js";
import { paragraph } from "../meetings/tables.js";
import { currentMinutesContent } from "./canonical.js";
import { decisionsPublishedJobKind, minutesApprovedJobKind } from "./job-kinds.js";
import { postApprovalNotice } from "./post-notice.js";
import { listSignatures } from "./queries.js";
import { allSigned, requiredSigners } from "./signers.js";
import { minutesVersion } from "./tables.js";

type Version = typeof minutesVersion.$inferSelect;

/**
 * The one place where approval completes, called in the transaction of the signature that may be the last: when
 * the chair, every approver and the secretary have signed the version, the version is approved (from then on the
 * database refuses changes to its paragraphs' proceedings) and its notice is posted on the notice board the same
 * day (L13). Returns whether the version was approved.
 *
 * Whatever else must follow an approval in the same transaction goes here: dispatching each approved paragraph's
 * extract (M11, src/dispatch) is enqueued as a job, so that it exists exactly when the approval commits.
 */
export async function completeApprovalIfSigned(
  tx: Tx,
  actor: Actor,
  version: Version,
  at: Date,
): Promise<boolean> {
  const required = await requiredSigners(tx, actor.municipalityId, version.meetingId);
  if (!allSigned(required, await listSignatures(tx, [version.id]))) return false;
  const live = await currentMinutesContent(tx, actor.municipalityId, version.meetingId, version.paragraphId);
  if (live?.hash !== version.contentHash) throw new DomainError("minutes_changed_since_frozen");
  const m = (await findMeeting(tx, actor.municipalityId, version.meetingId))!;
  const deadline = approvalDeadline(m.heldOn);
  const approvedOn = stockholmDay(at);
  // KL 5 kap. 69 § (check): after the 14 days, approval needs a recorded reason.
  if (approvedOn > deadline && !version.lateReason)
    throw new DomainError("late_reason_required", { deadline }, "lateReason");
  const [approved] = await tx
    .update(minutesVersion)
    .set({ status: "approved", approvedAt: at })
    .where(eq(minutesVersion.id, version.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "minutes.approved",
    recordType: "minutes_version",
    recordId: version.id,
    before: { status: version.status },
    after: { status: "approved", approvedAt: at, contentHash: version.contentHash },
  });
  await postApprovalNotice(tx, actor, version.id, { postedOn: approvedOn });
  // Dispatch (M11) follows through the outbox: the job exists exactly when the approval commits, and a recipient's
  // address that fails then holds up the dispatch, never the approval.
  const covered = await tx
    .select({ id: paragraph.id })
    .from(paragraph)
    .where(
      version.paragraphId
        ? and(eq(paragraph.meetingId, version.meetingId), eq(paragraph.id, version.paragraphId))
        : eq(paragraph.meetingId, version.meetingId),
    );
  // Approved, the decisions are public: their subscribers are told, likewise through the outbox.
  for (const kind of [minutesApprovedJobKind, decisionsPublishedJobKind])
    await enqueueJob(tx, {
      municipalityId: actor.municipalityId,
      kind,
      payload: { versionId: version.id, paragraphIds: covered.map((p) => p.id) },
      idempotencyKey: `${kind}:${version.id}`,
    });
  return !!approved;
}
