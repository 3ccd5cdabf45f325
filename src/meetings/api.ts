import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { IdParam, json, problemResponse, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { type SecretAccess, secretAccess } from "../register/access.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { addMotion } from "./add-motion.js";
import { announceReservation } from "./announce-reservation.js";
import { announceStatement } from "./announce-statement.js";
import { meetingWrites } from "./api-docs.js";
import { planDecisionRoute } from "./plan-decision-route.js";
import { planMeeting } from "./plan-meeting.js";
import { paragraphPath } from "./present.js";
import { putQuestion } from "./put-question.js";
import { listMeetingSummaries, meetingView, paragraphView, paragraphViewByNumber } from "./read-minutes.js";
import { routeView } from "./read-route.js";
import { recordAttendance } from "./record-attendance.js";
import { recordDecision } from "./record-decision.js";
import { recordVote } from "./record-vote.js";
import * as s from "./schemas.js";
import { secretTextWarningFor } from "./secret-text-warning.js";
import { setRecipients } from "./set-recipients.js";
import { motionKinds } from "./tables.js";
import { takeUpItem } from "./take-up-item.js";

const problems = {
  ...writeProblems,
  400: problemResponse("Ogiltiga uppgifter eller en regel som inte är uppfylld"),
  409: problemResponse("Krockar med det som redan är protokollfört"),
};

const MeetingSummary = z
  .object({
    id: z.uuid(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    bodySlug: z.string(),
    heldOn: z.string(),
    startsAt: z.string(),
    place: z.string(),
    status: z.string(),
    isPublic: z.boolean(),
    noticePublishedOn: z.string().nullable(),
  })
  .openapi("MeetingSummary");

/** The signed official report an item's proposal comes from (issue 13). */
const ReportLink = z
  .object({ label: z.string(), path: z.string() })
  .nullable()
  .openapi({
    description:
      "Den signerade tjänsteskrivelse som förslaget till beslut kommer från. / The signed report the proposal comes from.",
    example: {
      label: "Tjänsteskrivelse 2025-12-03, version 1, SIGNERAD 2025-11-17",
      path: "/tjansteskrivelser/…?version=1",
    },
  });

export const MeetingDetail = MeetingSummary.extend({
  agenda: z.array(
    z.object({
      id: z.uuid(),
      position: z.int(),
      title: z.string(),
      caseNumber: z.string(),
      proposal: z.object({ label: z.string(), path: z.string() }).nullable(),
      proposalReport: ReportLink,
      reportProposalText: z.string().nullable().openapi({
        description:
          "Förslaget till beslut ur den signerade tjänsteskrivelsen. / The signed report's proposal.",
      }),
      paragraphPath: z.string().nullable(),
    }),
  ),
  seats: z.int().nullable(),
  serving: z.int(),
  quorate: z.boolean().nullable(),
}).openapi("MeetingDetail");

const describe = (sv: string, en: string) => ({ description: `${sv} / ${en}` });

const VoteSide = z.object({
  motionId: z
    .uuid()
    .nullable()
    .openapi(
      describe(
        "Yrkandet; null för förslaget till beslut utan eget yrkande (omröstningar från före 0011).",
        "The motion; null for the proposal itself (votes recorded before migration 0011).",
      ),
    ),
  kind: z.enum(motionKinds).nullable().openapi(describe("Slags yrkande.", "The kind of motion.")),
  name: z
    .string()
    .openapi(
      describe(
        "Vad sidan heter i protokollet, t.ex. ”kommunstyrelsens förslag” eller ”återremissyrkandet från Anna Andersson (S)”.",
        "What the minutes call the side.",
      ),
    ),
  text: z.string().nullable().openapi(describe("Yrkandets egen lydelse.", "The motion's own wording.")),
  movers: z.array(z.string()).openapi(describe("De som yrkade.", "Who moved it.")),
});

const Vote = z
  .object({
    id: z.uuid(),
    position: z
      .int()
      .openapi(describe("Omröstningens nummer i paragrafen.", "The vote's number in the paragraph.")),
    kind: z
      .enum(["question", "election"])
      .openapi(
        describe(
          "question: en fråga i propositionsordningen avgörs mellan två yrkanden; election: ett val mellan kandidater (KL 5 kap. 54–55 §§).",
          "question: a step of the order of questions decided between two motions; election: an election between candidates.",
        ),
      ),
    election: z.boolean().openapi(describe("Sant vid val.", "True for an election.")),
    secret: z
      .boolean()
      .openapi(
        describe(
          "Sluten omröstning; förekommer bara vid val (KL 5 kap. 52 §). Enskilda röster sparas då inte.",
          "Secret ballot; only in elections. No one's ballot is kept.",
        ),
      ),
    question: z
      .object({
        position: z
          .int()
          .openapi(
            describe(
              "Propositionens nummer i propositionsordningen.",
              "The question's number in the order of questions.",
            ),
          ),
        motion: z.string().openapi(describe("Yrkandet som ställdes.", "The motion put.")),
        against: z
          .string()
          .nullable()
          .openapi(describe("Yrkandet det ställdes mot.", "The motion it was put against.")),
      })
      .nullable()
      .openapi(
        describe(
          "Frågan som omröstningen avgör; en fråga avgörs genom en omröstning (KL 5 kap. 52–53 §§). null vid val och för omröstningar från före 0011.",
          "The question the vote answers; a question is voted on once. null in elections and for votes recorded before migration 0011.",
        ),
      ),
    yes: VoteSide.nullable().openapi(
      describe(
        "Det den som röstar ja bifaller; null vid val.",
        "What a yes vote carries; null in an election.",
      ),
    ),
    no: VoteSide.nullable().openapi(
      describe(
        "Det den som röstar nej bifaller; null vid val.",
        "What a no vote carries; null in an election.",
      ),
    ),
    seats: z
      .int()
      .nullable()
      .openapi(
        describe(
          "Antalet platser valet fyller; null i en vanlig fråga.",
          "The seats an election fills; null for a question.",
        ),
      ),
    candidates: z
      .array(
        z.object({
          personId: z.uuid(),
          person: z.string().openapi(describe("Kandidaten med parti.", "The candidate, with party.")),
          votes: z.int().openapi(describe("Rösterna på kandidaten.", "The candidate's votes.")),
          elected: z.boolean().openapi(describe("Vald.", "Elected.")),
          byLot: z
            .boolean()
            .openapi(
              describe(
                "Vald genom lottning vid sammanträdet, bland kandidater med lika röster (KL 5 kap. 55 §).",
                "Elected by lots drawn at the meeting among candidates with equal votes.",
              ),
            ),
        }),
      )
      .openapi(
        describe(
          "Valets kandidater i den ordning de ställdes upp; tom i en vanlig fråga.",
          "The election's candidates; empty for a question.",
        ),
      ),
    counts: z
      .object({
        yes: z
          .int()
          .nullable()
          .openapi(describe("Ja-röster; null vid val.", "Yes votes; null in an election.")),
        no: z
          .int()
          .nullable()
          .openapi(describe("Nej-röster; null vid val.", "No votes; null in an election.")),
        abstain: z.int().openapi(describe("De som avstår (KL 4 kap. 25 §).", "Those who abstain.")),
        absent: z
          .int()
          .openapi(
            describe("Tjänstgörande som inte deltar i omröstningen.", "Serving members who take no part."),
          ),
        voted: z
          .int()
          .openapi(
            describe(
              "De som röstade: ja + nej, eller vid val de som röstade på kandidater.",
              "Those who voted: yes + no, or in an election those who voted for candidates.",
            ),
          ),
      })
      .openapi(
        describe(
          "Antalen; tillsammans är de lika många som de tjänstgörande.",
          "The counts; together they are the serving members.",
        ),
      ),
    ballots: z
      .array(z.object({ person: z.string(), choice: z.enum(["yes", "no", "abstain"]) }))
      .openapi(
        describe(
          "Varje ledamots röst i en öppen omröstning, när den protokollförts.",
          "Each member's ballot in an open vote, where recorded.",
        ),
      ),
    result: z
      .enum(["yes", "no"])
      .nullable()
      .openapi(
        describe(
          "Sidan som vann; null vid val, där resultatet är de valda.",
          "The side that won; null in an election, whose result is who was elected.",
        ),
      ),
    decidedBy: z
      .enum(["majority", "casting_vote", "lots"])
      .openapi(
        describe(
          "Hur det avgjordes: majority – flest röster; casting_vote – lika röster, ordförandens egen röst avgör (KL 5 kap. 54 §); lots – lika röster i ett val, lotten dragen vid sammanträdet avgör (KL 5 kap. 55 §).",
          "How it was decided: majority; casting_vote – a tie decided by the chair's own vote; lots – a tie in an election decided by lots drawn at the meeting.",
        ),
      ),
    winner: z
      .string()
      .openapi(describe("Det som bifölls, eller de valda.", "What was carried, or who was elected.")),
    elected: z
      .array(z.string())
      .openapi(describe("De valda; tom i en vanlig fråga.", "Who was elected; empty for a question.")),
    lines: z
      .array(z.string())
      .openapi(describe("Omröstningen som protokollet skriver den.", "The vote as the minutes write it.")),
  })
  .openapi("Vote");

const Paragraph = z
  .object({
    id: z.uuid(),
    number: z.int(),
    year: z.int(),
    code: z.string().openapi({ example: "KF 260122 § 8" }),
    path: z.string().openapi({ example: "/protokoll/kommunfullmaktige/2026/8" }),
    body: z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable(), slug: z.string() }),
    meeting: z.object({ id: z.uuid(), heldOn: z.string(), startsAt: z.string(), place: z.string() }),
    agendaPosition: z.int(),
    title: z.string(),
    caseNumber: z.string(),
    summary: z.string().nullable(),
    proposal: z.object({ label: z.string(), path: z.string() }).nullable(),
    proposalReport: ReportLink,
    decisionIntro: z.string(),
    decisionPoints: z.array(z.object({ position: z.int(), text: z.string() })),
    proceedings: z.array(z.string()),
    votes: z.array(Vote).openapi({
      description:
        "Omröstningar och val i paragrafen, i den ordning de hölls. / The paragraph's votes and elections, in order.",
    }),
    written: z.array(z.string()),
    recipients: z.array(z.string()),
    basis: z.array(z.object({ text: z.string(), href: z.string().nullable() })),
    attachments: z.array(
      z.object({
        number: z.int(),
        kind: z.string(),
        heading: z.string(),
        footer: z.string(),
        text: z.string(),
        signatories: z.array(z.string()),
      }),
    ),
  })
  .openapi("Paragraph");

