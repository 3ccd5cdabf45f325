import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import type { Actor } from "../accounts/actor.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { addAttachment } from "./add-attachment.js";
import { addMotion } from "./add-motion.js";
import { announceReservation } from "./announce-reservation.js";
import { announceStatement } from "./announce-statement.js";
import { closeMeeting } from "./close-meeting.js";
import { planMeeting } from "./plan-meeting.js";
import { publishNotice } from "./publish-notice.js";
import { recordAttendance } from "./record-attendance.js";
import { recordAttendanceCount } from "./record-attendance-count.js";
import { recordDecision } from "./record-decision.js";
import { recordDisqualification } from "./record-disqualification.js";
import { recordVote } from "./record-vote.js";
import { startParagraphNumbering } from "./start-paragraph-numbering.js";
import { submitReservationText } from "./submit-reservation-text.js";
import {
  ballot,
  decisionPoint,
  paragraph,
  paragraphCounter,
  question,
  reservation,
  statement,
  voteEvent,
} from "./tables.js";
import { takeUpItem } from "./take-up-item.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const count = async (table: any, where: any) =>
  (await tx(database, (t) => t.select().from(table).where(where))).length;

describe("quorum (L2: KL 5 kap. 46 § (check), 6 kap. 27 §)", () => {
  it("refuses to take up business with 2 of 5 members present, writes nothing, and allows it with 3", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5, present: 2 });
    const error = await refusal(tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id })));
    expect(error.code).toBe("quorum_missing");
    expect(error.details).toMatchObject({ present: 2, seats: 5, needed: 3 });
    expect(await count(paragraph, eq(paragraph.meetingId, f.meeting.id))).toBe(0);
    expect(await count(paragraphCounter, eq(paragraphCounter.bodyId, f.body.id))).toBe(0);

    await tx(database, (t) =>
      recordAttendance(t, m.system, f.meeting.id, { personId: f.members[2]!.id, capacity: "member" }),
    );
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    expect(p).toMatchObject({ number: 1, year: 2026 });
  });

  it("counts a serving substitute, and uses a recorded count where the minutes give one", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5, present: 2 });
    await tx(database, (t) =>
      recordAttendance(t, m.system, f.meeting.id, {
        personId: f.substitutes[0]!.id,
        capacity: "serving_substitute",
        replacesPersonId: f.members[4]!.id,
      }),
    );
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    expect(p.number).toBe(1);

    const big = await buildOpenMeeting(database, (await freshMunicipality(database)).system, {
      seats: 7,
      present: 1,
    });
    const actor = { ...m.system, municipalityId: big.body.municipalityId };
    const error = await refusal(
      tx(database, (t) => recordAttendanceCount(t, actor, big.meeting.id, { countedPresent: 8 })),
    );
    expect(error.code).toBe("counted_above_seats");
    await tx(database, (t) => recordAttendanceCount(t, actor, big.meeting.id, { countedPresent: 4 }));
    expect((await tx(database, (t) => takeUpItem(t, actor, { agendaItemId: big.item.id }))).number).toBe(1);
  });

  it("refuses a substitute who replaces a member already present", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const error = await refusal(
      tx(database, (t) =>
        recordAttendance(t, m.system, f.meeting.id, {
          personId: f.substitutes[0]!.id,
          capacity: "serving_substitute",
          replacesPersonId: f.members[0]!.id,
        }),
      ),
    );
    expect(error.code).toBe("replaced_member_present");
  });
});

