import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meetingForWrite, momentOf, requireOpen } from "./guards.js";
import type { MomentInput } from "./schemas.js";
import { meeting } from "./tables.js";

/** Closes a meeting: from now on reservations can no longer be announced (L8). KL 4 kap. 27 § (check) */
export async function closeMeeting(tx: Tx, actor: Actor, meetingId: string, input: MomentInput = {}) {
  const { meeting: before } = await meetingForWrite(tx, actor, meetingId);
  requireOpen(before);
  const at = momentOf(input.at);
  if (before.openedAt && at < before.openedAt) throw new DomainError("close_before_open", {}, "at");
  const [after] = await tx
    .update(meeting)
    .set({ status: "closed", closedAt: at, updatedAt: new Date() })
    .where(eq(meeting.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "meeting.closed",
    recordType: "meeting",
    recordId: before.id,
    before,
    after,
  });
  return after!;
}
