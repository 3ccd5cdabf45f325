import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meetingForWrite, momentOf } from "./guards.js";
import type { MomentInput } from "./schemas.js";
import { meeting } from "./tables.js";

/** Opens a meeting; a council meeting only once its notice was posted (L1). KL 5 kap. 12 § (check) */
export async function openMeeting(tx: Tx, actor: Actor, meetingId: string, input: MomentInput = {}) {
  const { meeting: before, body: b } = await meetingForWrite(tx, actor, meetingId);
  if (before.status === "opened" || before.status === "closed")
    throw new DomainError("meeting_already_opened");
  if (b.kind === "council" && before.status !== "notice_published")
    throw new DomainError("council_notice_missing");
  const [after] = await tx
    .update(meeting)
    .set({ status: "opened", openedAt: momentOf(input.at), updatedAt: new Date() })
    .where(eq(meeting.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "meeting.opened",
    recordType: "meeting",
    recordId: before.id,
    before,
    after,
  });
  return after!;
}
