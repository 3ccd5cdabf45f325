import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findParagraphWithCase, listAppeals, listApprovalsOfParagraphs } from "./queries.js";
import type { RecordAppealInput } from "./schemas.js";
import { appeal } from "./tables.js";

/**
 * The registrar records that a legality appeal against a decision has reached the court: the decision then shows
 * the appeal instead of legal force. It is filed in the decision's case, so it is for whoever registers that case's
 * records. KL 13 kap. 5 §, 13 kap. 14 § (check)
 */
export async function recordAppeal(tx: Tx, actor: Actor, paragraphId: string, input: RecordAppealInput) {
  const found = await findParagraphWithCase(tx, actor.municipalityId, paragraphId);
  authorize(actor, "register:write", found?.responsibleBodyId ?? null);
  if (!found) throw new DomainError("paragraph_unknown", {}, "paragraphId");
  const posted = (await listApprovalsOfParagraphs(tx, actor.municipalityId, [paragraphId]))
    .map((a) => a.notice)
    .filter((n) => n !== null);
  const first = posted.sort((a, b) => a!.postedOn.localeCompare(b!.postedOn))[0];
  if (!first) throw new DomainError("paragraph_not_approved");
  if (input.receivedOn < first.postedOn)
    throw new DomainError("appeal_before_notice", { postedOn: first.postedOn }, "receivedOn");
  const existing = await listAppeals(tx, [paragraphId]);
  if (existing.some((a) => a.court === input.court && a.caseNumber === input.caseNumber))
    throw new DomainError("appeal_exists", {}, "caseNumber");
  const [created] = await tx
    .insert(appeal)
    .values({ municipalityId: actor.municipalityId, paragraphId, ...input })
    .returning();
  await recordAudit(tx, actor, {
    action: "appeal.recorded",
    recordType: "paragraph",
    recordId: paragraphId,
    after: created,
  });
  return created!;
}
