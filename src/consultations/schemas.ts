import { z } from "@hono/zod-openapi";
import { DecisionReferenceInput } from "../assignments/schemas.js";
import { positionKinds } from "./tables.js";

const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2025-06-19" });
const text = (max: number, empty: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, `Texten får vara högst ${max} tecken.`);

/** A consultee: a body of the municipality, or an external organisation reached at its contact address. */
export const ConsulteeInput = z
  .strictObject({
    bodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish(),
    organisationName: z.string().trim().max(300, "Namnet får vara högst 300 tecken.").nullish(),
    contactEmail: z.email({ error: "Ange en giltig e-postadress." }).nullish(),
  })
  .refine((c) => Boolean(c.bodyId) !== Boolean(c.organisationName), {
    message: "Välj antingen ett organ eller ange en extern organisation.",
    path: ["bodyId"],
  })
  .refine((c) => !c.organisationName || Boolean(c.contactEmail), {
    message: "En extern organisation behöver en e-postadress för remissen.",
    path: ["contactEmail"],
  })
  .openapi("ConsulteeInput");
export type ConsulteeInput = z.infer<typeof ConsulteeInput>;

export const ConsultationInput = z
  .strictObject({
    caseId: z.uuid({ error: "Välj det ärende remissen hör till." }),
    decidedBy: DecisionReferenceInput,
    title: text(500, "Ange remissens rubrik."),
    coverText: text(20_000, "Skriv missivet (följebrevet)."),
    deadline: isoDate("Ange sista svarsdag som ÅÅÅÅ-MM-DD."),
    questions: z.array(text(5000, "En fråga får inte vara tom.")).max(50, "Högst 50 frågor.").default([]),
    consultees: z
      .array(ConsulteeInput)
      .min(1, "Ange minst en remissinstans.")
      .max(200, "Högst 200 instanser."),
    reminders: z
      .array(z.iso.datetime({ offset: true, error: "Ange tidpunkten som ÅÅÅÅ-MM-DDTHH:MM+01:00." }))
      .default([]),
  })
  .openapi("ConsultationInput");
export type ConsultationInput = z.input<typeof ConsultationInput>;

export const SendConsultationInput = z
  .strictObject({ sentOn: isoDate("Ange utskicksdatum som ÅÅÅÅ-MM-DD.") })
  .openapi("SendConsultationInput");
export type SendConsultationInput = z.infer<typeof SendConsultationInput>;

export const ReminderInput = z
  .strictObject({
    remindAt: z.iso.datetime({ offset: true, error: "Ange tidpunkten som ÅÅÅÅ-MM-DDTHH:MM+01:00." }),
  })
  .openapi("ReminderInput");
export type ReminderInput = z.infer<typeof ReminderInput>;

const respondent = {
  consulteeId: z.uuid({ error: "Välj en remissinstans ur listan." }).nullish(),
  bodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish(),
};

export const PositionInput = z
  .strictObject({
    kind: z.enum(positionKinds, { error: "Välj reservation eller särskilt yttrande." }),
    parties: z
      .array(z.string().trim().min(1, "Ange partiets förkortning."))
      .min(1, "Ange minst ett parti.")
      .max(10, "Högst tio partier."),
  })
  .openapi("PositionInput");
export type PositionInput = z.infer<typeof PositionInput>;

/** The consultee's own decision on its answer; the body is the consultee's, so it may be left out. */
export const AnswerDecisionInput = z
  .strictObject({
    ...DecisionReferenceInput.shape,
    bodyId: z
      .uuid({ error: "Välj det organ som fattade beslutet." })
      .nullish()
      .openapi({ description: "Instansens eget organ; utelämnat betyder instansens organ" }),
  })
  .openapi("AnswerDecisionInput");

export const AnswerInput = z
  .strictObject({
    ...respondent,
    answeredOn: isoDate("Ange svarsdatum som ÅÅÅÅ-MM-DD."),
    responseRecordId: z.uuid({ error: "Välj en handling ur listan." }).nullish(),
    responseDescription: z.string().trim().max(1000, "Beskrivningen får vara högst 1000 tecken.").nullish(),
    decision: AnswerDecisionInput.nullish().openapi({
      description: "Instansens beslut om svaret; bara ett organ i kommunen har ett sådant",
    }),
    positions: z.array(PositionInput).max(20, "Högst 20 reservationer och yttranden.").default([]),
    answers: z
      .array(
        z.strictObject({
          question: z.int().min(1, "Frågans nummer börjar på 1."),
          text: text(20_000, "Svaret får inte vara tomt."),
        }),
      )
      .default([]),
  })
  .refine((a) => Boolean(a.consulteeId) || Boolean(a.bodyId), {
    message: "Ange vilken remissinstans som svarar.",
    path: ["bodyId"],
  })
  .openapi("AnswerInput");
export type AnswerInput = z.input<typeof AnswerInput>;

export const DeclineInput = z
  .strictObject({
    ...respondent,
    declinedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    reason: z.string().trim().max(2000, "Högst 2000 tecken.").nullish(),
  })
  .refine((a) => Boolean(a.consulteeId) || Boolean(a.bodyId), {
    message: "Ange vilken remissinstans som avböjer.",
    path: ["bodyId"],
  })
  .openapi("DeclineInput");
export type DeclineInput = z.infer<typeof DeclineInput>;
