import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, problemResponse, writeProblems } from "../http/openapi.js";
import { requireActor } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { addAttachment } from "./add-attachment.js";
import { addCaseToAgenda } from "./add-case-to-agenda.js";
import { MeetingDetail, meetingDetail, secretTextWarningField } from "./api.js";
import { meetingOrder, outOfOrder } from "./api-docs.js";
import { closeMeeting } from "./close-meeting.js";
import { openMeeting } from "./open-meeting.js";
import { publishNotice } from "./publish-notice.js";
import { recordAttendanceCount } from "./record-attendance-count.js";
import { recordDisqualification } from "./record-disqualification.js";
import * as s from "./schemas.js";
import { secretTextWarningFor } from "./secret-text-warning.js";
import { submitReservationText } from "./submit-reservation-text.js";
import { submitStatementText } from "./submit-statement-text.js";

// The steps of a meeting the secretary's pages take and api.ts did not: the notice, opening and closing, the
// attendance count, a case put on the agenda by its diary number, disqualification, the written texts of
// reservations and statements and their attachments. Each runs the same use case as the page's form, in one
// transaction, and its operationId is that use case's name (secretary-actions.ts maps each form to it).

/** Answered when a step comes in the wrong order; its code and message say which step comes first. */
const conflict = (what: string) => problemResponse(`${what} ${outOfOrder}`);

const problems = (what?: string) => ({
  ...writeProblems,
  400: problemResponse(
    "Ogiltiga uppgifter eller en regel som inte är uppfylld, med ett meddelande per fält. Ett id som inte finns i " +
      "kommunen (sammanträdet i sökvägen, en person, ett yttrande) ger också 400, med en `code` som säger vilket " +
      "(meeting_not_found, person_not_found, statement_not_found …).",
  ),
  ...(what ? { 409: conflict(what) } : {}),
});

const Created = z.object({ id: z.uuid() }).openapi("Created");

const WrittenText = z
  .object({ id: z.uuid(), submittedAt: z.iso.datetime(), warning: secretTextWarningField })
  .openapi("WrittenText", {
    description: "Den skriftliga texten är sparad; `submittedAt` är när den lämnades.",
  });

const Attachment = z
  .object({ id: z.uuid(), number: z.int(), title: z.string() })
  .openapi("MinutesAttachment", { description: "Bilagan till protokollet, med sitt nummer (Bilaga 3)." });

const MeetingAttachmentInput = s.AttachmentInput.omit({ meetingId: true }).openapi("MeetingAttachmentInput");

interface Step<S extends z.ZodType, O extends z.ZodType> {
  method: "post" | "put";
  path: string;
  operationId: string;
  tag: "Sammanträden" | "Protokoll";
  summary: string;
  description: string;
  input: S;
  status: 200 | 201;
  output: O;
  /** The 409s of this step, when it has any. */
  conflict?: string;
  run: (tx: Tx, actor: Actor, input: z.infer<S>, id: string) => Promise<z.input<O>>;
}

function step<S extends z.ZodType, O extends z.ZodType>(api: OpenAPIHono<AppEnv>, x: Step<S, O>) {
  api.openapi(
    createRoute({
      method: x.method,
      path: x.path,
      operationId: x.operationId,
      tags: [x.tag],
      summary: x.summary,
      description: x.description,
      security: [{ session: [] }],
      request: { params: IdParam, body: { ...json(x.input), required: true } },
      responses: { [x.status]: { description: "Sparat", ...json(x.output) }, ...problems(x.conflict) },
    }) as any,
    async (c: any) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const { id } = c.req.valid("param");
      const result = await inTransaction(db(c), (tx) => x.run(tx, actor, input, id));
      return c.json(x.output.parse(result), x.status);
    },
  );
}

/** The meeting as GET /api/meetings/{id} shows it, after a step changed it. */
async function meetingAfter(tx: Tx, actor: Actor, meetingId: string) {
  return (await meetingDetail(tx, actor.municipalityId, meetingId, secretAccess(actor)))!;
}

const written = (row: { id: string; submittedAt?: Date | null; justificationSubmittedAt?: Date | null }) => ({
  id: row.id,
  submittedAt: (row.submittedAt ?? row.justificationSubmittedAt)!.toISOString(),
});

