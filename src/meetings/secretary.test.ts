import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import { countQueries } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { registerNewCase } from "../register/register-case.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { addMotion } from "./add-motion.js";
import { announceReservation } from "./announce-reservation.js";
import { announceStatement } from "./announce-statement.js";
import { openMeeting } from "./open-meeting.js";
import { planMeeting } from "./plan-meeting.js";
import { meetingView } from "./read-minutes.js";
import { readSecretaryDesk, readSecretaryParagraph } from "./read-secretary-desk.js";
import { recordAttendance } from "./record-attendance.js";
import { recordVote } from "./record-vote.js";
import {
  agendaItem,
  motion,
  paragraph,
  question,
  recipient,
  reservation,
  statement,
  statementPerson,
  voteCandidate,
  voteEvent,
} from "./tables.js";
import { takeUpItem } from "./take-up-item.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

type Fixture = Awaited<ReturnType<typeof buildOpenMeeting>>;

/** Puts more cases on the meeting's agenda, so that it has `items` items in all. */
async function lengthenAgenda(m: TestMunicipality, meetingId: string, items: number) {
  const added = [];
  for (let i = 1; i < items; i++) {
    const c = await tx(database, (t) =>
      registerNewCase(t, m.system, { seriesCode: "STK", title: `Ärende ${i + 1}`, openedOn: "2026-01-10" }),
    );
    added.push(await tx(database, (t) => addAgendaItem(t, m.system, meetingId, { caseId: c.id })));
  }
  return added;
}

/** A second opened meeting of the same body, a week later, with its own item taken up as a paragraph. */
async function laterMeeting(m: TestMunicipality, f: Fixture) {
  const later = await tx(database, (t) =>
    planMeeting(t, m.system, {
      bodyId: f.body.id,
      heldOn: "2026-03-17",
      startsAt: "13:00",
      place: "Stadshuset",
    }),
  );
  const c = await tx(database, (t) =>
    registerNewCase(t, m.system, { seriesCode: "STK", title: "Ett senare ärende", openedOn: "2026-01-12" }),
  );
  const item = await tx(database, (t) => addAgendaItem(t, m.system, later.id, { caseId: c.id }));
  await tx(database, (t) =>
    openMeeting(t, m.system, later.id, { at: new Date("2026-03-17T13:00:00+01:00") }),
  );
  for (const p of f.members)
    await tx(database, (t) =>
      recordAttendance(t, m.system, later.id, { personId: p.id, capacity: "member" }),
    );
  const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: item.id }));
  return { meeting: later, item, paragraph: p };
}

async function secretaryOf(m: TestMunicipality, f: Fixture) {
  const user = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
  const { app } = testApp(database, m.slug);
  const client = new Client(app);
  await client.logIn(user.email, user.password);
  return { app, client };
}

