import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { sameQuestion } from "../domain/law/votes.js";
import { nextPosition, paragraphForWrite, requireOpen } from "./guards.js";
import { listMotions, listQuestions, listVotes } from "./queries.js";
import type { QuestionInput } from "./schemas.js";
import { question, voteEvent } from "./tables.js";

/**
 * Records one step of the order of questions (propositionsordning): a motion put alone or against another, and
 * which was carried by acclamation. A vote requested on it is recorded with recordVote, which answers this question;
 * a question already decided by a vote is not put again (L5). KL 5 kap. 52–53 §§ (check)
 */
export async function putQuestion(tx: Tx, actor: Actor, input: QuestionInput) {
  const { paragraph: p, meeting: m } = await paragraphForWrite(tx, actor, input.paragraphId);
  requireOpen(m);
  const motions = await listMotions(tx, p.id);
  if (!motions.some((x) => x.id === input.motionId))
    throw new DomainError("motion_not_found", {}, "motionId");
  if (input.againstMotionId) {
    if (!motions.some((x) => x.id === input.againstMotionId))
      throw new DomainError("motion_not_found", {}, "againstMotionId");
    if (input.againstMotionId === input.motionId)
      throw new DomainError("motions_identical", {}, "againstMotionId");
  }
  const votes = await listVotes(tx, p.id);
  const asked = { motionId: input.motionId, againstMotionId: input.againstMotionId ?? null };
  for (const q of await listQuestions(tx, [p.id])) {
    const vote = votes.find((v) => v.questionId === q.id);
    if (vote && sameQuestion(q, asked))
      throw new DomainError("question_already_voted", { position: vote.position }, "motionId");
  }
  let winner = input.winnerMotionId ?? null;
  // A vote recorded before votes answered questions (migration 0011) may still be given the question it decided.
  const vote = input.voteEventId ? votes.find((v) => v.id === input.voteEventId) : undefined;
  if (input.voteEventId) {
    if (!vote) throw new DomainError("vote_not_found", {}, "voteEventId");
    if (vote.questionId || vote.election)
      throw new DomainError("vote_already_answers_question", { position: vote.position }, "voteEventId");
    if (vote.secret) throw new DomainError("secret_ballot_not_election", {}, "voteEventId");
    winner = vote.result === "yes" ? vote.yesMotionId : vote.noMotionId;
  }
  if (!winner) throw new DomainError("winner_missing", {}, "winnerMotionId");
  if (winner !== input.motionId && winner !== input.againstMotionId)
    throw new DomainError("winner_not_in_question", {}, "winnerMotionId");
  const [created] = await tx
    .insert(question)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, question, p.id),
      motionId: input.motionId,
      againstMotionId: input.againstMotionId ?? null,
      winnerMotionId: winner,
    })
    .returning();
  if (vote) await tx.update(voteEvent).set({ questionId: created!.id }).where(eq(voteEvent.id, vote.id));
  await recordAudit(tx, actor, {
    action: "question.put",
    recordType: "paragraph",
    recordId: p.id,
    after: { ...created, voteEventId: vote?.id ?? null },
  });
  return created!;
}
