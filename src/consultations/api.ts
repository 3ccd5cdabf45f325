import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, json, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { addReminder } from "./add-reminder.js";
import { createConsultation } from "./create-consultation.js";
import { declineConsultation } from "./decline-consultation.js";
import type { ConsultationView } from "./present.js";
import { readConsultation } from "./read-consultation.js";
import { readConsultations } from "./read-consultations.js";
import { recordAnswer } from "./record-answer.js";
import {
  AnswerInput,
  ConsultationInput,
  DeclineInput,
  ReminderInput,
  SendConsultationInput,
} from "./schemas.js";
import { sendConsultation } from "./send-consultation.js";
import { consultationStatuses, positionKinds } from "./tables.js";

const states = ["pending", "sent", "answered", "declined", "overdue"] as const;

// Contact addresses are left out: the API is public, and an external organisation's address may be a person's.
const ConsultationSummary = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    title: z.string(),
    deadline: z.string(),
    status: z.enum(consultationStatuses),
    sentOn: z.string().nullable(),
    decisionCode: z.string().openapi({ example: "KSAU 250324" }),
    consultees: z.int(),
    answered: z.int(),
    declined: z.int(),
    overdue: z.int(),
  })
  .openapi("ConsultationSummary");

const Consultation = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    caseTitle: z
      .string()
      .openapi({ description: "Ärendets mening; den offentliga när ärendet är sekretessmarkerat" }),
    title: z.string(),
    coverText: z.string(),
    deadline: z.string(),
    status: z.enum(consultationStatuses),
    sentOn: z.string().nullable(),
    decisionCode: z.string(),
    questions: z.array(z.object({ position: z.int(), text: z.string() })),
    reminders: z.array(z.string().openapi({ description: "Tidpunkt, ISO 8601" })),
    consultees: z.array(
      z.object({
        id: z.uuid(),
        bodyId: z.uuid().nullable(),
        name: z.string(),
        state: z.enum(states),
        answeredOn: z.string().nullable(),
        declinedReason: z.string().nullable(),
        outgoingRecordNumber: z.string().nullable(),
        responseRecordNumber: z.string().nullable(),
        decision: z
          .string()
          .nullable()
          .openapi({ example: "Arbetsmarknads- och socialnämndens beslut 250619 § 219" }),
        positions: z.array(z.object({ kind: z.enum(positionKinds), parties: z.array(z.string()) })),
        positionLines: z.array(z.string()).openapi({ example: ["Reservation (M) och (SD)"] }),
        answers: z.array(z.object({ question: z.int(), text: z.string() })),
      }),
    ),
  })
  .openapi("Consultation");

/** The presented consultation under the API's names; what the reader may see was decided in present.ts. */
function toJson(view: ConsultationView) {
  return Consultation.parse({
    ...view,
    reminders: view.reminders.map((r) => r.at),
    consultees: view.consultees.map((c) => ({
      ...c,
      responseRecordNumber: c.responseRecord?.number ?? null,
      decision: c.decisionTitle,
      answers: c.answers.map((a) => ({ question: a.question, text: a.text })),
    })),
  });
}

const IdParam = z.object({
  id: z.uuid({ error: "Ogiltigt id." }).openapi({ param: { name: "id", in: "path" } }),
});

/** The consultations API (M4): list, read, prepare, send, remind, and record answers and refusals. */
export function registerConsultationApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/consultations",
      tags: ["Remisser"],
      summary: "Lista remisser",
      responses: {
        200: { description: "Remisserna", ...json(z.object({ data: z.array(ConsultationSummary) })) },
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const rows = await inTransaction(db(c), (tx) => readConsultations(tx, m.id));
      return c.json({ data: rows.map((r) => ConsultationSummary.parse(r)) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/consultations/{id}",
      tags: ["Remisser"],
      summary: "Hämta en remiss med instanser, svar, reservationer och särskilda yttranden",
      request: { params: IdParam },
      responses: { 200: { description: "Remissen", ...json(Consultation) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const access = secretAccess(c.get("actor"));
      const view = await inTransaction(db(c), (tx) =>
        readConsultation(tx, m.id, access, c.req.valid("param").id),
      );
      return c.json(toJson(view), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/consultations",
      tags: ["Remisser"],
      summary: "Förbered en remiss (skickas med /send)",
      security: [{ session: [] }],
      request: { body: { ...json(ConsultationInput), required: true } },
      responses: { 201: { description: "Förberedd", ...json(Consultation) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const view = await inTransaction(db(c), async (tx) => {
        const created = await createConsultation(tx, actor, input);
        return readConsultation(tx, actor.municipalityId, secretAccess(actor), created.id);
      });
      return c.json(toJson(view), 201);
    },
  );
  const action = <S extends z.ZodType>(
    path: string,
    summary: string,
    schema: S,
    run: (
      tx: Tx,
      actor: Parameters<typeof sendConsultation>[1],
      id: string,
      input: z.infer<S>,
    ) => Promise<unknown>,
  ) =>
    api.openapi(
      createRoute({
        method: "post",
        path: `/api/consultations/{id}/${path}`,
        tags: ["Remisser"],
        summary,
        security: [{ session: [] }],
        request: { params: IdParam, body: { ...json(schema), required: true } },
        responses: { 200: { description: "Klart", ...json(Consultation) }, ...writeProblems },
      }),
      async (c) => {
        const actor = requireActor(c);
        const { id } = c.req.valid("param" as never) as { id: string };
        const input = c.req.valid("json" as never) as z.infer<S>;
        const view = await inTransaction(db(c), async (tx) => {
          await run(tx, actor, id, input);
          return readConsultation(tx, actor.municipalityId, secretAccess(actor), id);
        });
        return c.json(toJson(view), 200);
      },
    );
  action(
    "send",
    "Skicka remissen: diarieför en utgående handling per instans och lägg e-posten i utkorgen",
    SendConsultationInput,
    sendConsultation,
  );
  action("reminders", "Lägg till en påminnelsetid", ReminderInput, addReminder);
  action(
    "answers",
    "Registrera en instans svar med beslut, reservationer och särskilda yttranden",
    AnswerInput,
    recordAnswer,
  );
  action("declines", "Registrera att en instans avstår från att svara", DeclineInput, declineConsultation);
}
