import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { type DispatchView, paragraphCode, presentDispatch } from "./present.js";
import {
  findParagraphOfDispatch,
  listDeliveriesOfParagraphs,
  listParagraphBody,
  listParagraphsOfCase,
} from "./queries.js";
import { dispatchReadiness } from "./ready.js";

/** A paragraph's dispatch as this reader may see it, and whether it may be dispatched now. Two or three queries. */
export async function readParagraphDispatch(
  tx: Tx,
  municipalityId: string,
  paragraph: { id: string; bodyId: string },
  actor: Actor | null,
) {
  const rows = await listDeliveriesOfParagraphs(tx, municipalityId, [paragraph.id]);
  const keeper = can(actor, "meeting:write", paragraph.bodyId);
  const view = presentDispatch(paragraph.id, rows, keeper);
  const readiness =
    keeper && view.deliveries.length === 0 ? await dispatchReadiness(tx, municipalityId, paragraph.id) : null;
  return { ...view, mayDispatch: keeper && view.deliveries.length === 0, readiness };
}

/** The dispatches of every paragraph given on a case, for the case page: two queries however many. */
export async function readCaseDispatches(
  tx: Tx,
  municipalityId: string,
  caseId: string,
  actor: Actor | null,
): Promise<DispatchView[]> {
  const paragraphs = await listParagraphsOfCase(tx, municipalityId, caseId);
  const rows = await listDeliveriesOfParagraphs(
    tx,
    municipalityId,
    paragraphs.map((p) => p.id),
  );
  return paragraphs
    .map((p) => presentDispatch(p.id, rows, can(actor, "meeting:write", p.bodyId), paragraphCode(p)))
    .filter((v) => v.deliveries.length > 0);
}

/** A paragraph's dispatch by the paragraph's id alone; null when there is no such paragraph. */
export async function paragraphDispatchView(
  tx: Tx,
  municipalityId: string,
  paragraphId: string,
  actor: Actor | null,
) {
  const p = await listParagraphBody(tx, municipalityId, paragraphId);
  return p ? readParagraphDispatch(tx, municipalityId, p, actor) : null;
}

/** The dispatch a delivery belongs to. */
export async function dispatchViewOfDelivery(
  tx: Tx,
  municipalityId: string,
  dispatchId: string,
  actor: Actor | null,
) {
  return paragraphDispatchView(tx, municipalityId, await findParagraphOfDispatch(tx, dispatchId), actor);
}
