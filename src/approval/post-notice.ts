import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import { addDays } from "../domain/law/dates.js";
import { appealPeriodEnds, noticePostingDeadline } from "../domain/law/meetings.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { takeDownJobKind } from "./job-kinds.js";
import { findArrangement, findNoticeOfVersion, findVersion } from "./queries.js";
import { notice } from "./tables.js";

/**
 * Puts the notice of an approval on the notice board: body, meeting, day of approval, where the minutes are kept,
 * day of posting, last day of the appeal period and the day it comes down. Posted no later than the second day
 * after approval (L13, KL 8 kap. 12 § (check)); the appeal period is three weeks from posting, moved past closed
 * days (L14, L15: KL 13 kap. 5 §, Lag (1930:173)). A job takes it down the day after the period ends.
 */
export async function postApprovalNotice(
  tx: Tx,
  actor: Actor,
  versionId: string,
  input: { postedOn: string },
) {
  const version = await findVersion(tx, actor.municipalityId, versionId);
  if (!version) throw new DomainError("version_not_found");
  if (version.status !== "approved" || !version.approvedAt) throw new DomainError("notice_before_approval");
  const approvedOn = stockholmDay(version.approvedAt);
  if (input.postedOn < approvedOn)
    throw new DomainError("notice_posted_before_approval", { approvedOn }, "postedOn");
  const deadline = noticePostingDeadline(approvedOn);
  if (input.postedOn > deadline) throw new DomainError("notice_late", { deadline }, "postedOn");
  if (await findNoticeOfVersion(tx, version.id)) throw new DomainError("notice_exists");
  const arrangement = (await findArrangement(tx, version.meetingId))!;
  const appealEndsOn = appealPeriodEnds(input.postedOn);
  const takeDownOn = addDays(appealEndsOn, 1);
  const [created] = await tx
    .insert(notice)
    .values({
      municipalityId: actor.municipalityId,
      versionId: version.id,
      approvedOn,
      postedOn: input.postedOn,
      appealEndsOn,
      takeDownOn,
      minutesKeptAt: arrangement.minutesKeptAt,
    })
    .returning();
  await enqueueJob(tx, {
    municipalityId: actor.municipalityId,
    kind: takeDownJobKind,
    payload: { noticeId: created!.id },
    idempotencyKey: `${takeDownJobKind}:${created!.id}`,
    // Early on the day it comes down, in any season (Stockholm is UTC+1 or +2).
    runAt: new Date(`${takeDownOn}T00:30:00Z`),
  });
  await recordAudit(tx, actor, {
    action: "notice.posted",
    recordType: "notice",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