describe("paragraph numbers", () => {
  it("gives 20 concurrent secretaries at 5 meetings of one body 20 distinct gapless numbers", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const items = [f.item];
    for (let i = 1; i < 4; i++)
      items.push(await tx(database, (t) => addAgendaItem(t, m.system, f.meeting.id, { caseId: f.case.id })));
    for (const day of ["2026-04-01", "2026-05-01", "2026-06-01", "2026-09-01"]) {
      const other = await tx(database, (t) =>
        planMeeting(t, m.system, { bodyId: f.body.id, heldOn: day, startsAt: "09:00", place: "Stadshuset" }),
      );
      const { openMeeting } = await import("./open-meeting.js");
      await tx(database, (t) => openMeeting(t, m.system, other.id));
      for (const member of f.members)
        await tx(database, (t) =>
          recordAttendance(t, m.system, other.id, { personId: member.id, capacity: "member" }),
        );
      for (let i = 0; i < 4; i++)
        items.push(await tx(database, (t) => addAgendaItem(t, m.system, other.id, { caseId: f.case.id })));
    }
    const taken = await Promise.all(
      items.map((item) => tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: item.id }))),
    );
    expect(taken.map((p) => p.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it("continues from the last number of earlier minutes and refuses a second § with the same number", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    await tx(database, (t) =>
      startParagraphNumbering(t, m.system, { bodyId: f.body.id, year: 2026, lastNumber: 7 }),
    );
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id, number: 8 }));
    expect(p.number).toBe(8);
    const second = await tx(database, (t) => addAgendaItem(t, m.system, f.meeting.id, { caseId: f.case.id }));
    const error = await refusal(
      tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: second.id, number: 8 })),
    );
    expect(error.code).toBe("paragraph_number_taken");
    expect(error.details).toMatchObject({ number: 8, next: 9 });
    expect(await count(paragraph, eq(paragraph.agendaItemId, second.id))).toBe(0);
    const gap = await refusal(
      tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: second.id, number: 11 })),
    );
    expect(gap.code).toBe("paragraph_number_gap");
    // The database refuses a duplicate even when the code is bypassed.
    await expect(
      tx(database, (t) =>
        t.insert(paragraph).values({
          municipalityId: m.id,
          bodyId: f.body.id,
          meetingId: f.meeting.id,
          agendaItemId: second.id,
          year: 2026,
          number: 8,
        }),
      ),
    ).rejects.toThrow();
    const again = await refusal(
      tx(database, (t) =>
        startParagraphNumbering(t, m.system, { bodyId: f.body.id, year: 2026, lastNumber: 1 }),
      ),
    );
    expect(again.code).toBe("numbering_already_started");
  });
});

/** An approve motion by the first member and a refer-back motion by the second, for a vote to put against each other. */
async function twoMotions(m: { system: Actor }, paragraphId: string, f: { members: { id: string }[] }) {
  const approve = await tx(database, (t) =>
    addMotion(t, m.system, { paragraphId, kind: "approve", moverIds: [f.members[0]!.id] }),
  );
  const refer = await tx(database, (t) =>
    addMotion(t, m.system, {
      paragraphId,
      kind: "refer_back",
      text: "mer underlag",
      moverIds: [f.members[1]!.id],
    }),
  );
  return { yesMotionId: approve.id, noMotionId: refer.id };
}

