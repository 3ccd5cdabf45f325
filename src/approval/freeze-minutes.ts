import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import { approvalDeadline } from "../domain/law/meetings.js";
import { meetingForWrite } from "../meetings/guards.js";
import { findParagraph, listDecisionPointsOfParagraphs } from "../meetings/queries.js";
import { currentMinutesContent } from "./canonical.js";
import { findArrangement, listVersionsOfScope } from "./queries.js";
import type { FreezeMinutesInput } from "./schemas.js";
import { minutesVersion } from "./tables.js";

/**
 * Freezes the minutes as a version to be signed: their canonical content and its SHA-256. The whole minutes once
 * the meeting is closed; one paragraph at the meeting when it is approved at once (L12, KL 5 kap. 70 § (check)).
 * A version after the first says why (a refusal corrected, a correction after approval); an approval after the 14
 * days needs a recorded reason (L11, KL 5 kap. 69 § (check)).
 */
export async function freezeMinutes(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  input: Partial<FreezeMinutesInput>,
  now: Date = new Date(),
) {
  const { meeting: m } = await meetingForWrite(tx, actor, meetingId);
  const paragraphId = input.paragraphId ?? null;
  if (paragraphId) {
    const p = await findParagraph(tx, actor.municipalityId, paragraphId);
    if (!p || p.meetingId !== m.id) throw new DomainError("paragraph_not_in_meeting", {}, "paragraphId");
    if ((await listDecisionPointsOfParagraphs(tx, [p.id])).length === 0)
      throw new DomainError("paragraph_not_decided", {}, "paragraphId");
  } else if (m.status !== "closed") throw new DomainError("minutes_meeting_not_closed");
  if (!(await findArrangement(tx, m.id))) throw new DomainError("approvers_not_appointed");

  const versions = await listVersionsOfScope(tx, m.id, paragraphId);
  const latest = versions[0];
  const reason = input.reason ?? null;
  const deadline = approvalDeadline(m.heldOn);
  if (stockholmDay(now) > deadline && !input.lateReason)
    throw new DomainError("late_reason_required", { deadline }, "lateReason");

  if (latest?.status === "approved") throw new DomainError("version_already_approved");
  const current = await currentMinutesContent(tx, actor.municipalityId, m.id, paragraphId);
  if (latest && latest.contentHash === current!.hash) {
    // The same content again: only a reason for approving late (L11) can be added to the version being signed.
    if (latest.status === "signing" && input.lateReason && !latest.lateReason) {
      const [updated] = await tx
        .update(minutesVersion)
        .set({ lateReason: input.lateReason })
        .where(eq(minutesVersion.id, latest.id))
        .returning();
      await recordAudit(tx, actor, {
        action: "minutes.late_reason_recorded",
        recordType: "minutes_version",
        recordId: latest.id,
        after: { lateReason: input.lateReason },
      });
      return updated!;
    }
    throw new DomainError(
      reason || !latest ? "version_unchanged" : "version_reason_required",
      {},
      reason ? undefined : "reason",
    );
  }
  if (latest && !reason) throw new DomainError("version_reason_required", {}, "reason");
  // The version being signed is replaced: its signatures stay readable, and signing starts again.
  if (latest?.status === "signing")
    await tx.update(minutesVersion).set({ status: "replaced" }).where(eq(minutesVersion.id, latest.id));

  const [created] = await tx
    .insert(minutesVersion)
    .values({
      municipalityId: actor.municipalityId,
      meetingId: m.id,
      paragraphId,
      number: (latest?.number ?? 0) + 1,
      content: current!.content,
      contentHash: current!.hash,
      reason,
      lateReason: input.lateReason ?? null,
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "minutes.frozen",
    recordType: "minutes_version",
    recordId: created!.id,
    after: { ...created, content: undefined },
  });
  return created!;
}
