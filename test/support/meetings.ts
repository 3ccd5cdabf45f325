import type { Actor } from "../../src/accounts/actor.js";
import type { Database, Tx } from "../../src/db/connect.js";
import { addAgendaItem } from "../../src/meetings/add-agenda-item.js";
import { addAttachment } from "../../src/meetings/add-attachment.js";
import { addMotion } from "../../src/meetings/add-motion.js";
import { announceReservation } from "../../src/meetings/announce-reservation.js";
import { announceStatement } from "../../src/meetings/announce-statement.js";
import { openMeeting } from "../../src/meetings/open-meeting.js";
import { planDecisionRoute } from "../../src/meetings/plan-decision-route.js";
import { planMeeting } from "../../src/meetings/plan-meeting.js";
import { publishNotice } from "../../src/meetings/publish-notice.js";
import { recordAttendance } from "../../src/meetings/record-attendance.js";
import { recordDecision } from "../../src/meetings/record-decision.js";
import { recordVote } from "../../src/meetings/record-vote.js";
import { setRecipients } from "../../src/meetings/set-recipients.js";
import { takeUpItem } from "../../src/meetings/take-up-item.js";
import { addMembership } from "../../src/organisation/memberships.js";
import { createNumberSeries } from "../../src/register/create-number-series.js";
import { registerNewCase } from "../../src/register/register-case.js";
import { registerRecord } from "../../src/register/register-record.js";
import { tx } from "./db.js";
import { buildBody, buildParty, buildPerson } from "./factories.js";

/**
 * A committee of `seats` members (each with a party), two substitutes, one case on the agenda of an opened meeting
 * on 2026-03-10. Members listed in `present` are recorded as present (all by default).
 */