describe("votes (L5–L7: KL 5 kap. 52–55 §§ (check))", () => {
  it("refuses a ballot from someone not serving and a vote whose counts do not add up, writing nothing", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5, present: 4 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    const ballots = f.members.slice(0, 4).map((x) => ({ personId: x.id, choice: "yes" as const }));
    const notServing = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          ...sides,
          ballots: [...ballots, { personId: f.members[4]!.id, choice: "no" }],
        }),
      ),
    );
    expect(notServing.code).toBe("not_serving");
    const mismatch = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          ...sides,
          counts: { yes: 2, no: 1, abstain: 0, absent: 0 },
        }),
      ),
    );
    expect(mismatch.code).toBe("vote_counts_mismatch");
    expect(mismatch.details).toMatchObject({ sum: 3, serving: 4 });
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(0);
    expect(await count(question, eq(question.paragraphId, p.id))).toBe(0);
  });

  it("decides a tie by the chair's own ballot, and records every ballot with abstentions", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    const [a, b, c, d, e] = f.members.map((x) => x.id) as [string, string, string, string, string];
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        ...sides,
        ballots: [
          { personId: a, choice: "no" },
          { personId: b, choice: "yes" },
          { personId: c, choice: "yes" },
          { personId: d, choice: "no" },
          { personId: e, choice: "abstain" },
        ],
      }),
    );
    expect(vote).toMatchObject({
      yesCount: 2,
      noCount: 2,
      abstainCount: 1,
      absentCount: 0,
      result: "no",
      decidedBy: "casting_vote",
    });
    expect(vote.questionId).not.toBeNull();
    expect(await count(ballot, eq(ballot.voteEventId, vote.id))).toBe(5);
    const [q] = await tx(database, (t) => t.select().from(question).where(eq(question.id, vote.questionId!)));
    expect(q).toMatchObject({
      motionId: sides.yesMotionId,
      againstMotionId: sides.noMotionId,
      winnerMotionId: sides.noMotionId,
    });
    const { paragraphView } = await import("./read-minutes.js");
    const v = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    expect(v.proceedings).toContain(
      "Rösterna är lika. Ordföranden, som röstade nej, har utslagsröst (KL 5 kap. 54 §).",
    );
    expect(v.votes[0]).toMatchObject({
      kind: "question",
      result: "no",
      decidedBy: "casting_vote",
      winner: "återremissyrkandet från Ledamot 2 (M)",
      yes: { motionId: sides.yesMotionId, name: "förslaget till beslut", movers: ["Ledamot 1 (S)"] },
      no: { motionId: sides.noMotionId, kind: "refer_back", movers: ["Ledamot 2 (M)"] },
      question: {
        position: 1,
        motion: "förslaget till beslut",
        against: "återremissyrkandet från Ledamot 2 (M)",
      },
      counts: { yes: 2, no: 2, abstain: 1, absent: 0, voted: 4 },
    });
  });

  it("refuses a casting vote against the chair's ballot, and a casting vote from a chair who did not vote", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 4 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    const [a, b, c, d] = f.members.map((x) => x.id) as [string, string, string, string];
    const tie = (chair: "yes" | "no" | "abstain") => [
      { personId: a, choice: chair },
      { personId: b, choice: "yes" as const },
      { personId: c, choice: "no" as const },
      ...(chair === "abstain"
        ? []
        : [{ personId: d, choice: chair === "yes" ? ("no" as const) : ("yes" as const) }]),
    ];
    const against = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, { paragraphId: p.id, ...sides, ballots: tie("yes"), castingVote: "no" }),
      ),
    );
    expect(against.code).toBe("casting_vote_against_ballot");
    const { describeError } = await import("../http/errors.js");
    await import("./errors.js");
    expect(describeError(against).message).toBe(
      "Ordföranden röstade ja och kan inte ha utslagsröst för nej: utslagsrösten är ordförandens egen röst (KL 5 kap. 54 §). Ingenting har sparats.",
    );
    const abstained = await refusal(
      tx(database, (t) => recordVote(t, m.system, { paragraphId: p.id, ...sides, ballots: tie("abstain") })),
    );
    expect(abstained.code).toBe("casting_vote_chair_did_not_vote");
    expect(describeError(abstained).message).toContain("ordföranden avstod");
    const absent = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          ...sides,
          ballots: [
            { personId: b, choice: "yes" },
            { personId: c, choice: "no" },
          ],
          castingVote: "yes",
        }),
      ),
    );
    expect(absent.code).toBe("casting_vote_chair_did_not_vote");
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(0);
    expect(await count(question, eq(question.paragraphId, p.id))).toBe(0);

    // With only the counts, the secretary states the chair's vote.
    const counted = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        ...sides,
        counts: { yes: 2, no: 2, abstain: 0, absent: 0 },
        castingVote: "yes",
      }),
    );
    expect(counted).toMatchObject({ result: "yes", decidedBy: "casting_vote" });
  });

  it("refuses a secret ballot on an ordinary question, writing nothing", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    const error = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          ...sides,
          secret: true,
          counts: { yes: 2, no: 1, abstain: 0, absent: 0 },
        }),
      ),
    );
    expect(error.code).toBe("secret_ballot_not_election");
    expect(error.field).toBe("secret");
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(0);
  });

  it("votes on a question once: a second vote on the same motions is refused, and the database refuses it anyway", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    const counts = { yes: 2, no: 1, abstain: 0, absent: 0 };
    const first = await tx(database, (t) => recordVote(t, m.system, { paragraphId: p.id, ...sides, counts }));
    const again = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          yesMotionId: sides.noMotionId,
          noMotionId: sides.yesMotionId,
          counts,
        }),
      ),
    );
    expect(again.code).toBe("question_already_voted");
    expect(again.details).toEqual({ position: 1 });
    const byQuestion = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, { paragraphId: p.id, questionId: first.questionId, counts }),
      ),
    );
    expect(byQuestion.code).toBe("question_already_voted");
    const { putQuestion } = await import("./put-question.js");
    const putAgain = await refusal(
      tx(database, (t) =>
        putQuestion(t, m.system, {
          paragraphId: p.id,
          motionId: sides.yesMotionId,
          againstMotionId: sides.noMotionId,
          winnerMotionId: sides.yesMotionId,
        }),
      ),
    );
    expect(putAgain.code).toBe("question_already_voted");
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(1);
    await expect(
      tx(database, (t) =>
        t.insert(voteEvent).values({
          paragraphId: p.id,
          position: 2,
          questionId: first.questionId,
          yesCount: 2,
          noCount: 1,
          abstainCount: 0,
          absentCount: 0,
          result: "yes",
          decidedBy: "majority",
        }),
      ),
    ).rejects.toThrow();
  });

  it("answers a question put earlier: the vote decides it, and a question with one motion is not voted on", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    const { putQuestion } = await import("./put-question.js");
    const alone = await tx(database, (t) =>
      putQuestion(t, m.system, {
        paragraphId: p.id,
        motionId: sides.yesMotionId,
        winnerMotionId: sides.yesMotionId,
      }),
    );
    const lone = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          questionId: alone.id,
          counts: { yes: 2, no: 1, abstain: 0, absent: 0 },
        }),
      ),
    );
    expect(lone.code).toBe("question_not_contested");
    const put = await tx(database, (t) =>
      putQuestion(t, m.system, {
        paragraphId: p.id,
        motionId: sides.yesMotionId,
        againstMotionId: sides.noMotionId,
        winnerMotionId: sides.yesMotionId,
      }),
    );
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        questionId: put.id,
        counts: { yes: 1, no: 2, abstain: 0, absent: 0 },
      }),
    );
    expect(vote).toMatchObject({ questionId: put.id, yesMotionId: sides.yesMotionId, result: "no" });
    const [q] = await tx(database, (t) => t.select().from(question).where(eq(question.id, put.id)));
    expect(q!.winnerMotionId).toBe(sides.noMotionId);
    expect(await count(question, eq(question.paragraphId, p.id))).toBe(2);
  });
});

