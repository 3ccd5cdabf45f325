import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import type { Database } from "../db/connect.js";
import { registerRecord } from "../register/register-record.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { addMotion } from "./add-motion.js";
import { recordDecision } from "./record-decision.js";
import { motion, paragraph, reservation, voteEvent } from "./tables.js";
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

describe("public meeting and minutes pages", () => {
  it("shows the paragraph at /protokoll/{organ}/{år}/{§} with attendance and quorum in the minutes", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const p = await tx(database, (t) =>
      takeUpItem(t, m.system, { agendaItemId: f.item.id, summary: "En sammanfattning." }),
    );
    await tx(database, (t) =>
      addMotion(t, m.system, { paragraphId: p.id, kind: "approve", moverIds: [f.members[1]!.id] }),
    );
    await tx(database, (t) =>
      recordDecision(t, m.system, { paragraphId: p.id, points: ["Nämnden bifaller förslaget."] }),
    );
    const { app } = testApp(database, m.slug);
    const visitor = new Client(app);

    const page = await visitor.get(`/protokoll/${f.body.slug}/2026/1`);
    expect(page.status).toBe(200);
    const text = plain(await page.text());
    expect(text).toContain("§ 1 Ett ärende");
    expect(text).toContain("Ledamot 2 (M) yrkar bifall till förslaget till beslut.");
    expect(text).toContain("Nämnden bifaller förslaget.");
    expect((await visitor.get(`/protokoll/${f.body.slug}/2026/2`)).status).toBe(404);
    expect((await visitor.get(`/protokoll/${f.body.slug}/2026/99999999999`)).status).toBe(404);
    expect((await visitor.get("/sammantraden/------------------------------------")).status).toBe(404);
    expect((await visitor.get(`/sammantraden/${f.meeting.id.replace(/^.{8}/, "00000000")}`)).status).toBe(
      404,
    );

    const minutes = plain(await (await visitor.get(`/sammantraden/${f.meeting.id}/protokoll`)).text());
    expect(minutes).toContain("Närvarande");
    expect(minutes).toContain("Ledamot 1 (S) Ordförande");
    expect(minutes).toContain("Beslutfört: 3 av 3 platser är besatta, minst 2 krävs");
    expect(plain(await (await visitor.get("/sammantraden")).text())).toContain(f.body.name);

    const api = await visitor.get(`/api/paragraphs?body=${f.body.slug}&year=2026&number=1`);
    expect(api.status).toBe(200);
    const json = await api.json();
    expect(json).toMatchObject({ number: 1, year: 2026, path: `/protokoll/${f.body.slug}/2026/1` });
    expect(json.decisionPoints).toEqual([{ position: 1, text: "Nämnden bifaller förslaget." }]);
  });

  it("never shows a secret record's description in a decision basis", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const secret = await tx(database, (t) =>
      registerRecord(t, m.system, {
        caseId: f.case.id,
        direction: "incoming",
        recordType: "letter",
        datedOn: "2026-02-01",
        description: "Läkarintyg för Anna Andersson",
        secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-02-01", markedById: f.body.id },
      }),
    );
    const item = await tx(database, (t) =>
      addAgendaItem(t, m.system, f.meeting.id, { caseId: f.case.id, basis: [{ recordId: secret.id }] }),
    );
    await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: item.id }));
    const { app } = testApp(database, m.slug);
    const html = await (await new Client(app).get(`/protokoll/${f.body.slug}/2026/1`)).text();
    expect(html).toContain("Sekretessmarkerad handling");
    expect(html).not.toContain("Anna Andersson");
  });
});

