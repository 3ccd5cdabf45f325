import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { nextPosition, paragraphForWrite, requireOpen } from "./guards.js";
import { listMotions, listVotes } from "./queries.js";
import type { QuestionInput } from "./schemas.js";
import { question } from "./tables.js";

/**
 * Records one step of the order of questions (propositionsordning): a motion put alone or against another, and
 * which was carried, by acclamation or by the vote that decided it.
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
  let winner = input.winnerMotionId ?? null;
  if (input.voteEventId) {
    const vote = (await listVotes(tx, p.id)).find((v) => v.id === input.voteEventId);
    if (!vote) throw new DomainError("vote_not_found", {}, "voteEventId");
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
      voteEventId: input.voteEventId ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "question.put",
    recordType: "paragraph",
    recordId: p.id,
    after: created,
  });
  return created!;
}