describe("elections (L5, L6: KL 5 kap. 52 §, 55 § (check); lag (1992:339))", () => {
  async function election(seats = 4) {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    return { m, f, p };
  }

  it("refuses an election without candidates, a proportional one, ballots and a casting vote, writing nothing", async () => {
    const { m, f, p } = await election();
    const base = { paragraphId: p.id, election: true, counts: { abstain: 0, absent: 0 } };
    const none = await refusal(tx(database, (t) => recordVote(t, m.system, base)));
    expect(none.code).toBe("election_without_candidates");
    const candidates = [
      { personId: f.outsider.id, votes: 2 },
      { personId: f.members[1]!.id, votes: 2 },
    ];
    const proportional = await refusal(
      tx(database, (t) => recordVote(t, m.system, { ...base, candidates, method: "proportional" })),
    );
    expect(proportional.code).toBe("proportional_election_unsupported");
    const casting = await refusal(
      tx(database, (t) => recordVote(t, m.system, { ...base, candidates, castingVote: "yes" })),
    );
    expect(casting.code).toBe("casting_vote_in_election");
    const lotSide = await refusal(
      tx(database, (t) => recordVote(t, m.system, { ...base, candidates, lotSide: "yes" })),
    );
    expect(lotSide.code).toBe("lot_side_not_used");
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(0);
  });

  it("30–30 style tie: refused until the secretary records the lot drawn at the meeting, never drawn by the server", async () => {
    const { m, f, p } = await election();
    const candidates = [
      { personId: f.outsider.id, votes: 2 },
      { personId: f.members[1]!.id, votes: 2 },
    ];
    const input = {
      paragraphId: p.id,
      election: true,
      secret: true,
      candidates,
      counts: { abstain: 0, absent: 0 },
    };
    for (let i = 0; i < 3; i++) {
      const missing = await refusal(tx(database, (t) => recordVote(t, m.system, input)));
      expect(missing.code).toBe("lots_missing");
      expect(missing.details).toEqual({ tied: "Utomstående (M) och Ledamot 2 (M)", places: 1 });
    }
    const wrong = await refusal(
      tx(database, (t) => recordVote(t, m.system, { ...input, lotWinnerIds: [f.members[0]!.id] })),
    );
    expect(wrong.code).toBe("lot_winners_wrong");
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(0);

    const vote = await tx(database, (t) =>
      recordVote(t, m.system, { ...input, lotWinnerIds: [f.members[1]!.id] }),
    );
    expect(vote).toMatchObject({ election: true, secret: true, seats: 1, result: null, decidedBy: "lots" });
    expect(await count(ballot, eq(ballot.voteEventId, vote.id))).toBe(0);
    const { paragraphView } = await import("./read-minutes.js");
    const v = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    const lower = f.body.name.charAt(0).toLowerCase() + f.body.name.slice(1);
    expect(v.proceedings).toEqual([
      "Sluten omröstning begärs och verkställs i valet, som gäller en plats. Kandidater är Utomstående (M) och Ledamot 2 (M).",
      "Omröstningen ger Utomstående (M) 2 röster och Ledamot 2 (M) 2 röster; 0 avstår och 0 tjänstgörande deltar inte.",
      "Rösterna är lika mellan Utomstående (M) och Ledamot 2 (M). Lotten dras vid sammanträdet och faller på Ledamot 2 (M) (KL 5 kap. 55 §).",
      `Därmed har ${lower} valt Ledamot 2 (M).`,
    ]);
    expect(v.votes[0]).toMatchObject({
      kind: "election",
      seats: 1,
      decidedBy: "lots",
      result: null,
      winner: "Ledamot 2 (M)",
      elected: ["Ledamot 2 (M)"],
      candidates: [
        { person: "Utomstående (M)", votes: 2, elected: false, byLot: false },
        { person: "Ledamot 2 (M)", votes: 2, elected: true, byLot: true },
      ],
      counts: { yes: null, no: null, abstain: 0, absent: 0, voted: 4 },
    });
  });

  it("elects the most voted to two seats and refuses counts that do not add up", async () => {
    const { m, f, p } = await election(5);
    const [a, b, c] = f.members.map((x) => x.id) as [string, string, string];
    const bad = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          election: true,
          seats: 2,
          candidates: [
            { personId: a, votes: 5 },
            { personId: b, votes: 4 },
            { personId: c, votes: 2 },
          ],
          counts: { abstain: 1, absent: 0 },
        }),
      ),
    );
    expect(bad.code).toBe("election_counts_mismatch");
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        election: true,
        seats: 2,
        candidates: [
          { personId: a, votes: 4 },
          { personId: b, votes: 3 },
          { personId: c, votes: 1 },
        ],
        counts: { abstain: 1, absent: 0 },
      }),
    );
    expect(vote).toMatchObject({ decidedBy: "majority", seats: 2, yesCount: 4 });
    const { paragraphView } = await import("./read-minutes.js");
    const v = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    expect(v.votes[0]!.elected).toEqual(["Ledamot 1 (S)", "Ledamot 2 (M)"]);
    expect(v.proceedings.at(-1)).toMatch(/valt Ledamot 1 \(S\) och Ledamot 2 \(M\)\.$/);
  });
});

