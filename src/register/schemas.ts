import { z } from "@hono/zod-openapi";
import { recordDirections, recordTypes } from "./tables.js";

const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2025-05-27" });

export const NumberSeriesInput = z
  .object({
    code: z
      .string({ error: "Ange seriens kod." })
      .trim()
      .min(1, "Ange seriens kod.")
      .max(20, "Koden får vara högst 20 tecken."),
    prefix: z.string({ error: "Ange prefix." }).trim().max(20, "Prefixet får vara högst 20 tecken."),
    pattern: z
      .string({ error: "Ange ett mönster." })
      .trim()
      .min(1, "Ange ett mönster.")
      .max(60, "Mönstret får vara högst 60 tecken.")
      .openapi({ example: "{prefix}-{year}-{seq}" }),
    ownerBodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish(),
  })
  .openapi("NumberSeriesInput");
export type NumberSeriesInput = z.infer<typeof NumberSeriesInput>;

/** OSL 5 kap. 5 §: provision, date and marking authority — all three, always together. */
export const SecrecyInput = z
  .object({
    provision: z
      .string({ error: "Ange sekretessbestämmelsen." })
      .trim()
      .min(1, "Ange sekretessbestämmelsen, t.ex. OSL 21 kap. 1 §.")
      .max(200, "Bestämmelsen får vara högst 200 tecken."),
    markedOn: isoDate("Ange datum för markeringen som ÅÅÅÅ-MM-DD."),
    markedById: z.uuid({ error: "Välj det organ som gjorde markeringen." }),
  })
  .openapi("SecrecyInput");
export type SecrecyInput = z.infer<typeof SecrecyInput>;

export const CaseInput = z
  .object({
    seriesCode: z.string({ error: "Välj nummerserie." }).trim().min(1, "Välj nummerserie."),
    title: z
      .string({ error: "Ange ärendets rubrik." })
      .trim()
      .min(1, "Ange ärendets rubrik.")
      .max(500, "Rubriken får vara högst 500 tecken."),
    publicTitle: z.string().trim().max(500, "Rubriken får vara högst 500 tecken.").nullish(),
    responsibleBodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish(),
    caseOfficerId: z.uuid({ error: "Välj en handläggare ur listan." }).nullish(),
    originCaseId: z.uuid({ error: "Välj ett ursprungsärende ur listan." }).nullish(),
    openedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    secrecy: SecrecyInput.nullish(),
  })
  .openapi("CaseInput");
export type CaseInput = z.infer<typeof CaseInput>;

export const RecordInput = z
  .object({
    caseId: z.uuid({ error: "Välj ett ärende." }),
    direction: z.enum(recordDirections, { error: "Välj inkommande, upprättad eller utgående." }),
    recordType: z.enum(recordTypes, { error: "Välj en handlingstyp." }),
    datedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    counterpartBodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish(),
    counterpartName: z.string().trim().max(300, "Namnet får vara högst 300 tecken.").nullish(),
    description: z
      .string({ error: "Beskriv handlingen kort." })
      .trim()
      .min(1, "Beskriv handlingen kort.")
      .max(1000, "Beskrivningen får vara högst 1000 tecken."),
    publicDescription: z.string().trim().max(1000, "Beskrivningen får vara högst 1000 tecken.").nullish(),
    secrecy: SecrecyInput.nullish(),
  })
  .openapi("RecordInput");
export type RecordInput = z.infer<typeof RecordInput>;
