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
import { setRecipients } from "./set-recipients.js";
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

export const MeetingDetail = MeetingSummary.extend({
  agenda: z.array(
    z.object({
      id: z.uuid(),
      position: z.int(),
      title: z.string(),
      caseNumber: z.string(),
      proposal: z.object({ label: z.string(), path: z.string() }).nullable(),
      paragraphPath: z.string().nullable(),
    }),
  ),
  seats: z.int().nullable(),
  serving: z.int(),
  quorate: z.boolean().nullable(),
}).openapi("MeetingDetail");

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
    decisionIntro: z.string(),
    decisionPoints: z.array(z.object({ position: z.int(), text: z.string() })),
    proceedings: z.array(z.string()),
    votes: z.array(
      z.object({
        position: z.int(),
        secret: z.boolean(),
        counts: z.object({ yes: z.int(), no: z.int(), abstain: z.int(), absent: z.int() }),
        ballots: z.array(z.object({ person: z.string(), choice: z.enum(["yes", "no", "abstain"]) })),
      }),
    ),
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
const CreatedParagraph = z
  .object({ id: z.uuid(), number: z.int(), year: z.int(), path: z.string() })
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
    Created,
    (tx, a, b, p) => addAgendaItem(tx, a, p.id!, b),
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
      return { id: p.id, number: p.number, year: p.year, path: paragraphPath(v.body.slug, p.year, p.number) };
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
  write("/api/motions", "Protokollför ett yrkande", s.MotionInput, Created, (tx, a, b) =>
    addMotion(tx, a, b),
  );
  write("/api/questions", "Protokollför en proposition", s.QuestionInput, Created, (tx, a, b) =>
    putQuestion(tx, a, b),
  );
  write("/api/votes", "Protokollför en omröstning", s.VoteInput, Created, (tx, a, b) => recordVote(tx, a, b));
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
    Created,
    (tx, a, b) => announceStatement(tx, a, b),
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
