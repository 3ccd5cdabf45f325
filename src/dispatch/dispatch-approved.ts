import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { dispatchParagraph } from "./dispatch-paragraph.js";
import { findDispatchOfParagraph, listRecipientAddresses } from "./queries.js";
import { dispatchReadiness } from "./ready.js";

/**
 * Dispatches each of the paragraphs that may be dispatched, has recipients and has not been dispatched yet, and
 * skips the rest: what approval calls when minutes (or single paragraphs) are approved (KL 5 kap. 69–70 §§).
 * Returns the ids of the paragraphs it dispatched. A bad address still refuses, and with it the caller's
 * transaction, so that approval and dispatch commit together or not at all.
 */
export async function dispatchApprovedParagraphs(
  tx: Tx,
  actor: Actor,
  paragraphIds: readonly string[],
  input: { dispatchedOn?: string } = {},
): Promise<string[]> {
  const dispatched: string[] = [];
  for (const id of paragraphIds) {
    if (!(await dispatchReadiness(tx, actor.municipalityId, id)).ready) continue;
    if (await findDispatchOfParagraph(tx, actor.municipalityId, id)) continue;
    if ((await listRecipientAddresses(tx, id)).length === 0) continue;
    await dispatchParagraph(tx, actor, id, input);
    dispatched.push(id);
  }
  return dispatched;
}
