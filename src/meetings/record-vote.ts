import { randomInt } from "node:crypto";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { countsAddUp, voteOutcome } from "../domain/law/votes.js";
import { nextPosition, paragraphForWrite, requireOpen } from "./guards.js";
import { findPersonsByIds, listMotions } from "./queries.js";
import type { VoteInput } from "./schemas.js";
import { requireQuorum, servingOnItem } from "./serving.js";
import { ballot, voteEvent } from "./tables.js";

/**
 * Records a vote: each serving member's ballot, or the counts. One vote per member (L5); more than half of the
 * votes cast wins, a tie goes to the chair's casting vote, or to lots in an election (L6); abstentions are
 * recorded (L7). KL 5 kap. 52–55 §§ (check), 4 kap. 25 § (check)
 */
export async function recordVote(tx: Tx, actor: Actor, input: VoteInput) {
  const { paragraph: p, meeting: m, body: b, item } = await paragraphForWrite(tx, actor, input.paragraphId);
  requireOpen(m);
  const serving = await servingOnItem(tx, m, item);
  await requireQuorum(tx, b, m, serving);
  const motions = await listMotions(tx, p.id);
  for (const [field, id] of [
    ["yesMotionId", input.yesMotionId],
    ["noMotionId", input.noMotionId],
  ] as const)
    if (id && !motions.some((x) => x.id === id)) throw new DomainError("motion_not_found", {}, field);
  if (input.yesMotionId && input.yesMotionId === input.noMotionId)
    throw new DomainError("motions_identical", {}, "noMotionId");

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
  let counts = input.counts ?? null;
  if (ballots.length > 0) {
    const tally = {
      yes: ballots.filter((x) => x.choice === "yes").length,
      no: ballots.filter((x) => x.choice === "no").length,
      abstain: ballots.filter((x) => x.choice === "abstain").length,
      absent: serving.count - ballots.length,
    };
    if (counts && (counts.yes !== tally.yes || counts.no !== tally.no || counts.abstain !== tally.abstain))
      throw new DomainError("vote_counts_disagree_with_ballots", {}, "counts");
    counts = { ...tally, absent: counts?.absent ?? tally.absent };
  }
  if (!counts) throw new DomainError("vote_needs_counts", {}, "counts");
  if (!countsAddUp(counts, serving.count))
    throw new DomainError(
      "vote_counts_mismatch",
      { ...counts, sum: counts.yes + counts.no + counts.abstain + counts.absent, serving: serving.count },
      "counts",
    );

  const chairBallot = serving.chairId ? ballots.find((x) => x.personId === serving.chairId) : undefined;
  const chairSide =
    input.castingVote ?? (chairBallot && chairBallot.choice !== "abstain" ? chairBallot.choice : null);
  // Lots are drawn by Paragraf when the secretary does not record a lot drawn in the room.
  const lotSide = input.lotSide ?? (randomInt(2) === 0 ? "yes" : "no");
  const outcome = voteOutcome(counts, { election: input.election ?? false, chairSide, lotSide });
  if ("missing" in outcome) throw new DomainError("casting_vote_missing", {}, "castingVote");

  const [created] = await tx
    .insert(voteEvent)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, voteEvent, p.id),
      yesMotionId: input.yesMotionId ?? null,
      noMotionId: input.noMotionId ?? null,
      election: input.election ?? false,
      secret: input.secret ?? false,
      yesCount: counts.yes,
      noCount: counts.no,
      abstainCount: counts.abstain,
      absentCount: counts.absent,
      result: outcome.result,
      decidedBy: outcome.decidedBy,
    })
    .returning();
  // A secret election keeps no one's ballot (KL 5 kap. 53 § (check)).
  if (ballots.length > 0 && !input.secret)
    await tx.insert(ballot).values(ballots.map((x) => ({ voteEventId: created!.id, ...x })));
  await recordAudit(tx, actor, {
    action: "vote.recorded",
    recordType: "paragraph",
    recordId: p.id,
    after: { ...created, ballots: input.secret ? [] : ballots },
  });
  return created!;
}
