// The rules of votes and elections (L5–L7). Pure: the use cases in src/meetings load, call these and write.

/** Yes, no and abstentions as counted in one vote. */
export interface VoteCounts {
  yes: number;
  no: number;
  abstain: number;
}

export type VoteSide = "yes" | "no";
export type BallotChoice = VoteSide | "abstain";

/** How a question or an election was decided. */
export type DecidedBy = "majority" | "casting_vote" | "lots";

/** A rule said no: the code names it, details fill its message. */
export interface Refusal {
  refused: string;
  details?: Record<string, unknown>;
}

export function isRefusal(value: object): value is Refusal {
  return "refused" in value;
}

/**
 * Whether a vote may be taken by secret ballot: only in an election, and then if a member asks (L5). Other
 * questions are decided openly. KL 5 kap. 52 § (check)
 */
export function secretBallotAllowed(election: boolean): boolean {
  return election;
}

/**
 * Whether two steps of the order of questions put the same motions against each other, in either order. A question
 * is voted on once (L5). KL 5 kap. 52–53 §§ (check)
 */
export function sameQuestion(
  a: { motionId: string; againstMotionId: string | null },
  b: { motionId: string; againstMotionId: string | null },
): boolean {
  return (
    (a.motionId === b.motionId && a.againstMotionId === b.againstMotionId) ||
    (a.motionId === b.againstMotionId && a.againstMotionId === b.motionId)
  );
}

/**
 * What is known of the chair's own vote: the chair's ballot when every ballot is recorded (null when the chair cast
 * none), or only the counts.
 */
export type ChairVote = { ballots: true; choice: BallotChoice | null } | { ballots: false };

/**
 * The result of a vote on an ordinary question (L6): the side with more than half of the votes cast wins;
 * abstentions are not votes cast (L7). On a tie the chair's casting vote decides, and the casting vote is the
 * chair's own vote: so a casting vote stated against the chair's recorded ballot is refused, and a chair who did not
 * vote has none. `stated` is the side the secretary gives for the chair. KL 5 kap. 54 § (check), 4 kap. 25 § (check)
 */
export function questionOutcome(
  counts: VoteCounts,
  chair: ChairVote,
  stated?: VoteSide | null,
): { result: VoteSide; decidedBy: "majority" | "casting_vote" } | Refusal {
  if (chair.ballots && stated && (chair.choice === "yes" || chair.choice === "no") && chair.choice !== stated)
    return { refused: "casting_vote_against_ballot", details: { ballot: chair.choice, stated } };
  if (counts.yes > counts.no) return { result: "yes", decidedBy: "majority" };
  if (counts.no > counts.yes) return { result: "no", decidedBy: "majority" };
  if (chair.ballots) {
    if (chair.choice === "yes" || chair.choice === "no")
      return { result: chair.choice, decidedBy: "casting_vote" };
    return { refused: "casting_vote_chair_did_not_vote", details: { ballot: chair.choice } };
  }
  if (!stated) return { refused: "casting_vote_missing" };
  // The chair's vote is one of those counted on its side.
  if (counts[stated] < 1) return { refused: "casting_vote_chair_did_not_vote", details: { ballot: null } };
  return { result: stated, decidedBy: "casting_vote" };
}

/** True when every serving member is accounted for exactly once: yes + no + abstain + absent = serving (L5). KL 5 kap. 52–53 §§ (check) */
export function countsAddUp(counts: VoteCounts & { absent: number }, serving: number): boolean {
  return counts.yes + counts.no + counts.abstain + counts.absent === serving;
}

/** How an election is held. Only majority elections are handled; proportional elections follow their own act. */
export type ElectionMethod = "majority" | "proportional";

/**
 * Whether Paragraf can record an election held by this method. A proportional election under lag (1992:339) om
 * proportionellt valsätt vid val is counted by that act's own rules, which Paragraf does not implement.
 * KL 5 kap. 53 § (check); lag (1992:339)
 */
export function electionMethodSupported(method: ElectionMethod): boolean {
  return method === "majority";
}

/** One candidate's votes in an election. */
export interface CandidateTally {
  id: string;
  votes: number;
}

/**
 * Whether an election's counts add up (L5): every serving member is counted once, as voting for candidates,
 * abstaining or not taking part; each voter names at most as many candidates as there are seats, a candidate at most
 * once, and with one seat every voter who votes names one. Returns the number of voters who named candidates.
 * KL 5 kap. 52 § (check)
 */
export function electionCountsAddUp(
  e: { candidates: readonly CandidateTally[]; seats: number; abstain: number; absent: number },
  serving: number,
): { voted: number } | Refusal {
  const voted = serving - e.abstain - e.absent;
  const sum = e.candidates.reduce((s, c) => s + c.votes, 0);
  const details = { voted, sum, seats: e.seats, serving, abstain: e.abstain, absent: e.absent };
  if (voted < 0) return { refused: "election_counts_mismatch", details };
  if (e.candidates.some((c) => c.votes > voted)) return { refused: "election_counts_mismatch", details };
  if (e.seats === 1 ? sum !== voted : sum > voted * e.seats)
    return { refused: "election_counts_mismatch", details };
  return { voted };
}

/**
 * Who is elected in a majority election of `seats` seats (L6): the candidates with the most votes. When candidates
 * with equal votes compete for the last places, lots drawn at the meeting decide, and the minutes say so; the lots
 * are drawn in the room and recorded (`lotWinners`), never drawn here. KL 5 kap. 55 § (check)
 */
export function electionOutcome(
  candidates: readonly CandidateTally[],
  seats: number,
  lotWinners: readonly string[],
): { elected: string[]; byLot: string[]; decidedBy: "majority" | "lots" } | Refusal {
  const ranked = [...candidates].sort((a, b) => b.votes - a.votes);
  const drawn = [...new Set(lotWinners)];
  if (ranked.length <= seats) {
    if (drawn.length > 0) return { refused: "lots_not_needed" };
    return { elected: ranked.map((c) => c.id), byLot: [], decidedBy: "majority" };
  }
  const last = ranked[seats - 1]!.votes;
  const sure = ranked.filter((c) => c.votes > last).map((c) => c.id);
  const tied = ranked.filter((c) => c.votes === last).map((c) => c.id);
  const places = seats - sure.length;
  if (tied.length === places) {
    if (drawn.length > 0) return { refused: "lots_not_needed" };
    return { elected: [...sure, ...tied], byLot: [], decidedBy: "majority" };
  }
  if (drawn.length === 0) return { refused: "lots_missing", details: { tied, places } };
  if (drawn.length !== places || drawn.some((id) => !tied.includes(id)))
    return { refused: "lot_winners_wrong", details: { tied, places } };
  return { elected: [...sure, ...drawn], byLot: drawn, decidedBy: "lots" };
}