describe("disqualification (L4: KL 5 kap. 47–48 §§, 6 kap. 28–32 §§ (check))", () => {
  it("keeps a disqualified member out of the item's vote and lets the substitute serve for it", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    await tx(database, (t) =>
      recordAttendance(t, m.system, f.meeting.id, { personId: f.substitutes[0]!.id, capacity: "substitute" }),
    );
    await tx(database, (t) =>
      recordDisqualification(t, m.system, {
        agendaItemId: f.item.id,
        personId: f.members[1]!.id,
        reason: "Närstående är part i ärendet",
        substitutePersonId: f.substitutes[0]!.id,
      }),
    );
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, { members: [f.members[0]!, f.members[2]!] });
    const error = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          ...sides,
          ballots: [
            { personId: f.members[0]!.id, choice: "yes" },
            { personId: f.members[1]!.id, choice: "yes" },
          ],
        }),
      ),
    );
    expect(error.code).toBe("not_serving");
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        ...sides,
        ballots: [
          { personId: f.members[0]!.id, choice: "yes" },
          { personId: f.members[2]!.id, choice: "no" },
          { personId: f.substitutes[0]!.id, choice: "yes" },
        ],
      }),
    );
    expect(vote).toMatchObject({ yesCount: 2, noCount: 1, result: "yes" });
  });
});