export async function buildOpenMeeting(
  database: Database,
  actor: Actor,
  options: {
    seats?: number;
    present?: number;
    kind?: "committee" | "council";
    approvalAt?: Date | null;
  } = {},
) {
  const seats = options.seats ?? 5;
  const b = await buildBody(database, actor, { kind: options.kind ?? "committee", seats });
  const s = await buildParty(database, actor, { abbreviation: "S", name: "Socialdemokraterna" });
  const m = await buildParty(database, actor, { abbreviation: "M", name: "Moderaterna" });
  const members = [];
  for (let i = 0; i < seats; i++) {
    const p = await buildPerson(database, actor, {
      name: `Ledamot ${i + 1}`,
      partyId: i % 2 === 0 ? s.id : m.id,
    });
    await tx(database, (t) =>
      addMembership(t, actor, {
        personId: p.id,
        bodyId: b.id,
        role: i === 0 ? "chair" : "member",
        startsOn: "2022-10-15",
      }),
    );
    members.push(p);
  }
  const substitutes = [];
  for (let i = 0; i < 2; i++) {
    const p = await buildPerson(database, actor, { name: `Ersättare ${i + 1}`, partyId: s.id });
    await tx(database, (t) =>
      addMembership(t, actor, { personId: p.id, bodyId: b.id, role: "substitute", startsOn: "2022-10-15" }),
    );
    substitutes.push(p);
  }
  const outsider = await buildPerson(database, actor, { name: "Utomstående", partyId: m.id });
  await tx(database, (t) =>
    createNumberSeries(t, actor, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
  );
  const theCase = await tx(database, (t) =>
    registerNewCase(t, actor, { seriesCode: "STK", title: "Ett ärende", openedOn: "2026-01-10" }),
  );
  const meeting = await tx(database, (t) =>
    planMeeting(t, actor, {
      bodyId: b.id,
      heldOn: "2026-03-10",
      startsAt: "13:00",
      place: "Stadshuset",
      approvalAt:
        options.approvalAt === undefined ? new Date("2026-03-17T10:00:00+01:00") : options.approvalAt,
    }),
  );
  const item = await tx(database, (t) => addAgendaItem(t, actor, meeting.id, { caseId: theCase.id }));
  if (options.kind === "council")
    await tx(database, (t) => publishNotice(t, actor, meeting.id, { publishedOn: "2026-03-01" }));
  await tx(database, (t) => openMeeting(t, actor, meeting.id, { at: new Date("2026-03-10T13:00:00+01:00") }));
  const presentCount = options.present ?? seats;
  for (const [i, p] of members.slice(0, presentCount).entries())
    await tx(database, (t) =>
      recordAttendance(t, actor, meeting.id, { personId: p.id, capacity: "member", presides: i === 0 }),
    );
  return { body: b, parties: { s, m }, members, substitutes, outsider, case: theCase, meeting, item };
}

type OpenMeeting = Awaited<ReturnType<typeof buildOpenMeeting>>;

/** Another meeting of the same body on `heldOn`, opened, with every member present. */
export async function openAnotherMeeting(t: Tx, actor: Actor, f: OpenMeeting, heldOn: string) {
  const m = await planMeeting(t, actor, {
    bodyId: f.body.id,
    heldOn,
    startsAt: "13:00",
    place: "Stadshuset",
  });
  await openMeeting(t, actor, m.id, { at: new Date(`${heldOn}T13:00:00+01:00`) });
  for (const [i, p] of f.members.entries())
    await recordAttendance(t, actor, m.id, { personId: p.id, capacity: "member", presides: i === 0 });
  return m;
}

/**
 * Takes up a new case on the meeting and minutes all a paragraph can carry: `motions` motions (the first approves,
 * the others refer back; at least two, since a vote puts one motion against another), a vote with ballots, a decision, a reservation, a joint special statement printed as an
 * attachment, two recipients, and a decision basis of `records` records of the case and the paragraphs `cite`.
 */
export async function minuteParagraph(
  t: Tx,
  actor: Actor,
  f: OpenMeeting,
  options: {
    meeting?: { id: string; heldOn: string };
    title: string;
    motions?: number;
    records?: number;
    cite?: string[];
  },
) {
  const { id: meetingId, heldOn } = options.meeting ?? f.meeting;
  // During the meeting, so that the written statement is in time whenever the test runs.
  const during = new Date(`${heldOn}T14:00:00+01:00`);
  const [first, second, third] = f.members as [OpenMeeting["members"][number], ...OpenMeeting["members"]];
  const theCase = await registerNewCase(t, actor, {
    seriesCode: "STK",
    title: options.title,
    openedOn: "2026-01-10",
  });
  const records = [];
  for (let i = 0; i < (options.records ?? 1); i++)
    records.push(
      await registerRecord(t, actor, {
        caseId: theCase.id,
        direction: "incoming",
        recordType: "letter",
        datedOn: "2026-02-01",
        description: `Skrivelse ${i + 1} i ${options.title}`,
      }),
    );
  const item = await addAgendaItem(t, actor, meetingId, {
    caseId: theCase.id,
    basis: [
      ...(options.cite ?? []).map((paragraphId) => ({ paragraphId })),
      ...records.map((r) => ({ recordId: r.id })),
    ],
  });
  const p = await takeUpItem(t, actor, { agendaItemId: item.id, summary: `Om ${options.title}.` });
  const approve = await addMotion(t, actor, {
    paragraphId: p.id,
    kind: "approve",
    moverIds: [first.id],
    supporterIds: [third!.id],
  });
  const others = [];
  for (let i = 1; i < Math.max(options.motions ?? 2, 2); i++)
    others.push(
      await addMotion(t, actor, {
        paragraphId: p.id,
        kind: "refer_back",
        text: `skäl ${i}`,
        moverIds: [second!.id],
      }),
    );
  await recordVote(t, actor, {
    paragraphId: p.id,
    yesMotionId: approve.id,
    noMotionId: others[0]!.id,
    ballots: [
      { personId: first.id, choice: "yes" },
      { personId: second!.id, choice: "no" },
      { personId: third!.id, choice: "yes" },
    ],
  });
  await recordDecision(t, actor, {
    paragraphId: p.id,
    points: [`Nämnden bifaller förslaget om ${options.title}.`],
  });
  await announceReservation(t, actor, { paragraphId: p.id, personId: second!.id, announcedAt: during });
  const statement = await announceStatement(t, actor, {
    paragraphId: p.id,
    kind: "special_statement",
    partyIds: [f.parties.s.id, f.parties.m.id],
    signatoryIds: [first.id, second!.id],
    text: `Vi vill säga något om ${options.title}.`,
    announcedAt: during,
    submittedAt: during,
  });
  await addAttachment(t, actor, {
    meetingId,
    title: `Särskilt yttrande om ${options.title}`,
    statementId: statement.id,
  });
  await setRecipients(t, actor, {
    paragraphId: p.id,
    recipients: [{ bodyId: f.body.id }, { label: "Stadskontoret" }],
  });
  return { case: theCase, item, paragraph: p };
}

/** `count` paragraphs minuted on the meeting (minuteParagraph), titled "Ärende 1" to "Ärende {count}". */
export async function minuteParagraphs(database: Database, actor: Actor, f: OpenMeeting, count: number) {
  const minuted = [];
  for (let i = 1; i <= count; i++)
    minuted.push(await tx(database, (t) => minuteParagraph(t, actor, f, { title: `Ärende ${i}` })));
  return minuted;
}

/** A case decided at `steps` meetings of the body, each paragraph with a reservation, and its route through them. */
export async function buildDecisionRoute(database: Database, actor: Actor, f: OpenMeeting, steps: number) {
  return tx(database, async (t) => {
    const theCase = await registerNewCase(t, actor, {
      seriesCode: "STK",
      title: "Ett ärende på väg",
      openedOn: "2026-01-10",
    });
    const meetings = [];
    for (let i = 0; i < steps; i++) {
      const m = await openAnotherMeeting(t, actor, f, `2026-04-${String(i + 1).padStart(2, "0")}`);
      const item = await addAgendaItem(t, actor, m.id, { caseId: theCase.id });
      const p = await takeUpItem(t, actor, { agendaItemId: item.id });
      await announceReservation(t, actor, { paragraphId: p.id, partyId: f.parties.m.id });
      meetings.push(m);
    }
    await planDecisionRoute(t, actor, {
      caseId: theCase.id,
      steps: meetings.map((m, i) => ({
        bodyId: f.body.id,
        plannedOn: m.heldOn,
        role: i === meetings.length - 1 ? ("decide" as const) : ("prepare" as const),
        meetingId: m.id,
      })),
    });
    return theCase;
  });
}
