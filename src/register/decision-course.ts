import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { dispatch, dispatchDelivery } from "../dispatch/tables.js";
import { bodyDecisionCode } from "../domain/citation.js";
import { DomainError } from "../domain/errors.js";
import { agendaItem, decisionRouteStep, meeting, paragraph, recipient } from "../meetings/tables.js";
import { body } from "../organisation/tables.js";

// Whether a case's decision has run its course, so that the case may be closed: every step of its decision route
// was taken (a closed meeting with the case on its agenda, and a paragraph where the step decides), and every
// deciding paragraph with recipients was dispatched and reached them all. A case with no route closes as before.

/** Throws with a Swedish reason when the case's route is not complete or its decision not fully dispatched. */
export async function requireDecisionCourseRun(tx: Tx, c: { id: string; number: string }) {
  const steps = await tx
    .select({
      role: decisionRouteStep.role,
      meetingStatus: meeting.status,
      itemId: agendaItem.id,
      paragraphId: paragraph.id,
      number: paragraph.number,
      heldOn: meeting.heldOn,
      bodyName: body.name,
      bodyShortName: body.shortName,
    })
    .from(decisionRouteStep)
    .leftJoin(meeting, eq(meeting.id, decisionRouteStep.meetingId))
    .leftJoin(
      agendaItem,
      and(
        eq(agendaItem.meetingId, decisionRouteStep.meetingId),
        eq(agendaItem.caseId, decisionRouteStep.caseId),
      ),
    )
    .leftJoin(paragraph, eq(paragraph.agendaItemId, agendaItem.id))
    .leftJoin(body, eq(body.id, paragraph.bodyId))
    .where(eq(decisionRouteStep.caseId, c.id))
    .orderBy(asc(decisionRouteStep.position));
  if (steps.length === 0) return;
  const missing = steps.filter(
    (s) => s.meetingStatus !== "closed" || !s.itemId || (s.role === "decide" && !s.paragraphId),
  ).length;
  if (missing > 0) throw new DomainError("case_route_incomplete", { number: c.number, missing });
  const deciding = steps.filter((s) => s.role === "decide" && s.paragraphId);
  if (deciding.length === 0) return;
  const ids = deciding.map((s) => s.paragraphId!);
  const recipients = await tx
    .select({ paragraphId: recipient.paragraphId, n: count() })
    .from(recipient)
    .where(inArray(recipient.paragraphId, ids))
    .groupBy(recipient.paragraphId);
  const deliveries = await tx
    .select({
      paragraphId: dispatch.paragraphId,
      total: count(),
      pending: sql<number>`count(*) filter (where ${ne(dispatchDelivery.status, "sent")})`,
    })
    .from(dispatch)
    .innerJoin(dispatchDelivery, eq(dispatchDelivery.dispatchId, dispatch.id))
    .where(inArray(dispatch.paragraphId, ids))
    .groupBy(dispatch.paragraphId);
  for (const s of deciding) {
    const wanted = Number(recipients.find((r) => r.paragraphId === s.paragraphId)?.n ?? 0);
    const sent = deliveries.find((d) => d.paragraphId === s.paragraphId);
    const pending = sent ? Number(sent.pending) : wanted;
    if (pending > 0)
      throw new DomainError("case_decision_not_dispatched", {
        number: c.number,
        code: bodyDecisionCode({ shortName: s.bodyShortName, name: s.bodyName ?? "" }, s.heldOn!, s.number),
        pending,
      });
  }
}