describe("reservations (L8: KL 4 kap. 27 § (check))", () => {
  it("refuses a reservation by someone who did not take part or after the meeting closed", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const sides = await twoMotions(m, p.id, f);
    await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        ...sides,
        ballots: [
          { personId: f.members[0]!.id, choice: "yes" },
          { personId: f.members[1]!.id, choice: "no" },
          { personId: f.members[2]!.id, choice: "abstain" },
        ],
      }),
    );
    await tx(database, (t) =>
      recordDecision(t, m.system, { paragraphId: p.id, points: ["Nämnden godkänner."] }),
    );
    const abstainer = await refusal(
      tx(database, (t) =>
        announceReservation(t, m.system, { paragraphId: p.id, personId: f.members[2]!.id }),
      ),
    );
    expect(abstainer.code).toBe("reservation_not_participant");
    const outsider = await refusal(
      tx(database, (t) => announceReservation(t, m.system, { paragraphId: p.id, personId: f.outsider.id })),
    );
    expect(outsider.code).toBe("reservation_not_participant");
    const ok = await tx(database, (t) =>
      announceReservation(t, m.system, {
        paragraphId: p.id,
        personId: f.members[1]!.id,
        announcedAt: new Date("2026-03-10T15:00:00+01:00"),
      }),
    );
    expect(ok.partyId).toBe(f.parties.m.id);
    await tx(database, (t) =>
      closeMeeting(t, m.system, f.meeting.id, { at: new Date("2026-03-10T16:00:00+01:00") }),
    );
    const late = await refusal(
      tx(database, (t) =>
        announceReservation(t, m.system, { paragraphId: p.id, personId: f.members[0]!.id }),
      ),
    );
    expect(late.code).toBe("reservation_after_close");
    expect(await count(reservation, eq(reservation.paragraphId, p.id))).toBe(1);

    const tooLate = await refusal(
      tx(database, (t) =>
        submitReservationText(t, m.system, ok.id, {
          text: "Vi anser att …",
          submittedAt: new Date("2026-03-18T09:00:00+01:00"),
        }),
      ),
    );
    expect(tooLate.code).toBe("written_after_approval");
    const written = await tx(database, (t) =>
      submitReservationText(t, m.system, ok.id, {
        text: "Vi anser att …",
        submittedAt: new Date("2026-03-16T09:00:00+01:00"),
      }),
    );
    expect(written.justification).toBe("Vi anser att …");
    const attachment = await tx(database, (t) =>
      addAttachment(t, m.system, { meetingId: f.meeting.id, title: "Reservation (M)", reservationId: ok.id }),
    );
    expect(attachment.number).toBe(1);
    const taken = await refusal(
      tx(database, (t) => addAttachment(t, m.system, { meetingId: f.meeting.id, title: "Annan", number: 1 })),
    );
    expect(taken.code).toBe("attachment_number_taken");
  });

  it("records a joint special statement with its parties and the audit trail", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    await tx(database, (t) =>
      addMotion(t, m.system, {
        paragraphId: p.id,
        kind: "approve",
        moverIds: [f.members[0]!.id, f.members[1]!.id],
      }),
    );
    const st = await tx(database, (t) =>
      announceStatement(t, m.system, {
        paragraphId: p.id,
        kind: "special_statement",
        announcerIds: [f.members[0]!.id, f.members[1]!.id],
      }),
    );
    expect(await count(statement, eq(statement.id, st.id))).toBe(1);
    const trail = await tx(database, (t) =>
      t
        .select()
        .from(auditEntry)
        .where(and(eq(auditEntry.recordId, p.id), eq(auditEntry.municipalityId, m.id)))
        .orderBy(asc(auditEntry.id)),
    );
    expect(trail.map((e) => e.action)).toEqual([
      "paragraph.allocated",
      "motion.added",
      "statement.announced",
    ]);
    const absent = await refusal(
      tx(database, (t) =>
        announceStatement(t, m.system, {
          paragraphId: p.id,
          kind: "protocol_note",
          announcerIds: [f.outsider.id],
        }),
      ),
    );
    expect(absent.code).toBe("statement_author_absent");
  });
});

