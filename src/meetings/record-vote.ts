import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import {
  countsAddUp,
  isRefusal,
  questionOutcome,
  sameQuestion,
  secretBallotAllowed,
} from "../domain/law/votes.js";
import { nextPosition, paragraphForWrite, requireOpen } from "./guards.js";
import { findPersonsByIds, listMotions, listQuestions, listVotes } from "./queries.js";
import { recordElection } from "./record-election.js";
import type { VoteInput } from "./schemas.js";
import { requireQuorum, servingOnItem } from "./serving.js";
import { ballot, question, voteEvent } from "./tables.js";

const sideWord = { yes: "ja", no: "nej", abstain: "avstår" } as const;

/**
 * Records a vote (L5–L7). An ordinary question's vote answers one step of the order of questions, and a question
 * is voted on once; it is open; more than half of the votes cast wins, and a tie is decided by the chair's own vote
 * (the casting vote), so a chair who did not vote has none. Abstentions are recorded. An election goes to
 * recordElection. KL 5 kap. 52–55 §§ (check), 4 kap. 25 § (check)
 */
export async function recordVote(tx: Tx, actor: Actor, input: VoteInput) {
  const { paragraph: p, meeting: m, body: b, item } = await paragraphForWrite(tx, actor, input.paragraphId);
  requireOpen(m);
  const serving = await servingOnItem(tx, m, item);
  await requireQuorum(tx, b, m, serving);
  if (input.lotSide) throw new DomainError("lot_side_not_used", {}, "lotSide");
  if (input.election) return recordElection(tx, actor, { paragraph: p, serving }, input);

  // KL 5 kap. 52 § (check): only an election may be held by secret ballot.
  if (input.secret && !secretBallotAllowed(false))
    throw new DomainError("secret_ballot_not_election", {}, "secret");
  if ((input.candidates ?? []).length > 0 || (input.lotWinnerIds ?? []).length > 0 || input.seats)
    throw new DomainError("candidates_only_in_election", {}, "candidates");

  const motions = await listMotions(tx, p.id);
  for (const [field, id] of [
    ["yesMotionId", input.yesMotionId],
    ["noMotionId", input.noMotionId],
  ] as const)
    if (id && !motions.some((x) => x.id === id)) throw new DomainError("motion_not_found", {}, field);
  if (input.yesMotionId && input.yesMotionId === input.noMotionId)
    throw new DomainError("motions_identical", {}, "noMotionId");

  // The question the vote answers: the one named, or else one put with the same two motions and not yet voted on,
  // or else a new one the vote puts itself.
  const questions = await listQuestions(tx, [p.id]);
  const votes = await listVotes(tx, p.id);
  const voteOf = (questionId: string) => votes.find((v) => v.questionId === questionId);
  let answered: (typeof questions)[number] | undefined;
  let yesMotionId: string;
  let noMotionId: string;
  if (input.questionId) {
    answered = questions.find((q) => q.id === input.questionId);
    if (!answered) throw new DomainError("order_question_not_found", {}, "questionId");
    if (!answered.againstMotionId) throw new DomainError("question_not_contested", {}, "questionId");
    const sides = { motionId: answered.motionId, againstMotionId: answered.againstMotionId };
    yesMotionId = input.yesMotionId ?? answered.motionId;
    noMotionId =
      input.noMotionId ?? (yesMotionId === answered.motionId ? answered.againstMotionId : answered.motionId);
    if (!sameQuestion(sides, { motionId: yesMotionId, againstMotionId: noMotionId }))
      throw new DomainError("vote_sides_not_question", {}, "yesMotionId");
  } else {
    if (!input.yesMotionId || !input.noMotionId)
      throw new DomainError("vote_needs_sides", {}, input.yesMotionId ? "noMotionId" : "yesMotionId");
    yesMotionId = input.yesMotionId;
    noMotionId = input.noMotionId;
    const asked = { motionId: yesMotionId, againstMotionId: noMotionId };
    const same = questions.filter((q) => sameQuestion(q, asked));
    const decided = same.find((q) => voteOf(q.id));
    if (decided)
      throw new DomainError(
        "question_already_voted",
        { position: voteOf(decided.id)!.position },
        "yesMotionId",
      );
    answered = same.at(-1);
  }
  const earlier = answered ? voteOf(answered.id) : undefined;
  if (earlier) throw new DomainError("question_already_voted", { position: earlier.position }, "questionId");

  const ballots = input.ballots ?? [];
  const seen = new Set<string>();
  const persons = await findPersonsByIds(
    tx,
    actor.municipalityId,
    ballots.map((x) => x.personId),
  );
  for (const x of ballots) {
    const who = persons.find((y) => y.id === x.personId);
    if (!who) throw new DomainError("person_not_found", {}, "ballots");
    if (!serving.named.has(x.personId))
      throw new DomainError("not_serving", { person: who.name, act: "rösta" }, "ballots");
    if (seen.has(x.personId)) throw new DomainError("duplicate_ballot", { person: who.name }, "ballots");
    seen.add(x.personId);
  }
  let counts: { yes: number; no: number; abstain: number; absent: number } | null = null;
  const given = input.counts;
  if (ballots.length > 0) {
    const tally = {
      yes: ballots.filter((x) => x.choice === "yes").length,
      no: ballots.filter((x) => x.choice === "no").length,
      abstain: ballots.filter((x) => x.choice === "abstain").length,
      absent: serving.count - ballots.length,
    };
    if (given && (given.yes !== tally.yes || given.no !== tally.no || given.abstain !== tally.abstain))
      throw new DomainError("vote_counts_disagree_with_ballots", {}, "counts");
    counts = { ...tally, absent: given?.absent ?? tally.absent };
  } else if (given && given.yes != null && given.no != null) {
    counts = { yes: given.yes, no: given.no, abstain: given.abstain, absent: given.absent };
  }
  if (!counts) throw new DomainError("vote_needs_counts", {}, "counts");
  if (!countsAddUp(counts, serving.count))
    throw new DomainError(
      "vote_counts_mismatch",
      { ...counts, sum: counts.yes + counts.no + counts.abstain + counts.absent, serving: serving.count },
      "counts",
    );

  const chairBallot = serving.chairId ? ballots.find((x) => x.personId === serving.chairId) : undefined;
  const outcome = questionOutcome(
    counts,
    ballots.length > 0 ? { ballots: true, choice: chairBallot?.choice ?? null } : { ballots: false },
    input.castingVote,
  );
  if (isRefusal(outcome)) {
    const d = outcome.details ?? {};
    throw new DomainError(
      outcome.refused,
      {
        ballot: d.ballot ? sideWord[d.ballot as "yes"] : null,
        stated: d.stated ? sideWord[d.stated as "yes"] : null,
        chairRecorded: serving.chairId !== null,
      },
      "castingVote",
    );
  }
  const winner = outcome.result === "yes" ? yesMotionId : noMotionId;

  let questionRow = answered;
  if (questionRow) {
    [questionRow] = await tx
      .update(question)
      .set({ winnerMotionId: winner })
      .where(eq(question.id, questionRow.id))
      .returning();
  } else {
    [questionRow] = await tx
      .insert(question)
      .values({
        paragraphId: p.id,
        position: await nextPosition(tx, question, p.id),
        motionId: yesMotionId,
        againstMotionId: noMotionId,
        winnerMotionId: winner,
      })
      .returning();
  }
  const [created] = await tx
    .insert(voteEvent)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, voteEvent, p.id),
      questionId: questionRow!.id,
      yesMotionId,
      noMotionId,
      election: false,
      secret: false,
      yesCount: counts.yes,
      noCount: counts.no,
      abstainCount: counts.abstain,
      absentCount: counts.absent,
      result: outcome.result,
      decidedBy: outcome.decidedBy,
    })
    .returning();
  if (ballots.length > 0)
    await tx.insert(ballot).values(ballots.map((x) => ({ voteEventId: created!.id, ...x })));
  await recordAudit(tx, actor, {
    action: "vote.recorded",
    recordType: "paragraph",
    recordId: p.id,
    after: { ...created, question: questionRow, ballots },
  });
  return created!;
}
