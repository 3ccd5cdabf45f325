import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { councilNoticeDeadline, isCouncilNoticeInTime } from "../domain/law/meetings.js";
import { meetingForWrite } from "./guards.js";
import type { PublishNoticeInput } from "./schemas.js";
import { meeting } from "./tables.js";

/** Publishes the meeting notice on the public meeting page; a council's at least a week ahead (L1). KL 5 kap. 12 § (check) */
export async function publishNotice(tx: Tx, actor: Actor, meetingId: string, input: PublishNoticeInput) {
  const { meeting: before, body: b } = await meetingForWrite(tx, actor, meetingId);
  if (before.status !== "planned" && before.status !== "notice_published")
    throw new DomainError("meeting_not_planned");
  if (b.kind === "council" && !isCouncilNoticeInTime(input.publishedOn, before.heldOn))
    throw new DomainError(
      "council_notice_late",
      { deadline: councilNoticeDeadline(before.heldOn) },
      "publishedOn",
    );
  const [after] = await tx
    .update(meeting)
    .set({ status: "notice_published", noticePublishedOn: input.publishedOn, updatedAt: new Date() })
    .where(eq(meeting.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "meeting.notice_published",
    recordType: "meeting",
    recordId: before.id,
    before,
    after,
  });
  return after!;
}
