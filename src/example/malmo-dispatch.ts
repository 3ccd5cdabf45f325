import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { dispatchParagraph } from "../dispatch/dispatch-paragraph.js";
import { closeCase } from "../register/close-case.js";
import { findCaseByNumber } from "../register/queries.js";
import { caseNumber } from "./malmo-followup.js";

// The end of STK-2024-1374's course: KF 2026-01-22 § 8 is dispatched to the fifteen recipients of "Beslutet skickas
// till", and the case is closed. The seed gives neither day; both are illustrative: Monday 2026-02-02, after the
// approval the minutes' notice of 2026-01-30 announces (LAW.md's worked example). None of the seed's recipients
// has an e-mail address in the example, so all fifteen get the extract as an internal delivery, each registered as
// an outgoing record of the case.
export const dispatchedOn = "2026-02-02";

/** Dispatches KF 2026-01-22 § 8 and closes STK-2024-1374; runs after everything else has been registered in it. */
export async function dispatchMalmoDecision(tx: Tx, actor: Actor, kf8ParagraphId: string) {
  await dispatchParagraph(tx, actor, kf8ParagraphId, { dispatchedOn });
  const theCase = (await findCaseByNumber(tx, actor.municipalityId, caseNumber))!;
  await closeCase(tx, actor, theCase.id, { closedOn: dispatchedOn });
}
