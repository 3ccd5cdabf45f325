import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
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

describe("votes (L5–L7: KL 5 kap. 52–55 §§ (check))", () => {
  it("refuses a ballot from someone not serving and a vote whose counts do not add up, writing nothing", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5, present: 4 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const ballots = f.members.slice(0, 4).map((x) => ({ personId: x.id, choice: "yes" as const }));
    const notServing = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
          ballots: [...ballots, { personId: f.members[4]!.id, choice: "no" }],
        }),
      ),
    );
    expect(notServing.code).toBe("not_serving");
    const mismatch = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, { paragraphId: p.id, counts: { yes: 2, no: 1, abstain: 0, absent: 0 } }),
      ),
    );
    expect(mismatch.code).toBe("vote_counts_mismatch");
    expect(mismatch.details).toMatchObject({ sum: 3, serving: 4 });
    expect(await count(voteEvent, eq(voteEvent.paragraphId, p.id))).toBe(0);
  });

  it("decides a tie by the chair's casting vote, and records every ballot with abstentions", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const [a, b, c, d, e] = f.members.map((x) => x.id) as [string, string, string, string, string];
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
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
    expect(await count(ballot, eq(ballot.voteEventId, vote.id))).toBe(5);
  });

  it("draws lots on a tie in an election", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 4 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        election: true,
        secret: true,
        counts: { yes: 2, no: 2, abstain: 0, absent: 0 },
        lotSide: "yes",
      }),
    );
    expect(vote).toMatchObject({ result: "yes", decidedBy: "lots" });
    expect(await count(ballot, eq(ballot.voteEventId, vote.id))).toBe(0);
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
    const error = await refusal(
      tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: p.id,
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
    await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
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
    const vote = await tx(database, (t) =>
      recordVote(t, m.system, {
        paragraphId: p.id,
        yesMotionId: approve.id,
        noMotionId: refer.id,
        ballots: [
          { personId: f.members[0]!.id, choice: "yes" },
          { personId: f.members[1]!.id, choice: "no" },
          { personId: f.members[2]!.id, choice: "yes" },
        ],
      }),
    );
    await tx(database, (t) =>
      putQuestion(t, m.system, {
        paragraphId: p.id,
        motionId: approve.id,
        againstMotionId: refer.id,
        voteEventId: vote.id,
      }),
    );
    const wrong = await refusal(
      tx(database, (t) =>
        putQuestion(t, m.system, { paragraphId: p.id, motionId: approve.id, winnerMotionId: refer.id }),
      ),
    );
    expect(wrong.code).toBe("winner_not_in_question");
    await tx(database, (t) =>
      putQuestion(t, m.system, { paragraphId: p.id, motionId: approve.id, winnerMotionId: approve.id }),
    );
    await tx(database, (t) =>
      recordDecision(t, m.system, { paragraphId: p.id, points: ["Nämnden bifaller förslaget."] }),
    );
    const v = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    expect(v.proceedings).toEqual([
      "Ledamot 1 (S) yrkar bifall till förslaget till beslut.",
      "Ledamot 2 (M) yrkar återremiss med motiveringen: ärendet behöver utredas mer. Ledamot 3 (S) instämmer i yrkandet.",
      `Ordföranden ställer proposition på förslaget till beslut och finner att ${f.body.name.charAt(0).toLowerCase()}${f.body.name.slice(1)} bifaller det.`,
      "Omröstning begärs och verkställs. Den som vill bifalla förslaget till beslut röstar ja, den som vill bifalla återremissyrkandet från Ledamot 2 (M) röstar nej.",
      "Omröstningen ger 2 ja, 1 nej och 0 som avstår; 0 tjänstgörande deltar inte.",
      `Därmed har ${f.body.name.charAt(0).toLowerCase()}${f.body.name.slice(1)} beslutat att bifalla förslaget till beslut.`,
    ]);
    expect(v.votes[0]!.ballots.map((b) => b.choice)).toEqual(["yes", "no", "yes"]);
  });
});
