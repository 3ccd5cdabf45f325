import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { createConsultation } from "../consultations/create-consultation.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { parseInput } from "./parse-input.js";
import { findAppropriation } from "./queries.js";
import { QuestionRoundInput } from "./schemas.js";
import { questionRound } from "./tables.js";

/**
 * A special question round to the committees about a reserve's follow-up. It is a consultation in the
 * reserve's case, prepared by the consultation mechanism itself (questions, consultees, deadline, letters and
 * reminders through the outbox when it is sent), and linked to the reserve so its page lists it.
 */
export async function startQuestionRound(
  tx: Tx,
  actor: Actor,
  appropriationId: string,
  raw: QuestionRoundInput,
) {
  const input = parseInput(QuestionRoundInput, raw);
  const reserve = await findAppropriation(tx, actor.municipalityId, appropriationId);
  if (!reserve) throw new DomainError("appropriation_not_found");
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  if (!reserve.caseId) throw new DomainError("reserve_has_no_case");
  const consultation = await createConsultation(tx, actor, {
    caseId: reserve.caseId,
    decidedBy: input.decidedBy,
    title: input.title,
    coverText: input.coverText,
    deadline: input.deadline,
    questions: input.questions,
    consultees: input.bodyIds.map((bodyId) => ({ bodyId })),
  });
  await tx.insert(questionRound).values({ appropriationId: reserve.id, consultationId: consultation.id });
  return consultation;
}
