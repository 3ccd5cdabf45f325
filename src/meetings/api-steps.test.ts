import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** A client whose every call must answer `status`; the JSON it answered. */
function strict(client: Client) {
  return async (method: string, path: string, status: number, json?: unknown) => {
    const res = await client.request(method, path, json === undefined ? {} : { json });
    const text = await res.text();
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

describe("a whole meeting through the API alone", () => {
  it("goes from an empty municipality to closed minutes, and says which step comes first", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const secretary = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(secretary.email, secretary.password);
    const call = strict(client);

    // The organisation: a committee of three with one substitute, from two parties.
    const body = await call("POST", "/api/bodies", 201, {
      kind: "committee",
      name: "Byggnadsnämnden",
      shortName: "BN",
      seats: 3,
    });
    const s = await call("POST", "/api/parties", 201, { name: "Socialdemokraterna", abbreviation: "S" });
    const mod = await call("POST", "/api/parties", 201, { name: "Moderaterna", abbreviation: "M" });
    const person = (name: string, partyId: string) => call("POST", "/api/persons", 201, { name, partyId });
    const chair = await person("Anna Andersson", s.id);
    const member = await person("Bertil Berg", mod.id);
    const third = await person("Cecilia Ceder", s.id);
    const substitute = await person("David Dahl", s.id);
    for (const [p, role] of [
      [chair, "chair"],
      [member, "member"],
      [third, "member"],
      [substitute, "substitute"],
    ] as const)
      await call("POST", "/api/memberships", 201, {
        personId: p.id,
        bodyId: body.id,
        role,
        startsOn: "2022-10-15",
      });

    // The case, in the diarium.
    await call("POST", "/api/number-series", 201, {
      code: "BN",
      prefix: "BN",
      pattern: "{prefix}-{year}-{seq}",
    });
    const theCase = await call("POST", "/api/cases", 201, {
      seriesCode: "BN",
      title: "Detaljplan för kvarteret Eken",
      openedOn: "2026-01-12",
    });

    // Planned, with the case on the agenda by its diary number.
    const meeting = await call("POST", "/api/meetings", 201, {
      bodyId: body.id,
      heldOn: "2026-03-10",
      startsAt: "13:00",
      place: "Stadshuset",
      approvalAt: "2026-03-17T10:00:00+01:00",
    });
    const at = `/api/meetings/${meeting.id}`;
    const item = await call("POST", `${at}/agenda-items/by-case-number`, 201, { caseNumber: theCase.number });

    // Taking the item up before the meeting is opened: refused, and the answer names the operation that opens it.
    const early = await client.request("POST", "/api/paragraphs", { json: { agendaItemId: item.id } });
    expect(early.status).toBe(409);
    const problem = await early.json();
    expect(problem.code).toBe("meeting_not_open");
    expect(problem.detail).toContain("openMeeting (POST /api/meetings/{id}/open)");

    const noticed = await call("POST", `${at}/notice`, 200, { publishedOn: "2026-03-02" });
    expect(noticed).toMatchObject({ status: "notice_published", noticePublishedOn: "2026-03-02" });
    const opened = await call("POST", `${at}/open`, 200, { at: "2026-03-10T13:00:00+01:00" });
    expect(opened.status).toBe("opened");

    // Attendance: each member by name, the substitute present, and the count by roll call.
    for (const [p, presides] of [
      [chair, true],
      [member, false],
      [third, false],
    ] as const)
      await call("POST", `${at}/attendance`, 201, { personId: p.id, capacity: "member", presides });
    await call("POST", `${at}/attendance`, 201, { personId: substitute.id, capacity: "substitute" });
    const counted = await call("PUT", `${at}/attendance-count`, 200, { countedPresent: 3 });
    expect(counted).toMatchObject({ seats: 3, serving: 3, quorate: true });

    // The third member is disqualified; the substitute serves in the item instead.
    await call("POST", "/api/disqualifications", 201, {
      agendaItemId: item.id,
      personId: third.id,
      reason: "Äger en fastighet i planområdet.",
      substitutePersonId: substitute.id,
    });

    const paragraph = await call("POST", "/api/paragraphs", 201, {
      agendaItemId: item.id,
      summary: "Planen möjliggör 40 bostäder.",
    });
    expect(paragraph).toMatchObject({ number: 1, year: 2026, path: "/protokoll/byggnadsnamnden/2026/1" });
    const paragraphId = paragraph.id;

    const approve = await call("POST", "/api/motions", 201, {
      paragraphId,
      kind: "approve",
      moverIds: [chair.id],
    });
    const reject = await call("POST", "/api/motions", 201, {
      paragraphId,
      kind: "reject",
      moverIds: [member.id],
    });
    const vote = await call("POST", "/api/votes", 201, {
      paragraphId,
      yesMotionId: approve.id,
      noMotionId: reject.id,
      ballots: [
        { personId: chair.id, choice: "yes" },
        { personId: member.id, choice: "no" },
        { personId: substitute.id, choice: "yes" },
      ],
    });
    expect(vote.counts).toEqual(expect.objectContaining({ yes: 2, no: 1 }));
    // The vote on the two motions is itself the question put (KL 5 kap. 52–53 §§): a second question on them is refused.
    await call("POST", "/api/questions", 409, {
      paragraphId,
      motionId: approve.id,
      againstMotionId: reject.id,
    });
    await call("POST", "/api/decisions", 201, {
      paragraphId,
      points: ["Byggnadsnämnden antar detaljplanen för kvarteret Eken."],
    });
    const reservation = await call("POST", "/api/reservations", 201, {
      paragraphId,
      personId: member.id,
      forMotionId: reject.id,
      announcedAt: "2026-03-10T14:00:00+01:00",
    });
    const statement = await call("POST", "/api/statements", 201, {
      paragraphId,
      kind: "protocol_note",
      announcerIds: [chair.id],
      announcedAt: "2026-03-10T14:05:00+01:00",
    });
    await call("POST", "/api/recipients", 201, {
      paragraphId,
      recipients: [{ bodyId: body.id }, { label: "Sökanden" }],
    });

    const closed = await call("POST", `${at}/close`, 200, { at: "2026-03-10T16:00:00+01:00" });
    expect(closed.status).toBe("closed");
    const late = await client.request("POST", "/api/motions", {
      json: { paragraphId, kind: "amend", text: "något", moverIds: [chair.id] },
    });
    expect(late.status).toBe(409);
    expect((await late.json()).code).toBe("meeting_closed");

    // Before the approval: the written texts, and the reservation made an attachment.
    const submittedAt = "2026-03-12T10:00:00+01:00";
    const justified = await call("PUT", `/api/reservations/${reservation.id}/text`, 200, {
      text: "Planen tar för mycket av parken i anspråk.",
      submittedAt,
    });
    expect(justified).toEqual({ id: reservation.id, submittedAt: "2026-03-12T09:00:00.000Z" });
    await call("PUT", `/api/statements/${statement.id}/text`, 200, {
      text: "Ordföranden noterar att samrådet var välbesökt.",
      submittedAt,
    });
    const attachment = await call("POST", `${at}/attachments`, 201, {
      title: "Reservation",
      reservationId: reservation.id,
    });
    expect(attachment).toMatchObject({ number: 1, title: "Reservation" });

    // What the API says of the minutes.
    const read = await call("GET", `/api/paragraphs/${paragraphId}`, 200);
    expect(read).toMatchObject({
      code: "BN 260310 § 1",
      title: "Detaljplan för kvarteret Eken",
      caseNumber: theCase.number,
      summary: "Planen möjliggör 40 bostäder.",
      decisionPoints: [{ position: 1, text: "Byggnadsnämnden antar detaljplanen för kvarteret Eken." }],
      recipients: ["Byggnadsnämnden", "Sökanden"],
    });
    expect(read.votes).toEqual([
      expect.objectContaining({
        counts: expect.objectContaining({ yes: 2, no: 1, abstain: 0, absent: 0 }),
        secret: false,
      }),
    ]);
    const proceedings = read.proceedings.join("\n");
    expect(proceedings).toContain("Anna Andersson");
    expect(proceedings).toContain("Bertil Berg");
    const written = read.written.join("\n");
    expect(written).toContain("Bertil Berg");
    expect(written).toContain("Anna Andersson");
    expect(read.attachments).toEqual([
      expect.objectContaining({ number: 1, text: "Planen tar för mycket av parken i anspråk." }),
    ]);
    const byNumber = await call("GET", "/api/paragraphs?body=byggnadsnamnden&year=2026&number=1", 200);
    expect(byNumber.id).toBe(paragraphId);

    const minutes = await call("GET", at, 200);
    expect(minutes).toMatchObject({
      status: "closed",
      noticePublishedOn: "2026-03-02",
      quorate: true,
      agenda: [{ id: item.id, position: 1, paragraphPath: "/protokoll/byggnadsnamnden/2026/1" }],
    });
  });

  it("refuses a step out of order with a code and the operation that comes first", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const secretary = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(secretary.email, secretary.password);
    const call = strict(client);
    const council = await call("POST", "/api/bodies", 201, {
      kind: "council",
      name: "Kommunfullmäktige",
      seats: 61,
    });
    const meeting = await call("POST", "/api/meetings", 201, {
      bodyId: council.id,
      heldOn: "2026-03-10",
      startsAt: "18:00",
      place: "Rådhuset",
    });
    const at = `/api/meetings/${meeting.id}`;

    const close = await client.request("POST", `${at}/close`, { json: {} });
    expect(close.status).toBe(409);
    expect((await close.json()).detail).toContain("openMeeting");

    const open = await client.request("POST", `${at}/open`, { json: {} });
    expect(open.status).toBe(409);
    const problem = await open.json();
    expect(problem.code).toBe("council_notice_missing");
    expect(problem.detail).toContain("publishNotice (POST /api/meetings/{id}/notice)");
    expect((await call("GET", at, 200)).status).toBe("planned");

    const late = await client.request("POST", `${at}/notice`, { json: { publishedOn: "2026-03-09" } });
    expect(late.status).toBe(400);
    expect((await late.json()).code).toBe("council_notice_late");

    await call("POST", `${at}/notice`, 200, { publishedOn: "2026-03-01" });
    expect((await call("POST", `${at}/open`, 200, {})).status).toBe("opened");
    const again = await client.request("POST", `${at}/notice`, { json: { publishedOn: "2026-03-01" } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe("meeting_not_planned");

    const anonymous = await new Client(app).request("POST", `${at}/close`, { json: {} });
    expect(anonymous.status).toBe(401);
    expect((await call("GET", at, 200)).status).toBe("opened");
  });
});