const RouteStep = z
  .object({
    position: z.int(),
    bodyName: z.string(),
    plannedOn: z.string(),
    role: z.enum(["prepare", "decide", "note"]),
    meetingPath: z.string().nullable(),
    paragraph: z.object({ label: z.string(), path: z.string() }).nullable(),
  })
  .openapi("DecisionRouteStep");

const Created = z.object({ id: z.uuid() }).openapi("Created");
/** Free text written on a secret case stays out of the public versions until reviewed (L31): the answer says so. */
export const secretTextWarningField = z.string().optional().openapi({
  description:
    "Finns när fritext skrevs i ett sekretessärende: texten visas inte offentligt förrän den granskats (/granskning, reviewSecretText).",
});
const CreatedWithText = Created.extend({ warning: secretTextWarningField }).openapi("CreatedWithText");
const CreatedParagraph = z
  .object({
    id: z.uuid(),
    number: z.int(),
    year: z.int(),
    path: z.string(),
    warning: secretTextWarningField,
  })
  .openapi("CreatedParagraph");

/** A meeting as GET /api/meetings/{id} answers it, also the answer of each step that changes its state. */
export async function meetingDetail(tx: Tx, municipalityId: string, meetingId: string, access: SecretAccess) {
  const v = await meetingView(tx, municipalityId, meetingId, access);
  if (!v) return null;
  return MeetingDetail.parse({
    ...v.meeting,
    bodyName: v.body.name,
    bodySlug: v.body.slug,
    agenda: v.items,
    seats: v.seats,
    serving: v.serving,
    quorate: v.quorate,
  });
}