describe("the secretary's desk", () => {
  it("answers 404 in Swedish, writing nothing, to a form about a paragraph, item or text of another meeting", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const here = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const other = await laterMeeting(m, f);
    const withheld = await tx(database, (t) =>
      announceReservation(t, m.system, { paragraphId: other.paragraph.id, personId: f.members[1]!.id }),
    );
    const { client } = await secretaryOf(m, f);
    const desk = `/sammantraden/${f.meeting.id}/sekreterare`;

    // The secretary keeps both meetings' minutes, so only the address tells that the paragraph is not this one's.
    const foreign = `${desk}/paragrafer/${other.paragraph.id}`;
    const motionPosted = await client.postForm(desk, `${foreign}/yrkande`, {
      kind: "approve",
      moverIds: f.members[0]!.id,
    });
    expect(motionPosted.status).toBe(404);
    expect(plain(await motionPosted.text())).toContain("Paragrafen finns inte i det här sammanträdet.");
    const motions = await tx(database, (t) =>
      t
        .select()
        .from(motion)
        .where(inArray(motion.paragraphId, [other.paragraph.id, here.id])),
    );
    expect(motions).toHaveLength(0);
    expect((await client.get(foreign)).status).toBe(404);

    const takenUp = await client.postForm(desk, `${desk}/arenden/${other.item.id}/paragraf`, {});
    expect(takenUp.status).toBe(404);
    expect(plain(await takenUp.text())).toContain(
      "Ärendet finns inte på det här sammanträdets föredragningslista.",
    );

    const ownPage = `${desk}/paragrafer/${here.id}`;
    const text = await client.postForm(ownPage, `${ownPage}/reservation/${withheld.id}/text`, {
      [`text-${withheld.id}`]: "Skälen.",
    });
    expect(text.status).toBe(404);
    expect(plain(await text.text())).toContain("Reservationen hör inte till paragrafen.");
    const [kept] = await tx(database, (t) =>
      t.select().from(reservation).where(eq(reservation.id, withheld.id)),
    );
    expect(kept!.justification).toBeNull();
    expect(
      await tx(database, (t) => t.select().from(paragraph).where(eq(paragraph.meetingId, f.meeting.id))),
    ).toHaveLength(1);
  });

  it("reads every ticked box and every line of a form, and shows a refusal above the page", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const { app, client } = await secretaryOf(m, f);
    const page = `/sammantraden/${f.meeting.id}/sekreterare/paragrafer/${p.id}`;
    // A browser posts a name once for each ticked box; the test client's forms cannot, so this one is written out.
    const post = async (action: string, body: URLSearchParams) =>
      app.request(`${page}/${action}`, {
        method: "POST",
        headers: {
          cookie: client.cookieHeader(),
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": client.address,
        },
        body: body.toString(),
        redirect: "manual",
      });
    const token = await client.csrfFrom(page);

    const announced = await post(
      "yttrande",
      new URLSearchParams([
        ["_csrf", token],
        ["kind", "special_statement"],
        ["announcerIds", f.members[0]!.id],
        ["announcerIds", f.members[2]!.id],
      ]),
    );
    expect(announced.status).toBe(303);
    expect(announced.headers.get("location")).toBe(`${page}#yttrande`);
    const [st] = await tx(database, (t) => t.select().from(statement).where(eq(statement.paragraphId, p.id)));
    const announcers = await tx(database, (t) =>
      t.select().from(statementPerson).where(eq(statementPerson.statementId, st!.id)),
    );
    expect(announcers.map((x) => x.personId).sort()).toEqual([f.members[0]!.id, f.members[2]!.id].sort());

    const sent = await post(
      "mottagare",
      new URLSearchParams([
        ["_csrf", token],
        ["bodyIds", f.body.id],
        ["labels", "Stadskontorets handläggare\r\n\r\nRevisionen"],
      ]),
    );
    expect(sent.status).toBe(303);
    const recipients = await tx(database, (t) =>
      t.select().from(recipient).where(eq(recipient.paragraphId, p.id)).orderBy(recipient.position),
    );
    expect(recipients.map((r) => r.bodyId ?? r.label)).toEqual([
      f.body.id,
      "Stadskontorets handläggare",
      "Revisionen",
    ]);

    const refused = await post(
      "yrkande",
      new URLSearchParams([
        ["_csrf", token],
        ["kind", "approve"],
      ]),
    );
    expect(refused.status).toBe(400);
    const shown = plain(await refused.text());
    expect(shown).toContain("Det gick inte att spara");
    expect(shown).toContain("Ange minst en person som yrkar.");
    expect(
      await tx(database, (t) => t.select().from(motion).where(eq(motion.paragraphId, p.id))),
    ).toHaveLength(0);
  });

  it("gives every field on the desk an id of its own, though each item has forms with the same fields", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    await lengthenAgenda(m, f.meeting.id, 3);
    const { client } = await secretaryOf(m, f);
    const html = await (await client.get(`/sammantraden/${f.meeting.id}/sekreterare`)).text();
    expect(plain(html)).toContain("Ärende 3: Ärende 3");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]);
    expect(ids.filter((id) => id?.endsWith("-summary"))).toHaveLength(3);
    expect(ids.length).toBeGreaterThan(20);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("votes and elections on the desk", () => {
  it("records an election with a tie settled by the lots drawn at the meeting, and the page says who was elected", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const { client } = await secretaryOf(m, f);
    const page = `/sammantraden/${f.meeting.id}/sekreterare/paragrafer/${p.id}`;
    const before = plain(await (await client.get(page)).text());
    expect(before).toContain("Lotten föll på");
    expect(before).toContain("Protokollför valet");
    // Ledamot 2 and Ledamot 3 tie for the one seat; Ledamot 4 has the fifth vote.
    const [, second, third, fourth] = f.members;
    const election = {
      seats: "1",
      [`votes-${second!.id}`]: "2",
      [`votes-${third!.id}`]: "2",
      [`votes-${fourth!.id}`]: "1",
      secret: "on",
    };
    const elections = () =>
      tx(database, (t) => t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p.id)));

    // Without the lots the tie is not settled: refused in Swedish, nothing written.
    const refused = await client.postForm(page, `${page}/val`, election);
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain(
      "Rösterna är lika mellan Ledamot 2 (M) och Ledamot 3 (S) om en plats.",
    );
    expect(await elections()).toHaveLength(0);

    const posted = await client.postForm(page, `${page}/val`, { ...election, lotWinnerIds: third!.id });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`${page}#val`);
    const [recorded] = await elections();
    expect(recorded).toMatchObject({
      election: true,
      secret: true,
      seats: 1,
      decidedBy: "lots",
      result: null,
    });
    const candidates = await tx(database, (t) =>
      t
        .select()
        .from(voteCandidate)
        .where(eq(voteCandidate.voteEventId, recorded!.id))
        .orderBy(voteCandidate.position),
    );
    expect(candidates.map((c) => [c.personId, c.votes, c.elected, c.byLot])).toEqual([
      [second!.id, 2, false, false],
      [third!.id, 2, true, true],
      [fourth!.id, 1, false, false],
    ]);
    const shown = plain(await (await client.get(page)).text());
    expect(shown).toContain("Lotten dras vid sammanträdet och faller på Ledamot 3 (S)");
    expect(shown).toContain("valt Ledamot 3 (S).");
  });

  it("refuses a casting vote that differs from the chair's own ballot, writing nothing", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 5 });
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const approve = await tx(database, (t) =>
      addMotion(t, m.system, { paragraphId: p.id, kind: "approve", moverIds: [f.members[0]!.id] }),
    );
    const reject = await tx(database, (t) =>
      addMotion(t, m.system, { paragraphId: p.id, kind: "reject", moverIds: [f.members[1]!.id] }),
    );
    const { client } = await secretaryOf(m, f);
    const page = `/sammantraden/${f.meeting.id}/sekreterare/paragrafer/${p.id}`;
    // Ledamot 1 presides and votes yes; two against two with one abstaining, and the secretary gives the chair "no".
    const choices = ["yes", "yes", "no", "no", "abstain"];
    const ballots = Object.fromEntries(f.members.map((x, i) => [`ballot-${x.id}`, choices[i]!]));
    const posted = await client.postForm(page, `${page}/omrostning`, {
      yesMotionId: approve.id,
      noMotionId: reject.id,
      ...ballots,
      castingVote: "no",
    });
    expect(posted.status).toBe(400);
    expect(plain(await posted.text())).toContain(
      "Ordföranden röstade ja och kan inte ha utslagsröst för nej: utslagsrösten är ordförandens egen röst (KL 5 kap. 54 §). Ingenting har sparats.",
    );
    expect(
      await tx(database, (t) => t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p.id))),
    ).toHaveLength(0);
    expect(
      await tx(database, (t) => t.select().from(question).where(eq(question.paragraphId, p.id))),
    ).toHaveLength(0);

    // The same ballots with the chair's own side are recorded: the casting vote decides for yes.
    const recorded = await client.postForm(page, `${page}/omrostning`, {
      yesMotionId: approve.id,
      noMotionId: reject.id,
      ...ballots,
      castingVote: "yes",
    });
    expect(recorded.status).toBe(303);
    const [vote] = await tx(database, (t) =>
      t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p.id)),
    );
    expect(vote).toMatchObject({ result: "yes", decidedBy: "casting_vote", secret: false, election: false });
  });
});

