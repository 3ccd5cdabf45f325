import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findCase } from "../register/queries.js";
import { findMeeting } from "./queries.js";
import type { RouteInput } from "./schemas.js";
import { decisionRouteStep, meeting } from "./tables.js";

/**
 * Sets a case's planned route through bodies and meetings (M6), replacing the route it had: for whoever handles
 * cases of the case's responsible body.
 */
export async function planDecisionRoute(tx: Tx, actor: Actor, input: RouteInput) {
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  authorize(actor, "case:handle", owner?.responsibleBodyId ?? null);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");
  const steps = [];
  for (const [i, step] of input.steps.entries()) {
    if (!(await findBody(tx, actor.municipalityId, step.bodyId)))
      throw new DomainError("body_not_found", {}, `steps.${i}.bodyId`);
    if (i > 0 && step.plannedOn < input.steps[i - 1]!.plannedOn)
      throw new DomainError("route_steps_out_of_order", {}, `steps.${i}.plannedOn`);
    let meetingId = step.meetingId ?? null;
    if (meetingId) {
      const m = await findMeeting(tx, actor.municipalityId, meetingId);
      if (!m) throw new DomainError("meeting_not_found", {}, `steps.${i}.meetingId`);
      if (m.bodyId !== step.bodyId)
        throw new DomainError("route_meeting_mismatch", {}, `steps.${i}.meetingId`);
    } else {
      const [planned] = await tx
        .select({ id: meeting.id })
        .from(meeting)
        .where(
          and(
            eq(meeting.municipalityId, actor.municipalityId),
            eq(meeting.bodyId, step.bodyId),
            eq(meeting.heldOn, step.plannedOn),
          ),
        );
      meetingId = planned?.id ?? null;
    }
    steps.push({
      municipalityId: actor.municipalityId,
      caseId: owner.id,
      position: i + 1,
      bodyId: step.bodyId,
      plannedOn: step.plannedOn,
      role: step.role,
      meetingId,
    });
  }
  const before = await tx.select().from(decisionRouteStep).where(eq(decisionRouteStep.caseId, owner.id));
  await tx.delete(decisionRouteStep).where(eq(decisionRouteStep.caseId, owner.id));
  const after = await tx.insert(decisionRouteStep).values(steps).returning();
  await recordAudit(tx, actor, {
    action: "decision_route.planned",
    recordType: "case",
    recordId: owner.id,
    before,
    after,
  });
  return after;
}