function db(c: Context<AppEnv>) {
  return c.get("deps").database.db;
}

/** The JSON API of meetings and minutes (M7, M8); the same use cases as the secretary's pages. */
export function registerMeetingApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/meetings",
      tags: ["Sammanträden"],
      summary: "Lista sammanträden",
      responses: {
        200: { description: "Sammanträdena", ...json(z.object({ data: z.array(MeetingSummary) })) },
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const rows = await inTransaction(db(c), (tx) => listMeetingSummaries(tx, m.id));
      return c.json({ data: rows.map((r) => MeetingSummary.parse(r)) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/meetings/{id}",
      tags: ["Sammanträden"],
      summary: "Hämta ett sammanträde med föredragningslista och beslutförhet",
      request: { params: IdParam },
      responses: {
        200: { description: "Sammanträdet", ...json(MeetingDetail) },
        404: writeProblems[404],
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const access = secretAccess(c.get("actor"));
      const v = await inTransaction(db(c), (tx) => meetingDetail(tx, m.id, c.req.valid("param").id, access));
      if (!v) throw new NotFoundError("page");
      return c.json(v, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/paragraphs/{id}",
      tags: ["Protokoll"],
      summary: "Hämta en paragraf med beslutsgång, omröstningar, yttranden och mottagare",
      request: { params: IdParam },
      responses: {
        200: { description: "Paragrafen", ...json(Paragraph) },
        404: writeProblems[404],
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const access = secretAccess(c.get("actor"));
      const p = await inTransaction(db(c), (tx) => paragraphView(tx, m.id, c.req.valid("param").id, access));
      if (!p) throw new NotFoundError("page");
      return c.json(Paragraph.parse(p), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/paragraphs",
      tags: ["Protokoll"],
      summary: "Slå upp en paragraf med organ, år och nummer",
      request: {
        query: z.object({
          body: z.string({ error: "Ange organets adress, t.ex. kommunfullmaktige." }),
          year: z.coerce.number().int({ error: "Ange år." }),
          number: z.coerce.number().int({ error: "Ange paragrafnummer." }),
        }),
      },
      responses: {
        200: { description: "Paragrafen", ...json(Paragraph) },
        404: writeProblems[404],
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const q = c.req.valid("query");
      const ref = { bodySlug: q.body, year: q.year, number: q.number };
      const access = secretAccess(c.get("actor"));
      const p = await inTransaction(db(c), (tx) => paragraphViewByNumber(tx, m.id, ref, access));
      if (!p) throw new NotFoundError("page");
      return c.json(Paragraph.parse(p), 200);
    },
  );

  const write = <S extends z.ZodType, O extends z.ZodType>(
    path: string,
    summary: string,
    input: S,
    output: O,
    run: (tx: Tx, actor: Actor, body: z.infer<S>, params: Record<string, string>) => Promise<unknown>,
    withId = false,
  ) =>
    api.openapi(
      createRoute({
        method: "post",
        path,
        tags: [path.includes("meetings") ? "Sammanträden" : "Protokoll"],
        summary,
        operationId: meetingWrites[path]?.operationId,
        description: meetingWrites[path]?.description,
        security: [{ session: [] }],
        request: { ...(withId ? { params: IdParam } : {}), body: { ...json(input), required: true } },
        responses: { 201: { description: "Sparat", ...json(output) }, ...problems },
      }) as any,
      async (c: any) => {
        const actor = requireActor(c);
        const body = c.req.valid("json");
        const params = withId ? c.req.valid("param") : {};
        const result = await inTransaction(db(c), (tx) => run(tx, actor, body, params));
        return c.json(output.parse(result), 201);
      },
    );

  write("/api/meetings", "Planera ett sammanträde", s.PlanMeetingInput, Created, (tx, a, b) =>
    planMeeting(tx, a, b),
  );
  write(
    "/api/meetings/{id}/agenda-items",
    "Lägg ett ärende på föredragningslistan",
    s.AgendaItemInput,
    CreatedWithText,
    async (tx, a, b, p) => {
      const item = await addAgendaItem(tx, a, p.id!, b);
      return {
        id: item.id,
        ...(await secretTextWarningFor(tx, a.municipalityId, { agendaItemId: item.id }, b.proposalText)),
      };
    },
    true,
  );
  write(
    "/api/meetings/{id}/attendance",
    "Protokollför närvaro",
    s.AttendanceInput,
    Created,
    (tx, a, b, p) => recordAttendance(tx, a, p.id!, b),
    true,
  );
  write(
    "/api/paragraphs",
    "Ta upp ett ärende och ge det nästa paragrafnummer",
    s.TakeUpItemInput,
    CreatedParagraph,
    async (tx, a, b) => {
      const p = await takeUpItem(tx, a, b);
      const v = (await paragraphView(tx, a.municipalityId, p.id))!;
      return {
        id: p.id,
        number: p.number,
        year: p.year,
        path: paragraphPath(v.body.slug, p.year, p.number),
        ...(await secretTextWarningFor(tx, a.municipalityId, { paragraphId: p.id }, b.summary)),
      };
    },
  );
  write(
    "/api/decision-routes",
    "Planera ett ärendes beslutsväg",
    s.RouteInput,
    z.object({ data: z.array(Created) }),
    async (tx, a, b) => ({
      data: await planDecisionRoute(tx, a, b),
    }),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/decision-routes",
      tags: ["Protokoll"],
      summary: "Ett ärendes beslutsplanering med sammanträden och paragrafer",
      request: { query: z.object({ caseId: z.uuid({ error: "Ange ärendets id." }) }) },
      responses: { 200: { description: "Stegen", ...json(z.object({ data: z.array(RouteStep) })) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const access = secretAccess(c.get("actor"));
      const steps = await inTransaction(db(c), (tx) =>
        routeView(tx, m.id, c.req.valid("query").caseId, access),
      );
      return c.json({ data: steps.map((x) => RouteStep.parse(x)) }, 200);
    },
  );
  write("/api/motions", "Protokollför ett yrkande", s.MotionInput, CreatedWithText, async (tx, a, b) => ({
    id: (await addMotion(tx, a, b)).id,
    ...(await secretTextWarningFor(tx, a.municipalityId, { paragraphId: b.paragraphId }, b.text)),
  }));
  write("/api/questions", "Protokollför en proposition", s.QuestionInput, Created, (tx, a, b) =>
    putQuestion(tx, a, b),
  );
  write(
    "/api/votes",
    "Protokollför en omröstning om en proposition, eller ett val med kandidater",
    s.VoteInput,
    Vote,
    async (tx, a, b) => {
      const created = await recordVote(tx, a, b);
      const view = (await paragraphView(tx, a.municipalityId, created.paragraphId))!;
      return view.votes.find((v) => v.id === created.id);
    },
  );
  write(
    "/api/decisions",
    "Protokollför beslutspunkter",
    s.DecisionInput,
    z.object({ data: z.array(Created) }),
    async (tx, a, b) => ({
      data: await recordDecision(tx, a, b),
    }),
  );
  write("/api/reservations", "Protokollför en reservation", s.ReservationInput, Created, (tx, a, b) =>
    announceReservation(tx, a, b),
  );
  write(
    "/api/statements",
    "Protokollför ett särskilt yttrande eller en protokollsanteckning",
    s.StatementInput,
    CreatedWithText,
    async (tx, a, b) => ({
      id: (await announceStatement(tx, a, b)).id,
      ...(await secretTextWarningFor(tx, a.municipalityId, { paragraphId: b.paragraphId }, b.text)),
    }),
  );
  write(
    "/api/recipients",
    "Ange vilka beslutet skickas till",
    s.RecipientsInput,
    z.object({ data: z.array(Created) }),
    async (tx, a, b) => ({
      data: await setRecipients(tx, a, b),
    }),
  );
}
