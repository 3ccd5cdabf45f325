/** Yes, no and abstentions as counted in one vote. */
export interface VoteCounts {
  yes: number;
  no: number;
  abstain: number;
}

export type VoteSide = "yes" | "no";

export interface VoteOutcome {
  result: VoteSide;
  decidedBy: "majority" | "casting_vote" | "lots";
}

/**
 * The result of a vote (L6): the side with more votes wins; a tie is decided by the chair's casting vote, but in an
 * election by drawing lots. Abstentions are not votes cast (L7). KL 5 kap. 54–55 §§ (check), 4 kap. 25 § (check)
 */
export function voteOutcome(
  counts: VoteCounts,
  tie: { election: boolean; chairSide?: VoteSide | null; lotSide?: VoteSide | null },
): VoteOutcome | { missing: "casting_vote" | "lots" } {
  if (counts.yes > counts.no) return { result: "yes", decidedBy: "majority" };
  if (counts.no > counts.yes) return { result: "no", decidedBy: "majority" };
  if (tie.election) return tie.lotSide ? { result: tie.lotSide, decidedBy: "lots" } : { missing: "lots" };
  return tie.chairSide ? { result: tie.chairSide, decidedBy: "casting_vote" } : { missing: "casting_vote" };
}

/** True when every serving member is accounted for exactly once: yes + no + abstain + absent = serving (L5). KL 5 kap. 52–53 §§ (check) */
export function countsAddUp(counts: VoteCounts & { absent: number }, serving: number): boolean {
  return counts.yes + counts.no + counts.abstain + counts.absent === serving;
}