/** Registers the steps of a meeting that complete the API beside api.ts. */
export function registerMeetingStepApi(api: OpenAPIHono<AppEnv>) {
  step(api, {
    method: "post",
    path: "/api/meetings/{id}/notice",
    operationId: "publishNotice",
    tag: "Sammanträden",
    summary: "Publicera kallelsen",
    description:
      "Steg 3. `{id}` är sammanträdet. Kallelsen anslås den dag `publishedOn` anger; fullmäktiges kallelse senast en " +
      "vecka före sammanträdet (KL 5 kap. 12 §), annars 400 council_notice_late. Kan göras om till dess att " +
      `sammanträdet öppnas. Svaret är sammanträdet med status \`notice_published\`.\n\n${meetingOrder}`,
    input: s.PublishNoticeInput,
    status: 200,
    output: MeetingDetail,
    conflict: "Sammanträdet är redan öppnat eller avslutat (meeting_not_planned).",
    run: async (tx, actor, input, id) => {
      await publishNotice(tx, actor, id, input);
      return meetingAfter(tx, actor, id);
    },
  });
  step(api, {
    method: "post",
    path: "/api/meetings/{id}/open",
    operationId: "openMeeting",
    tag: "Sammanträden",
    summary: "Öppna sammanträdet",
    description:
      "Steg 4. `{id}` är sammanträdet. Från och med nu kan ärenden tas upp (takeUpItem) och beslutsgången " +
      "protokollföras. `at` är när det öppnades; med kroppen `{}` nu. Fullmäktiges sammanträde kräver att kallelsen " +
      `publicerats (publishNotice). Svaret är sammanträdet med status \`opened\`.\n\n${meetingOrder}`,
    input: s.MomentInput,
    status: 200,
    output: MeetingDetail,
    conflict:
      "Sammanträdet är redan öppnat (meeting_already_opened), eller fullmäktiges kallelse är inte publicerad (council_notice_missing: publicera den med publishNotice, POST /api/meetings/{id}/notice).",
    run: async (tx, actor, input, id) => {
      await openMeeting(tx, actor, id, input);
      return meetingAfter(tx, actor, id);
    },
  });
  step(api, {
    method: "put",
    path: "/api/meetings/{id}/attendance-count",
    operationId: "recordAttendanceCount",
    tag: "Sammanträden",
    summary: "Ange antalet tjänstgörande ledamöter enligt upprop",
    description:
      "Steg 5. `{id}` är sammanträdet. För protokoll som anger ett antal i stället för varje namn; beslutförheten " +
      "räknas då ur antalet. Antalet kan inte vara lägre än de namngivna tjänstgörande (recordAttendance) eller " +
      "högre än organets platser. Svaret är sammanträdet med `serving` och `quorate`.",
    input: s.AttendanceCountInput,
    status: 200,
    output: MeetingDetail,
    conflict: "Sammanträdet är avslutat (meeting_closed).",
    run: async (tx, actor, input, id) => {
      await recordAttendanceCount(tx, actor, id, input);
      return meetingAfter(tx, actor, id);
    },
  });
  step(api, {
    method: "post",
    path: "/api/meetings/{id}/agenda-items/by-case-number",
    operationId: "addCaseToAgenda",
    tag: "Sammanträden",
    summary: "Lägg ett ärende på föredragningslistan med dess diarienummer",
    description:
      "Steg 2. `{id}` är sammanträdet, `caseNumber` ärendets diarienummer som det står i diariet (STK-2024-1374); " +
      "med ärendets id i stället: addAgendaItem. Svaret är punktens id (`agendaItemId`).",
    input: s.CaseNumberInput,
    status: 201,
    output: Created,
    conflict: "Sammanträdet är avslutat (meeting_closed).",
    run: async (tx, actor, input, id) => ({ id: (await addCaseToAgenda(tx, actor, id, input)).id }),
  });
  step(api, {
    method: "post",
    path: "/api/meetings/{id}/close",
    operationId: "closeMeeting",
    tag: "Sammanträden",
    summary: "Avsluta sammanträdet",
    description:
      "Steg 10. `{id}` är sammanträdet. Därefter kan yrkanden, omröstningar, beslut, reservationer och yttranden " +
      "inte längre protokollföras (KL 4 kap. 27 §); skriftliga texter och bilagor lämnas fram till justeringen. " +
      `\`at\` är när det avslutades; med kroppen \`{}\` nu. Svaret är sammanträdet med status \`closed\`.\n\n${meetingOrder}`,
    input: s.MomentInput,
    status: 200,
    output: MeetingDetail,
    conflict:
      "Sammanträdet är inte öppnat (meeting_not_open: öppna det med openMeeting, POST /api/meetings/{id}/open) eller redan avslutat (meeting_closed).",
    run: async (tx, actor, input, id) => {
      await closeMeeting(tx, actor, id, input);
      return meetingAfter(tx, actor, id);
    },
  });
  step(api, {
    method: "post",
    path: "/api/meetings/{id}/attachments",
    operationId: "addAttachment",
    tag: "Protokoll",
    summary: "Lägg till en bilaga till protokollet",
    description:
      "Steg 11. `{id}` är sammanträdet. `statementId` eller `reservationId` gör den skriftliga texten av ett " +
      "yttrande eller en reservation i sammanträdets protokoll till bilaga; `recordId` en handling ur diariet. " +
      "Utan `number` får bilagan nästa lediga nummer.",
    input: MeetingAttachmentInput,
    status: 201,
    output: Attachment,
    conflict: "Numret är redan använt i protokollet (attachment_number_taken).",
    run: async (tx, actor, input, id) => {
      const a = await addAttachment(tx, actor, { ...input, meetingId: id });
      return { id: a.id, number: a.number, title: a.title };
    },
  });

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/disqualifications",
      operationId: "recordDisqualification",
      tags: ["Protokoll"],
      summary: "Protokollför jäv i ett ärende",
      description:
        "Steg 6. `agendaItemId` är punkten på föredragningslistan, `personId` den tjänstgörande ledamot som är " +
        "jävig och `substitutePersonId` en närvarande ersättare (recordAttendance med capacity substitute) som " +
        "tjänstgör i ärendet i stället (KL 5 kap. 47–48 §§, 6 kap. 28–32 §§). Personerna är personers id (GET /api/persons).",
      security: [{ session: [] }],
      request: { body: { ...json(s.DisqualificationInput), required: true } },
      responses: {
        201: { description: "Sparat", ...json(Created) },
        ...problems(
          "Jävet är redan anmält (already_disqualified) eller sammanträdet är avslutat (meeting_closed).",
        ),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const d = await inTransaction(db(c), (tx) => recordDisqualification(tx, actor, input));
      return c.json({ id: d.id }, 201);
    },
  );

  step(api, {
    method: "put",
    path: "/api/reservations/{id}/text",
    operationId: "submitReservationText",
    tag: "Protokoll",
    summary: "Lämna en reservations skriftliga motivering",
    description:
      "Steg 11. `{id}` är reservationen (svaret från announceReservation). Texten lämnas före den tid som " +
      "bestämts för justeringen (`approvalAt` när sammanträdet planerades), annars 400 written_after_approval " +
      "(KL 4 kap. 27 §). Kan lämnas också efter att sammanträdet avslutats. Därefter kan texten bli en bilaga (addAttachment).",
    input: s.WrittenTextInput,
    status: 200,
    output: WrittenText,
    run: async (tx, actor, input, id) => {
      const r = await submitReservationText(tx, actor, id, input);
      return { ...written(r), ...(await secretTextWarningFor(tx, actor.municipalityId, r, input.text)) };
    },
  });
  step(api, {
    method: "put",
    path: "/api/statements/{id}/text",
    operationId: "submitStatementText",
    tag: "Protokoll",
    summary: "Lämna texten till ett särskilt yttrande eller en protokollsanteckning",
    description:
      "Steg 11. `{id}` är yttrandet (svaret från announceStatement). Texten lämnas före den tid som bestämts för " +
      "justeringen, annars 400 written_after_approval. Därefter kan texten bli en bilaga (addAttachment).",
    input: s.WrittenTextInput,
    status: 200,
    output: WrittenText,
    run: async (tx, actor, input, id) => {
      const r = await submitStatementText(tx, actor, id, input);
      return { ...written(r), ...(await secretTextWarningFor(tx, actor.municipalityId, r, input.text)) };
    },
  });
}
