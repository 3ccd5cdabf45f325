import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meetingForWrite } from "../meetings/guards.js";
import { listVersionsOfScope } from "./queries.js";
import { minutesVersion } from "./tables.js";

/**
 * Opens approved minutes for a correction, with its reason: the approved version is kept (status corrected, still
 * readable with its signatures and notice) and the lock is lifted until a new version, frozen with the same reason,
 * is approved. The correction is in the audit trail.
 */
export async function openCorrection(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  input: { paragraphId?: string | null; reason: string },
) {
  const { meeting: m } = await meetingForWrite(tx, actor, meetingId);
  const reason = input.reason.trim();
  if (!reason) throw new DomainError("version_reason_required", {}, "reason");
  const approved = (await listVersionsOfScope(tx, m.id, input.paragraphId ?? null)).find(
    (v) => v.status === "approved",
  );
  if (!approved) throw new DomainError("notice_before_approval");
  const [after] = await tx
    .update(minutesVersion)
    .set({ status: "corrected" })
    .where(eq(minutesVersion.id, approved.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "minutes.correction_opened",
    recordType: "minutes_version",
    recordId: approved.id,
    before: { status: approved.status },
    after: { status: after!.status, reason },
  });
  return after!;
}
