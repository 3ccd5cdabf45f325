import { z } from "@hono/zod-openapi";
import type { Field, Option } from "../http/forms.js";
import { isoDate } from "./page-parts.js";
import type { ConsultationView } from "./present.js";
import type { AnswerInput } from "./schemas.js";

// The forms on a consultation's page: send it, add a reminder, record an answer or a refusal. Their fields and
// schemas, shared by the page that shows them and the routes that take them.

export type FormName = "send" | "reminder" | "answer" | "decline";

export const sendFields: Field[] = [{ name: "sentOn", label: "Utskicksdatum", type: "date", required: true }];
export const SendForm = z.object({ sentOn: isoDate("Ange utskicksdatum som ÅÅÅÅ-MM-DD.") });

export const reminderFields: Field[] = [
  { name: "remindOn", label: "Påminnelsedag", type: "date", required: true },
  { name: "remindTime", label: "Klockslag", hint: "TT:MM, svensk tid. Tomt betyder 08:00." },
];
export const ReminderForm = z.object({
  remindOn: isoDate("Ange dagen som ÅÅÅÅ-MM-DD."),
  remindTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Ange klockslaget som TT:MM.")
    .nullish(),
});

/** The consultees that may still answer or decline, as choices. */
export function waitingOptions(view: ConsultationView): Option[] {
  return view.waiting.map((x) => ({ value: x.id, label: x.name }));
}

export function answerFields(view: ConsultationView): Field[] {
  return [
    {
      name: "consulteeId",
      label: "Remissinstans",
      type: "select",
      required: true,
      options: waitingOptions(view),
    },
    { name: "answeredOn", label: "Svarsdatum", type: "date", required: true },
    {
      name: "responseDescription",
      label: "Remissvarets beskrivning i diariet",
      hint: "Tomt: Remissvar <instans>.",
    },
    { name: "decision.decidedOn", label: "Instansens beslut: datum", type: "date" },
    { name: "decision.paragraphNumber", label: "Instansens beslut: paragraf (§)", type: "number" },
    { name: "reservations", label: "Reservationer (partier)", hint: "T.ex. M, SD. Gemensam: M+C." },
    { name: "statements", label: "Särskilda yttranden (partier)", hint: "T.ex. SD, V. Gemensamt: M+C." },
    ...view.questions.map(
      (q): Field => ({
        name: `answer.${q.position}`,
        label: `Svar på fråga ${q.position}: ${q.text}`,
        type: "textarea",
      }),
    ),
  ];
}

export function answerForm(view: ConsultationView) {
  return z.object({
    consulteeId: z.uuid({ error: "Välj en remissinstans." }),
    answeredOn: isoDate("Ange svarsdatum som ÅÅÅÅ-MM-DD."),
    responseDescription: z.string().max(1000).nullish(),
    "decision.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD.").nullish(),
    "decision.paragraphNumber": z.int({ error: "Ange paragrafnumret som ett heltal." }).min(1).nullish(),
    reservations: z.string().max(200).nullish(),
    statements: z.string().max(200).nullish(),
    ...Object.fromEntries(
      view.questions.map((q) => [`answer.${q.position}`, z.string().max(20_000).nullish()]),
    ),
  });
}

/** "M, SD" → [["M"], ["SD"]]; "M+C" is one joint position → [["M", "C"]]. */
export function partyGroups(text: string | null | undefined): string[][] {
  return (text ?? "")
    .split(/[,;]/)
    .map((g) =>
      g
        .split("+")
        .map((p) => p.replace(/[()]/g, "").trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);
}

/**
 * The answer form as the use case's input. The decision is the consultee's own, so the form asks only for its
 * date and §; whether the consultee can have one at all is the use case's rule, not the form's.
 */
export function answerInput(view: ConsultationView, f: Record<string, unknown>): AnswerInput {
  const decidedOn = f["decision.decidedOn"] as string | null | undefined;
  const paragraphNumber = f["decision.paragraphNumber"] as number | null | undefined;
  return {
    consulteeId: f.consulteeId as string,
    answeredOn: f.answeredOn as string,
    responseDescription: (f.responseDescription as string | null | undefined) ?? null,
    decision: decidedOn ? { decidedOn, paragraphNumber: paragraphNumber ?? null } : null,
    positions: [
      ...partyGroups(f.reservations as string | null).map((parties) => ({
        kind: "reservation" as const,
        parties,
      })),
      ...partyGroups(f.statements as string | null).map((parties) => ({
        kind: "special_statement" as const,
        parties,
      })),
    ],
    answers: view.questions
      .filter((q) => typeof f[`answer.${q.position}`] === "string")
      .map((q) => ({ question: q.position, text: f[`answer.${q.position}`] as string })),
  };
}

export function declineFields(view: ConsultationView): Field[] {
  return [
    {
      name: "consulteeId",
      label: "Remissinstans",
      type: "select",
      required: true,
      options: waitingOptions(view),
    },
    { name: "declinedOn", label: "Datum", type: "date", required: true },
    { name: "reason", label: "Skäl", type: "textarea" },
  ];
}
export const DeclineForm = z.object({
  consulteeId: z.uuid({ error: "Välj en remissinstans." }),
  declinedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
  reason: z.string().max(2000).nullish(),
});
