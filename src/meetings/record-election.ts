import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import {
  electionCountsAddUp,
  electionMethodSupported,
  electionOutcome,
  isRefusal,
} from "../domain/law/votes.js";
import { joinAnd } from "../domain/swedish.js";
import { nextPosition } from "./guards.js";
import { personLabel } from "./phrases.js";
import { findPersonsByIds } from "./queries.js";
import type { VoteInput } from "./schemas.js";
import type { Serving } from "./serving.js";
import { voteCandidate, voteEvent } from "./tables.js";

/**
 * Records a majority election of one or more seats (L5, L6): candidates with their votes, and who was elected. A tie
 * for the last places is settled by lots drawn at the meeting and recorded here; Paragraf never draws them. The
 * election may be secret if a member asks; a proportional election under lag (1992:339) is refused. Called by
 * recordVote, which has loaded the paragraph, checked the meeting is open and quorate, and locked the meeting.
 * KL 5 kap. 52–53 §§, 55 § (check); lag (1992:339)
 */
export async function recordElection(
  tx: Tx,
  actor: Actor,
  loaded: { paragraph: { id: string }; serving: Serving },
  input: VoteInput,
) {
  const { paragraph: p, serving } = loaded;
  if (!electionMethodSupported(input.method ?? "majority"))
    throw new DomainError("proportional_election_unsupported", {}, "method");
  if (input.questionId || input.yesMotionId || input.noMotionId)
    throw new DomainError("election_not_question", {}, "yesMotionId");
  if ((input.ballots ?? []).length > 0) throw new DomainError("election_ballots_not_recorded", {}, "ballots");
  if (input.castingVote) throw new DomainError("casting_vote_in_election", {}, "castingVote");
  if (input.counts?.yes || input.counts?.no) throw new DomainError("election_yes_no_counts", {}, "counts");
  const candidates = input.candidates ?? [];
  if (candidates.length === 0) throw new DomainError("election_without_candidates", {}, "candidates");
  const seats = input.seats ?? 1;

  const persons = await findPersonsByIds(tx, actor.municipalityId, [
    ...candidates.map((c) => c.personId),
    ...(input.lotWinnerIds ?? []),
  ]);
  const name = (id: string) => {
    const x = persons.find((y) => y.id === id);
    return x ? personLabel(x) : "";
  };
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!persons.some((x) => x.id === c.personId))
      throw new DomainError("person_not_found", {}, "candidates");
    if (seen.has(c.personId))
      throw new DomainError("candidate_twice", { person: name(c.personId) }, "candidates");
    seen.add(c.personId);
  }
  const tallies = candidates.map((c) => ({ id: c.personId, votes: c.votes }));
  const abstain = input.counts?.abstain ?? 0;
  const absent = input.counts?.absent ?? 0;
  const added = electionCountsAddUp({ candidates: tallies, seats, abstain, absent }, serving.count);
  if (isRefusal(added)) throw new DomainError(added.refused, added.details, "candidates");
  const outcome = electionOutcome(tallies, seats, input.lotWinnerIds ?? []);
  if (isRefusal(outcome)) {
    const d = (outcome.details ?? {}) as { tied?: string[]; places?: number };
    throw new DomainError(
      outcome.refused,
      { tied: joinAnd((d.tied ?? []).map(name)), places: d.places ?? 0 },
      "lotWinnerIds",
    );
  }

  const [created] = await tx
    .insert(voteEvent)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, voteEvent, p.id),
      election: true,
      secret: input.secret ?? false,
      seats,
      yesCount: added.voted,
      noCount: 0,
      abstainCount: abstain,
      absentCount: absent,
      result: null,
      decidedBy: outcome.decidedBy,
    })
    .returning();
  const rows = await tx
    .insert(voteCandidate)
    .values(
      candidates.map((c, i) => ({
        voteEventId: created!.id,
        personId: c.personId,
        position: i + 1,
        votes: c.votes,
        elected: outcome.elected.includes(c.personId),
        byLot: outcome.byLot.includes(c.personId),
      })),
    )
    .returning();
  await recordAudit(tx, actor, {
    action: "election.recorded",
    recordType: "paragraph",
    recordId: p.id,
    after: { ...created, candidates: rows },
  });
  return created!;
}