describe("notice and open meetings (L1, L3)", () => {
  it("refuses a council notice later than a week before the meeting, and opening without one", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const { buildBody } = await import("../../test/support/factories.js");
    const council = await buildBody(database, m.system, {
      kind: "council",
      name: "Kommunfullmäktige",
      seats: 61,
    });
    const meeting = await tx(database, (t) =>
      planMeeting(t, m.system, {
        bodyId: council.id,
        heldOn: "2026-01-22",
        startsAt: "17:00",
        place: "Rådhuset",
      }),
    );
    expect(meeting.isPublic).toBe(true);
    expect(f.meeting.isPublic).toBe(false);
    const late = await refusal(
      tx(database, (t) => publishNotice(t, m.system, meeting.id, { publishedOn: "2026-01-16" })),
    );
    expect(late.code).toBe("council_notice_late");
    expect(late.details).toMatchObject({ deadline: "2026-01-15" });
    const { openMeeting } = await import("./open-meeting.js");
    expect((await refusal(tx(database, (t) => openMeeting(t, m.system, meeting.id)))).code).toBe(
      "council_notice_missing",
    );
    await tx(database, (t) => publishNotice(t, m.system, meeting.id, { publishedOn: "2026-01-15" }));
    expect((await tx(database, (t) => openMeeting(t, m.system, meeting.id))).status).toBe("opened");
  });

  it("refuses a decision once attendance has dropped below quorum, keeping the earlier decision", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5, present: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    await tx(database, (t) =>
      recordDecision(t, m.system, { paragraphId: p.id, points: ["Första lydelsen."] }),
    );
    // A member recorded as leaving before item 1 leaves the meeting without quorum for it.
    const { attendance } = await import("./tables.js");
    await tx(database, (t) =>
      t
        .update(attendance)
        .set({ toPosition: 1, fromPosition: 1 })
        .where(eq(attendance.personId, f.members[2]!.id)),
    );
    await tx(database, (t) =>
      t.update(attendance).set({ fromPosition: 2 }).where(eq(attendance.personId, f.members[1]!.id)),
    );
    const error = await refusal(
      tx(database, (t) => recordDecision(t, m.system, { paragraphId: p.id, points: ["Andra lydelsen."] })),
    );
    expect(error.code).toBe("quorum_missing");
    const points = await tx(database, (t) =>
      t.select().from(decisionPoint).where(eq(decisionPoint.paragraphId, p.id)),
    );
    expect(points.map((x) => x.text)).toEqual(["Första lydelsen."]);
  });
});

