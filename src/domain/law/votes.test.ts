import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countsAddUp,
  electionCountsAddUp,
  electionMethodSupported,
  electionOutcome,
  questionOutcome,
  sameQuestion,
  secretBallotAllowed,
} from "./votes.js";

describe("L5 open votes, one vote per question (KL 5 kap. 52–53 §§ (check))", () => {
  it("allows a secret ballot only in an election", () => {
    expect(secretBallotAllowed(true)).toBe(true);
    expect(secretBallotAllowed(false)).toBe(false);
  });
  it("knows a question put again, in either order", () => {
    expect(
      sameQuestion({ motionId: "a", againstMotionId: "b" }, { motionId: "b", againstMotionId: "a" }),
    ).toBe(true);
    expect(
      sameQuestion({ motionId: "a", againstMotionId: "b" }, { motionId: "a", againstMotionId: "c" }),
    ).toBe(false);
  });
  it("counts add up only when every serving member is counted once", () => {
    expect(countsAddUp({ yes: 40, no: 15, abstain: 5, absent: 1 }, 61)).toBe(true);
    expect(countsAddUp({ yes: 40, no: 15, abstain: 5, absent: 0 }, 61)).toBe(false);
  });
});

describe("L6 an ordinary question (KL 5 kap. 54 § (check))", () => {
  it("30 yes, 30 no → the chair's side wins: the chair's own ballot is the casting vote", () => {
    expect(questionOutcome({ yes: 30, no: 30, abstain: 1 }, { ballots: true, choice: "no" })).toEqual({
      result: "no",
      decidedBy: "casting_vote",
    });
    expect(questionOutcome({ yes: 30, no: 30, abstain: 1 }, { ballots: true, choice: "no" }, "no")).toEqual({
      result: "no",
      decidedBy: "casting_vote",
    });
  });
  it("refuses a casting vote against the chair's own ballot", () => {
    expect(
      questionOutcome({ yes: 30, no: 30, abstain: 0 }, { ballots: true, choice: "yes" }, "no"),
    ).toMatchObject({
      refused: "casting_vote_against_ballot",
    });
  });
  it("gives a chair who did not vote, or abstained, no casting vote", () => {
    expect(
      questionOutcome({ yes: 2, no: 2, abstain: 1 }, { ballots: true, choice: "abstain" }, "yes"),
    ).toMatchObject({ refused: "casting_vote_chair_did_not_vote" });
    expect(questionOutcome({ yes: 2, no: 2, abstain: 0 }, { ballots: true, choice: null })).toMatchObject({
      refused: "casting_vote_chair_did_not_vote",
    });
    expect(questionOutcome({ yes: 0, no: 0, abstain: 3 }, { ballots: false }, "yes")).toMatchObject({
      refused: "casting_vote_chair_did_not_vote",
    });
  });
  it("takes the chair's side from the secretary when only counts are recorded, and asks for it on a tie", () => {
    expect(questionOutcome({ yes: 30, no: 30, abstain: 0 }, { ballots: false }, "yes")).toEqual({
      result: "yes",
      decidedBy: "casting_vote",
    });
    expect(questionOutcome({ yes: 30, no: 30, abstain: 0 }, { ballots: false })).toEqual({
      refused: "casting_vote_missing",
    });
  });
  it("the side with more votes cast wins; abstentions are not votes cast (L7, KL 4 kap. 25 § (check))", () => {
    expect(questionOutcome({ yes: 20, no: 19, abstain: 22 }, { ballots: false })).toEqual({
      result: "yes",
      decidedBy: "majority",
    });
  });
  it("never lets a tie be decided against the chair's ballot", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.constantFrom("yes", "no"), (n, chair) => {
        const out = questionOutcome({ yes: n, no: n, abstain: 0 }, { ballots: true, choice: chair as "yes" });
        expect(out).toEqual({ result: chair, decidedBy: "casting_vote" });
      }),
    );
  });
});

describe("L6 an election (KL 5 kap. 55 § (check); lag (1992:339))", () => {
  const a = { id: "a", votes: 30 };
  const b = { id: "b", votes: 30 };
  const c = { id: "c", votes: 1 };
  it("30 and 30 for one seat → lots drawn at the meeting decide, and are never drawn here", () => {
    expect(electionOutcome([a, b], 1, [])).toEqual({
      refused: "lots_missing",
      details: { tied: ["a", "b"], places: 1 },
    });
    expect(electionOutcome([a, b], 1, ["b"])).toEqual({ elected: ["b"], byLot: ["b"], decidedBy: "lots" });
    expect(electionOutcome([a, b], 1, ["c"])).toMatchObject({ refused: "lot_winners_wrong" });
  });
  it("elects the most voted, and draws lots only for the last places", () => {
    expect(electionOutcome([c, { id: "d", votes: 40 }, a], 2, [])).toEqual({
      elected: ["d", "a"],
      byLot: [],
      decidedBy: "majority",
    });
    expect(electionOutcome([{ id: "d", votes: 40 }, a, b, c], 2, ["a"])).toEqual({
      elected: ["d", "a"],
      byLot: ["a"],
      decidedBy: "lots",
    });
    expect(electionOutcome([a, b, c], 2, [])).toEqual({
      elected: ["a", "b"],
      byLot: [],
      decidedBy: "majority",
    });
    expect(electionOutcome([a, b, c], 2, ["a"])).toEqual({ refused: "lots_not_needed" });
  });
  it("handles only majority elections", () => {
    expect(electionMethodSupported("majority")).toBe(true);
    expect(electionMethodSupported("proportional")).toBe(false);
  });
  it("counts every serving member once, and a voter names at most one candidate per seat", () => {
    expect(electionCountsAddUp({ candidates: [a, b], seats: 1, abstain: 1, absent: 0 }, 61)).toEqual({
      voted: 60,
    });
    expect(electionCountsAddUp({ candidates: [a, b], seats: 1, abstain: 0, absent: 0 }, 61)).toMatchObject({
      refused: "election_counts_mismatch",
    });
    expect(electionCountsAddUp({ candidates: [a, b, c], seats: 2, abstain: 0, absent: 1 }, 40)).toEqual({
      voted: 39,
    });
    expect(
      electionCountsAddUp({ candidates: [{ id: "x", votes: 41 }], seats: 2, abstain: 0, absent: 0 }, 40),
    ).toMatchObject({
      refused: "election_counts_mismatch",
    });
  });
  it("elects exactly as many as there are seats whenever candidates outnumber them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (votes, seats) => {
          const cs = votes.map((v, i) => ({ id: `c${i}`, votes: v }));
          let out = electionOutcome(cs, seats, []);
          if ("refused" in out) {
            const { tied, places } = out.details as { tied: string[]; places: number };
            out = electionOutcome(cs, seats, tied.slice(0, places));
          }
          expect("elected" in out && out.elected.length).toBe(Math.min(seats, cs.length));
        },
      ),
    );
  });
});
