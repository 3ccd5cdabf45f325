import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { resolveDecisionReference } from "../assignments/resolve-decision-reference.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findPartyByAbbreviation } from "../organisation/queries.js";
import { findCase, findRecord } from "../register/queries.js";
import { registerRecord } from "../register/register-record.js";
import { findRespondent } from "./find-respondent.js";
import { consulteeName } from "./format.js";
import { listQuestions, lockConsultation } from "./queries.js";
import type { AnswerInput } from "./schemas.js";
import { consultationAnswer, consultee, consulteePosition, consulteePositionParty } from "./tables.js";

/** Checks that a consultee may still answer or decline: sent, and not answered or declined already. */
export function checkOpenForAnswer(status: string, name: string) {
  if (status === "pending") throw new DomainError("consultation_not_sent", { name });
  if (status === "answered" || status === "declined")
    throw new DomainError("consultee_already_answered", {
      name,
      status: status === "answered" ? "svarat" : "avböjt",
    });
}

/**
 * Records a consultee's answer: the response record (registered as incoming unless it is already in the case),
 * the consultee's own decision (date and §; the body is the consultee's) with the reservations and special
 * statements made there, and optionally an answer per question. An external organisation has no such decision.
 */
export async function recordAnswer(tx: Tx, actor: Actor, consultationId: string, input: AnswerInput) {
  const c = await lockConsultation(tx, actor.municipalityId, consultationId);
  const owner = await findCase(tx, actor.municipalityId, c.caseId);
  authorize(actor, "consultation:write", owner!.responsibleBodyId);
  const respondent = await findRespondent(tx, actor.municipalityId, c.id, input);
  const name = consulteeName(respondent);
  checkOpenForAnswer(respondent.c.status, name);
  if (c.sentOn && input.answeredOn < c.sentOn)
    throw new DomainError("answer_before_send", { date: c.sentOn }, "answeredOn");
  // Only a body of the municipality decides its answer in a decision that can be cited; an external
  // organisation answers without one, so there is nothing to record and no reservations to attach.
  if (input.decision && !respondent.c.bodyId)
    throw new DomainError("external_has_no_decision", { name }, "decision.decidedOn");
  if (input.decision?.bodyId && input.decision.bodyId !== respondent.c.bodyId)
    throw new DomainError("decision_of_other_body", { name }, "decision.bodyId");
  if (input.decision && input.decision.decidedOn > input.answeredOn)
    throw new DomainError("decision_after_answer", {}, "decision.decidedOn");

  const questions = await listQuestions(tx, [c.id]);
  const answers = (input.answers ?? []).map((a, i) => {
    const q = questions.find((x) => x.position === a.question);
    if (!q) throw new DomainError("question_not_found", { number: a.question }, `answers.${i}.question`);
    return { questionId: q.id, text: a.text };
  });
  if (new Set(answers.map((a) => a.questionId)).size !== answers.length)
    throw new DomainError("question_answered_twice", {}, "answers");
  const positions = [];
  for (const [i, p] of (input.positions ?? []).entries()) {
    const parties = [];
    for (const abbreviation of p.parties) {
      const party = await findPartyByAbbreviation(tx, actor.municipalityId, abbreviation);
      if (!party) throw new DomainError("party_unknown", { abbreviation }, `positions.${i}.parties`);
      parties.push(party.id);
    }
    if (new Set(parties).size !== parties.length)
      throw new DomainError("party_twice", {}, `positions.${i}.parties`);
    positions.push({ kind: p.kind, parties });
  }
  if (positions.length > 0 && !input.decision)
    throw new DomainError("positions_need_decision", {}, "decision");

  let responseRecordId: string;
  if (input.responseRecordId) {
    const existing = await findRecord(tx, actor.municipalityId, input.responseRecordId);
    if (!existing || existing.caseId !== c.caseId)
      throw new DomainError("response_not_in_case", {}, "responseRecordId");
    responseRecordId = existing.id;
  } else {
    const registered = await registerRecord(tx, actor, {
      caseId: c.caseId,
      direction: "incoming",
      recordType: "consultation_response",
      datedOn: input.answeredOn,
      counterpartBodyId: respondent.c.bodyId,
      counterpartName: respondent.c.bodyId ? null : name,
      description: input.responseDescription ?? `Remissvar ${name}`,
    });
    responseRecordId = registered.id;
  }
  const decision = input.decision
    ? await resolveDecisionReference(
        tx,
        actor,
        { ...input.decision, bodyId: respondent.c.bodyId! },
        "decision",
      )
    : null;

  const [after] = await tx
    .update(consultee)
    .set({
      status: "answered",
      responseRecordId,
      decisionId: decision?.id ?? null,
      answeredOn: input.answeredOn,
      updatedAt: new Date(),
    })
    .where(eq(consultee.id, respondent.c.id))
    .returning();
  for (const [i, p] of positions.entries()) {
    const [row] = await tx
      .insert(consulteePosition)
      .values({ consulteeId: respondent.c.id, position: i + 1, kind: p.kind })
      .returning();
    await tx
      .insert(consulteePositionParty)
      .values(p.parties.map((partyId, j) => ({ positionId: row!.id, partyId, ordinal: j + 1 })));
  }
  if (answers.length > 0)
    await tx.insert(consultationAnswer).values(answers.map((a) => ({ ...a, consulteeId: respondent.c.id })));
  await recordAudit(tx, actor, {
    action: "consultee.answered",
    recordType: "consultee",
    recordId: respondent.c.id,
    before: respondent.c,
    after: { ...after, positions: input.positions ?? [], answers },
  });
  return after!;
}