describe("the secretary's pages", () => {
  it("refuse an anonymous visitor and write nothing", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const { app } = testApp(database, m.slug);
    const visitor = new Client(app);
    const page = await visitor.get(`/sammantraden/${f.meeting.id}/sekreterare`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toContain("/logga-in");
    const post = await visitor.postForm(
      "/logga-in",
      `/sammantraden/${f.meeting.id}/sekreterare/arenden/${f.item.id}/paragraf`,
      {},
    );
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toContain("/logga-in");
    const api = await visitor.request("POST", "/api/paragraphs", { json: { agendaItemId: f.item.id } });
    expect(api.status).toBe(401);
    expect(
      await tx(database, (t) => t.select().from(paragraph).where(eq(paragraph.meetingId, f.meeting.id))),
    ).toHaveLength(0);
  });

  it("let a secretary take up an item, record a motion, and refuse a vote that does not add up with a Swedish message", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3, approvalAt: null });
    const user = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
    const { app } = testApp(database, m.slug);
    const secretary = new Client(app);
    await secretary.logIn(user.email, user.password);
    const base = `/sammantraden/${f.meeting.id}/sekreterare`;
    expect((await secretary.get(base)).status).toBe(200);

    const taken = await secretary.postForm(base, `${base}/arenden/${f.item.id}/paragraf`, {
      summary: "Kort.",
    });
    expect(taken.status).toBe(303);
    const [p] = await tx(database, (t) =>
      t.select().from(paragraph).where(eq(paragraph.meetingId, f.meeting.id)),
    );
    expect(p!.number).toBe(1);
    const page = `${base}/paragrafer/${p!.id}`;
    expect(taken.headers.get("location")).toBe(page);

    const moved = await secretary.postForm(page, `${page}/yrkande`, {
      kind: "approve",
      moverIds: f.members[0]!.id,
    });
    expect(moved.status).toBe(303);
    expect(
      (
        await secretary.postForm(page, `${page}/yrkande`, {
          kind: "reject",
          text: "Motionen avslås.",
          moverIds: f.members[2]!.id,
        })
      ).status,
    ).toBe(303);
    const motions = await tx(database, (t) => t.select().from(motion).where(eq(motion.paragraphId, p!.id)));
    expect(motions).toHaveLength(2);
    const sides = {
      yesMotionId: motions.find((x) => x.kind === "approve")!.id,
      noMotionId: motions.find((x) => x.kind === "reject")!.id,
    };

    const bad = await secretary.postForm(page, `${page}/omrostning`, {
      ...sides,
      yes: "1",
      no: "1",
      abstain: "0",
      absent: "0",
    });
    expect(bad.status).toBe(400);
    expect(plain(await bad.text())).toContain(
      "Rösterna går inte ihop: 1 ja + 1 nej + 0 avstår + 0 frånvarande = 2, men 3 tjänstgör.",
    );
    expect(
      await tx(database, (t) => t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p!.id))),
    ).toHaveLength(0);

    const good = await secretary.postForm(page, `${page}/omrostning`, {
      ...sides,
      [`ballot-${f.members[0]!.id}`]: "yes",
      [`ballot-${f.members[1]!.id}`]: "yes",
      [`ballot-${f.members[2]!.id}`]: "no",
    });
    expect(good.status).toBe(303);
    const decided = await secretary.postForm(page, `${page}/beslut`, {
      points: "1. Nämnden bifaller.\n2. Ärendet är avslutat.",
    });
    expect(decided.status).toBe(303);
    const view = plain(await (await secretary.get(page)).text());
    expect(view).toContain("Omröstningen ger 2 ja, 1 nej och 0 som avstår");
    expect(view).toContain(
      "Ledamot 3 (S) yrkar avslag på förslaget till beslut och föreslår i stället: ”Motionen avslås”.",
    );
    expect(view).toContain("Ärendet är avslutat.");

    const elsewhere = await buildBody(database, m.system);
    const reserved = await secretary.postForm(page, `${page}/reservation`, { personId: f.members[2]!.id });
    expect(reserved.status).toBe(303);
    const [r] = await tx(database, (t) =>
      t.select().from(reservation).where(eq(reservation.paragraphId, p!.id)),
    );
    expect((await secretary.postForm(base, `${base}/avsluta`, {})).status).toBe(303);
    const late = await secretary.postForm(page, `${page}/reservation`, { personId: f.members[1]!.id });
    expect(late.status).toBe(400);
    expect(plain(await late.text())).toContain(
      "En reservation ska anmälas innan sammanträdet avslutas (KL 4 kap. 27 §)",
    );
    const justified = await secretary.postForm(page, `${page}/reservation/${r!.id}/text`, {
      [`text-${r!.id}`]: "Vi ville annorlunda.",
    });
    expect(justified.status).toBe(303);
    expect((await secretary.postForm(page, `${page}/reservation/${r!.id}/bilaga`, {})).status).toBe(303);
    const extract = plain(await (await secretary.get(`/protokoll/${f.body.slug}/2026/1`)).text());
    expect(extract).toContain("Ledamot 3 (S) reserverar sig mot beslutet.");
    expect(extract).toContain("inkommit med en skriftlig reservation. Reservationen intas som bilaga 1 till");
    expect(extract).toContain("Vi ville annorlunda.");

    expect((await secretary.get(`${base}/paragrafer/not-a-uuid-but-36-characters-long-xx`)).status).toBe(404);
    const other = await buildUser(database, m.system, [{ role: "secretary", bodyId: elsewhere.id }]);
    const stranger = new Client(app);
    await stranger.logIn(other.email, other.password);
    expect((await stranger.get(base)).status).toBe(403);
  });

  it("serve the same use cases as JSON, refusing with a problem document in Swedish", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const user = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
    const { app } = testApp(database, m.slug);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const created = await client.request("POST", "/api/paragraphs", { json: { agendaItemId: f.item.id } });
    expect(created.status).toBe(201);
    const p = await created.json();
    expect(p).toEqual({ id: p.id, number: 1, year: 2026, path: `/protokoll/${f.body.slug}/2026/1` });
    const again = await client.request("POST", "/api/paragraphs", { json: { agendaItemId: f.item.id } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe("paragraph_exists");
    const motion = async (json: Record<string, unknown>) => {
      const r = await client.request("POST", "/api/motions", { json: { paragraphId: p.id, ...json } });
      expect(r.status).toBe(201);
      return (await r.json()).id as string;
    };
    const sides = {
      yesMotionId: await motion({ kind: "approve", moverIds: [f.members[0]!.id] }),
      noMotionId: await motion({ kind: "reject", moverIds: [f.members[1]!.id] }),
    };
    const vote = await client.request("POST", "/api/votes", {
      json: { paragraphId: p.id, ...sides, counts: { yes: 3, no: 1, abstain: 0, absent: 0 } },
    });
    expect(vote.status).toBe(400);
    const problem = await vote.json();
    expect(problem.code).toBe("vote_counts_mismatch");
    expect(problem.detail).toContain("Varje tjänstgörande ledamot räknas en gång (KL 5 kap. 52 §).");
    expect(
      await tx(database, (t) => t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p.id))),
    ).toHaveLength(0);
    const meeting = await (await client.get(`/api/meetings/${f.meeting.id}`)).json();
    expect(meeting).toMatchObject({ seats: 3, serving: 3, quorate: true });
  });

  it("refuse a secret ordinary vote, a casting vote against the chair, a second vote and untold lots over HTTP; return each vote's question, sides, result and winner", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 4 });
    const user = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
    const { app } = testApp(database, m.slug);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const p = await (
      await client.request("POST", "/api/paragraphs", { json: { agendaItemId: f.item.id } })
    ).json();
    const motion = async (json: Record<string, unknown>) =>
      (await (await client.request("POST", "/api/motions", { json: { paragraphId: p.id, ...json } })).json())
        .id as string;
    const sides = {
      yesMotionId: await motion({ kind: "approve", text: "Motionen bifalls.", moverIds: [f.members[0]!.id] }),
      noMotionId: await motion({ kind: "approve", moverIds: [f.members[1]!.id] }),
    };
    const [a, b, c, d] = f.members.map((x) => ({ personId: x.id }));
    const tie = [
      { ...a, choice: "yes" },
      { ...b, choice: "no" },
      { ...c, choice: "yes" },
      { ...d, choice: "no" },
    ];
    const post = (json: Record<string, unknown>) =>
      client.request("POST", "/api/votes", { json: { paragraphId: p.id, ...json } });
    const refused = async (json: Record<string, unknown>, status: number, code: string) => {
      const r = await post(json);
      expect(r.status).toBe(status);
      const body = await r.json();
      expect(body.code).toBe(code);
      return body.detail as string;
    };
    expect(
      await refused({ ...sides, secret: true, ballots: tie }, 400, "secret_ballot_not_election"),
    ).toContain("Sluten omröstning får bara användas vid val");
    expect(
      await refused({ ...sides, ballots: tie, castingVote: "no" }, 400, "casting_vote_against_ballot"),
    ).toContain("Ordföranden röstade ja och kan inte ha utslagsröst för nej");
    const created = await post({ ...sides, ballots: tie });
    expect(created.status).toBe(201);
    const shown = await created.json();
    expect(shown).toMatchObject({
      kind: "question",
      result: "yes",
      decidedBy: "casting_vote",
      winner: "bifallsyrkandet från Ledamot 1 (S)",
      yes: {
        name: "bifallsyrkandet från Ledamot 1 (S)",
        text: "Motionen bifalls.",
        movers: ["Ledamot 1 (S)"],
      },
      no: { name: "förslaget till beslut", kind: "approve" },
      question: { position: 1 },
    });
    expect(await refused({ ...sides, ballots: tie }, 409, "question_already_voted")).toContain(
      "Frågan har redan avgjorts i omröstning 1.",
    );
    const candidates = [
      { personId: f.members[2]!.id, votes: 2 },
      { personId: f.outsider.id, votes: 2 },
    ];
    expect(
      await refused(
        { election: true, counts: { abstain: 0, absent: 0 } },
        400,
        "election_without_candidates",
      ),
    ).toContain("Ett val har kandidater");
    expect(
      await refused(
        { election: true, secret: true, candidates, counts: { abstain: 0, absent: 0 } },
        400,
        "lots_missing",
      ),
    ).toContain("Paragraf drar aldrig lott själv.");
    expect(
      (
        await post({
          election: true,
          secret: true,
          candidates,
          counts: { abstain: 0, absent: 0 },
          lotWinnerIds: [f.outsider.id],
        })
      ).status,
    ).toBe(201);
    expect(
      await tx(database, (t) => t.select().from(voteEvent).where(eq(voteEvent.paragraphId, p.id))),
    ).toHaveLength(2);

    const got = await (await client.get(`/api/paragraphs/${p.id}`)).json();
    expect(got.proceedings).toContain(
      "Ledamot 1 (S) yrkar bifall till följande förslag: ”Motionen bifalls”.",
    );
    expect(got.votes).toHaveLength(2);
    expect(got.votes[0]).toMatchObject({
      position: 1,
      kind: "question",
      secret: false,
      question: { motion: "bifallsyrkandet från Ledamot 1 (S)", against: "förslaget till beslut" },
      counts: { yes: 2, no: 2, abstain: 0, absent: 0, voted: 4 },
      result: "yes",
      decidedBy: "casting_vote",
    });
    expect(got.votes[0].ballots).toHaveLength(4);
    expect(got.votes[1]).toMatchObject({
      position: 2,
      kind: "election",
      secret: true,
      seats: 1,
      question: null,
      yes: null,
      result: null,
      decidedBy: "lots",
      winner: "Utomstående (M)",
      elected: ["Utomstående (M)"],
      ballots: [],
    });
    expect(got.proceedings.at(-1)).toMatch(/valt Utomstående \(M\)\.$/);
    const spec = await (await client.get("/api/openapi.json")).json();
    const props = spec.components.schemas.Vote.properties;
    for (const field of [
      "question",
      "yes",
      "no",
      "candidates",
      "counts",
      "result",
      "decidedBy",
      "winner",
      "elected",
    ])
      expect(props[field].description, field).toMatch(/ \/ /);
  });
});
