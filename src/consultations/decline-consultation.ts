import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { findRespondent } from "./find-respondent.js";
import { consulteeName } from "./format.js";
import { lockConsultation } from "./queries.js";
import { checkOpenForAnswer } from "./record-answer.js";
import type { DeclineInput } from "./schemas.js";
import { consultee } from "./tables.js";

/** Records that a consultee declined to answer ("avstår från att yttra sig"), with its reason when given. */
export async function declineConsultation(tx: Tx, actor: Actor, consultationId: string, input: DeclineInput) {
  const c = await lockConsultation(tx, actor.municipalityId, consultationId);
  const owner = await findCase(tx, actor.municipalityId, c.caseId);
  authorize(actor, "consultation:write", owner!.responsibleBodyId);
  const respondent = await findRespondent(tx, actor.municipalityId, c.id, input);
  checkOpenForAnswer(respondent.c.status, consulteeName(respondent));
  if (c.sentOn && input.declinedOn < c.sentOn)
    throw new DomainError("answer_before_send", { date: c.sentOn }, "declinedOn");
  const [after] = await tx
    .update(consultee)
    .set({
      status: "declined",
      answeredOn: input.declinedOn,
      declinedReason: input.reason ?? null,
      updatedAt: new Date(),
    })
    .where(eq(consultee.id, respondent.c.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "consultee.declined",
    recordType: "consultee",
    recordId: respondent.c.id,
    before: respondent.c,
    after,
  });
  return after!;
}
