import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meetingIsPublic } from "../domain/law/meetings.js";
import { findBody } from "../organisation/queries.js";
import type { PlanMeetingInput } from "./schemas.js";
import { decisionRouteStep, meeting } from "./tables.js";

/** Plans a meeting of a body; whether it is public follows the body (L3). KL 5 kap. 38 § (check), 6 kap. 25 § */
export async function planMeeting(tx: Tx, actor: Actor, input: PlanMeetingInput) {
  authorize(actor, "meeting:write", input.bodyId);
  const b = await findBody(tx, actor.municipalityId, input.bodyId);
  if (!b) throw new DomainError("body_not_found", {}, "bodyId");
  const [created] = await tx
    .insert(meeting)
    .values({
      municipalityId: actor.municipalityId,
      bodyId: b.id,
      heldOn: input.heldOn,
      startsAt: input.startsAt,
      place: input.place,
      isPublic: meetingIsPublic(b.kind, b.openMeetings),
      approvalAt: input.approvalAt ?? null,
    })
    .returning();
  // A decision route that planned this body on this day now points at the meeting.
  await tx
    .update(decisionRouteStep)
    .set({ meetingId: created!.id })
    .where(
      and(
        eq(decisionRouteStep.municipalityId, actor.municipalityId),
        eq(decisionRouteStep.bodyId, b.id),
        eq(decisionRouteStep.plannedOn, input.heldOn),
      ),
    );
  await recordAudit(tx, actor, {
    action: "meeting.planned",
    recordType: "meeting",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