describe("order of questions and votes in the proceedings (L6: KL 5 kap. 54 § (check))", () => {
  it("renders the questions put, the vote with what yes and no meant, and the decision", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const approve = await tx(database, (t) =>
      addMotion(t, m.system, { paragraphId: p.id, kind: "approve", moverIds: [f.members[0]!.id] }),
    );
    const refer = await tx(database, (t) =>
      addMotion(t, m.system, {
        paragraphId: p.id,
        kind: "refer_back",
        text: "ärendet behöver utredas mer",
        moverIds: [f.members[1]!.id],
        supporterIds: [f.members[2]!.id],
      }),
    );
    const { putQuestion } = await import("./put-question.js");
    const { paragraphView } = await import("./read-minutes.js");
    const wrong = await refusal(
      tx(database, (t) =>
        putQuestion(t, m.system, { paragraphId: p.id, motionId: approve.id, winnerMotionId: refer.id }),
      ),
    );
    expect(wrong.code).toBe("winner_not_in_question");
    const put = await tx(database, (t) =>
      putQuestion(t, m.system, {
        paragraphId: p.id,
        motionId: approve.id,
        againstMotionId: refer.id,
        winnerMotionId: approve.id,
      }),
    );
    await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        questionId: put.id,
        ballots: [
          { personId: f.members[0]!.id, choice: "yes" },
          { personId: f.members[1]!.id, choice: "no" },
          { personId: f.members[2]!.id, choice: "yes" },
        ],
      }),
    );
    const vote2 = await refusal(
      tx(database, async (t) =>
        putQuestion(t, m.system, {
          paragraphId: p.id,
          motionId: approve.id,
          againstMotionId: refer.id,
          voteEventId: (await t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p.id)))[0]!.id,
        }),
      ),
    );
    expect(vote2.code).toBe("question_already_voted");
    await tx(database, (t) =>
      putQuestion(t, m.system, { paragraphId: p.id, motionId: approve.id, winnerMotionId: approve.id }),
    );
    await tx(database, (t) =>
      recordDecision(t, m.system, { paragraphId: p.id, points: ["Nämnden bifaller förslaget."] }),
    );
    const v = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    const lower = `${f.body.name.charAt(0).toLowerCase()}${f.body.name.slice(1)}`;
    expect(v.proceedings).toEqual([
      "Ledamot 1 (S) yrkar bifall till förslaget till beslut.",
      "Ledamot 2 (M) yrkar återremiss med motiveringen: ärendet behöver utredas mer. Ledamot 3 (S) instämmer i yrkandet.",
      "Omröstning begärs och verkställs. Den som vill bifalla förslaget till beslut röstar ja, den som vill bifalla återremissyrkandet från Ledamot 2 (M) röstar nej.",
      "Omröstningen ger 2 ja, 1 nej och 0 som avstår; 0 tjänstgörande deltar inte.",
      `Därmed har ${lower} beslutat att bifalla förslaget till beslut.`,
      `Ordföranden ställer proposition på förslaget till beslut och finner att ${lower} bifaller det.`,
    ]);
    expect(v.votes[0]!.ballots.map((b) => b.choice)).toEqual(["yes", "no", "yes"]);
  });
});