describe("the desk's reads", () => {
  /** A meeting of `items` items, each taken up, and on the first paragraph `each` motions, votes, statements and reservations. */
  async function desk(items: number, each: number) {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 10 });
    const all = [f.item, ...(await lengthenAgenda(m, f.meeting.id, items))];
    const paragraphs = [];
    for (const item of all)
      paragraphs.push(await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: item.id })));
    const first = paragraphs[0]!;
    for (let i = 0; i < each; i++) {
      const moved = await tx(database, (t) =>
        addMotion(t, m.system, { paragraphId: first.id, kind: "approve", moverIds: [f.members[i]!.id] }),
      );
      const against = await tx(database, (t) =>
        addMotion(t, m.system, { paragraphId: first.id, kind: "reject", moverIds: [f.members[i]!.id] }),
      );
      // A vote answers one question between two sides (KL 5 kap. 52–53 §§), so each vote has its own pair.
      await tx(database, (t) =>
        recordVote(t, m.system, {
          paragraphId: first.id,
          yesMotionId: moved.id,
          noMotionId: against.id,
          counts: { yes: 6, no: 4, abstain: 0, absent: 0 },
        }),
      );
      await tx(database, (t) =>
        announceStatement(t, m.system, {
          paragraphId: first.id,
          kind: "protocol_note",
          announcerIds: [f.members[i]!.id],
        }),
      );
      await tx(database, (t) =>
        announceReservation(t, m.system, { paragraphId: first.id, personId: f.members[i]!.id }),
      );
    }
    expect(
      await tx(database, (t) => t.select().from(agendaItem).where(eq(agendaItem.meetingId, f.meeting.id))),
    ).toHaveLength(items);
    return { m, f, first };
  }

  const queriesOf = <T>(fn: () => Promise<T>) => countQueries(database, fn);

  it("loads the same number of lists on top of the minutes' view for a meeting of 1 item and of 10", async () => {
    const counts = [];
    for (const items of [1, 10]) {
      const { m, f } = await desk(items, 1);
      const whole = await queriesOf(() => tx(database, (t) => readSecretaryDesk(t, m.system, f.meeting.id)));
      const minutes = await queriesOf(() => tx(database, (t) => meetingView(t, m.id, f.meeting.id)));
      expect(whole.result.view.items).toHaveLength(items);
      counts.push({ whole: whole.queries, minutes: minutes.queries });
    }
    const [one, ten] = counts;
    // Bounded on this branch: what readSecretaryDesk adds to meetingView (the meeting checked, the persons).
    expect(one!.whole - one!.minutes).toBe(ten!.whole - ten!.minutes);
    expect(one!.whole - one!.minutes).toBeGreaterThan(0);
  });

  // The whole desk is bounded once meetingView is: it still runs queries for each item and paragraph on this
  // branch, so this test is expected to fail here. When it passes, make it an `it`.
  it("reads the whole desk in the same number of queries for a meeting of 1 item and of 10", async () => {
    const counts = [];
    for (const items of [1, 10]) {
      const { m, f } = await desk(items, 1);
      counts.push(
        (await queriesOf(() => tx(database, (t) => readSecretaryDesk(t, m.system, f.meeting.id)))).queries,
      );
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it("reads a paragraph's page in the same number of queries for 1 and for 10 motions, votes and statements", async () => {
    const counts = [];
    for (const size of [1, 10]) {
      const { m, f, first } = await desk(size, size);
      const read = await queriesOf(() =>
        tx(database, (t) => readSecretaryParagraph(t, m.system, f.meeting.id, first.id)),
      );
      expect(read.result.motionOptions).toHaveLength(2 * size);
      expect(read.result.voteOptions).toHaveLength(size);
      expect(read.result.written).toHaveLength(2 * size);
      expect(read.result.serving).toHaveLength(10);
      counts.push(read.queries);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
