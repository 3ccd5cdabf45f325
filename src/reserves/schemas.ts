import { z } from "@hono/zod-openapi";
import { DecisionReferenceInput } from "../assignments/schemas.js";
import { maxOre } from "../domain/money.js";
import {
  callOffStatuses,
  importKinds,
  indicatorUnits,
  progressMethods,
  reportPeriods,
  reportStatuses,
} from "./tables.js";

const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2026-03-01" });
const text = (max: number, empty: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, `Texten får vara högst ${max} tecken.`);
const externalId = z
  .string({ error: "Ange ett externt id." })
  .trim()
  .min(1, "Ange ett externt id.")
  .max(100, "Det externa id:t får vara högst 100 tecken.")
  .regex(/^[\p{L}\p{N}._:/-]+$/u, "Det externa id:t får bara innehålla bokstäver, siffror och . _ : / -")
  .openapi({
    description: "Id i ett annat system; import och export uppdaterar på det",
    example: "KS-2026-RES",
  });

/** An amount in whole öre: an integer, not negative, not more than the largest sum Paragraf takes. */
export const oreAmount = (what: string, allowZero = false) =>
  z
    .number({ error: `Ange ${what} i öre som ett heltal.` })
    .refine((n) => n >= 0, `${capital(what)} kan inte vara negativt.`)
    .refine((n) => Number.isInteger(n), `${capital(what)} ska anges i hela öre.`)
    .refine((n) => allowZero || n !== 0, `${capital(what)} måste vara större än noll.`)
    .refine((n) => n <= maxOre, `${capital(what)} är orimligt stort.`)
    .openapi({ description: "Belopp i öre (100 öre = 1 kr)", example: 1_000_000_000 });

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const words = (max: number, empty: string) => z.array(text(200, empty)).max(max, `Högst ${max}.`);

export const AppropriationInput = z
  .strictObject({
    externalId,
    ownerBodyId: z.uuid({ error: "Välj det organ som förfogar över anslaget." }),
    caseId: z.uuid({ error: "Välj ett ärende ur listan." }).nullish(),
    decidedBy: DecisionReferenceInput,
    year: z
      .int({ error: "Ange året som ett heltal." })
      .min(1900, "Året måste vara 1900 eller senare.")
      .max(2999, "Året är orimligt."),
    title: text(300, "Ange anslagets namn."),
    purpose: text(5000, "Beskriv anslagets syfte."),
    processes: words(20, "En process får inte vara tom.").default([]),
    targetGroups: words(20, "En målgrupp får inte vara tom.").default([]),
    themes: words(30, "Ett tema får inte vara tomt.").min(1, "Ange minst ett tema som avrop får gälla."),
    amountOre: oreAmount("beloppet"),
    progressMethod: z.enum(progressMethods, { error: "Välj vägt eller medelvärde." }).default("weighted"),
    illustrative: z.boolean().default(false),
  })
  .openapi("AppropriationInput");
export type AppropriationInput = z.input<typeof AppropriationInput>;

export const IndicatorInput = z
  .strictObject({
    externalId,
    name: text(300, "Ange indikatorns namn."),
    unit: z.enum(indicatorUnits, { error: "Välj enhet: procent, personer eller antal." }),
    baseline: z.number({ error: "Ange utgångsvärdet som ett tal." }),
    target: z.number({ error: "Ange målvärdet som ett tal." }),
    source: text(500, "Ange varifrån värdena hämtas."),
    weight: z
      .int({ error: "Ange vikten som ett heltal." })
      .min(1, "Vikten är minst 1.")
      .max(100, "Vikten är högst 100.")
      .default(1),
  })
  .openapi("IndicatorInput");
export type IndicatorInput = z.input<typeof IndicatorInput>;

export const CallOffInput = z
  .strictObject({
    externalId,
    appropriationId: z.uuid({ error: "Välj den reserv som avropet gäller." }),
    caseId: z.uuid({ error: "Välj ett ärende ur listan." }).nullish().openapi({
      description: "Ett ärende som redan finns; utelämnas för att registrera ett nytt i serien seriesCode",
    }),
    seriesCode: z.string().trim().min(1).max(20).nullish(),
    title: text(500, "Ange insatsens rubrik."),
    applyingBodyId: z.uuid({ error: "Välj den nämnd som ansöker." }),
    theme: text(200, "Välj ett tema."),
    targetGroup: text(300, "Ange målgruppen."),
    areaIds: z
      .array(z.uuid({ error: "Välj områden ur listan." }))
      .max(50, "Högst 50 områden.")
      .default([]),
    process: text(300, "Ange vilken process insatsen stärker."),
    description: text(10_000, "Beskriv vad insatsen gör."),
    appliedOn: isoDate("Ange ansökningsdatum som ÅÅÅÅ-MM-DD."),
    startsOn: isoDate("Ange när insatsen börjar som ÅÅÅÅ-MM-DD."),
    endsOn: isoDate("Ange när insatsen slutar som ÅÅÅÅ-MM-DD."),
    requestedOre: oreAmount("det sökta beloppet"),
    progressMethod: z.enum(progressMethods, { error: "Välj vägt eller medelvärde." }).default("average"),
    indicators: z.array(IndicatorInput).max(20, "Högst 20 indikatorer.").default([]),
    illustrative: z.boolean().default(false),
  })
  .refine((c) => c.endsOn >= c.startsOn, {
    message: "Insatsen kan inte sluta innan den börjar.",
    path: ["endsOn"],
  })
  .refine((c) => Boolean(c.caseId) || Boolean(c.seriesCode), {
    message: "Ange ärendet eller diarieserien där ansökan registreras.",
    path: ["seriesCode"],
  })
  .openapi("CallOffInput");
export type CallOffInput = z.input<typeof CallOffInput>;

/** What a known call-off's import row may change in its text; the same rules as an application's. */
export const CallOffChangesInput = z.strictObject({
  targetGroup: text(300, "Ange målgruppen."),
  process: text(300, "Ange vilken process insatsen stärker."),
});

export const decisionOutcomes = ["granted", "partly_granted", "rejected"] as const;

export const DecideCallOffInput = z
  .strictObject({
    outcome: z.enum(decisionOutcomes, { error: "Välj bifall, delvis bifall eller avslag." }),
    grantedOre: oreAmount("det beviljade beloppet", true).optional(),
    decidedBy: DecisionReferenceInput,
  })
  .refine((d) => d.outcome !== "partly_granted" || (d.grantedOre ?? 0) > 0, {
    message: "Ange det beviljade beloppet vid delvis bifall.",
    path: ["grantedOre"],
  })
  .openapi("DecideCallOffInput");
export type DecideCallOffInput = z.infer<typeof DecideCallOffInput>;

export const PaymentInput = z
  .strictObject({
    amountOre: oreAmount("beloppet"),
    paidOn: isoDate("Ange utbetalningsdag som ÅÅÅÅ-MM-DD."),
    note: z.string().trim().max(500, "Anteckningen får vara högst 500 tecken.").nullish(),
  })
  .openapi("PaymentInput");
export type PaymentInput = z.infer<typeof PaymentInput>;

export const reversalKinds = ["grant", "payment"] as const;

export const ReversalInput = z
  .strictObject({
    kind: z
      .enum(reversalKinds, { error: "Välj om beviljat belopp minskas eller en utbetalning rättas." })
      .openapi({
        description:
          "grant: minska eller återkalla det beviljade beloppet (pengarna går tillbaka till reserven); payment: rätta (minska) det utbetalda",
      }),
    amountOre: oreAmount("beloppet"),
    decidedBy: DecisionReferenceInput,
    reason: text(2000, "Ange skälet till beslutet."),
  })
  .openapi("ReversalInput");
export type ReversalInput = z.infer<typeof ReversalInput>;

export const ReportInput = z
  .strictObject({
    externalId: externalId.optional(),
    year: z
      .int({ error: "Ange året som ett heltal." })
      .min(1900, "Året är orimligt.")
      .max(2999, "Året är orimligt."),
    period: z.enum(reportPeriods, { error: "Välj delårsrapport eller årsanalys." }),
    status: z.enum(reportStatuses, { error: "Välj status." }),
    moneyUsedOre: oreAmount("använda medel", true),
    narrative: text(10_000, "Skriv en kort berättelse om vad som hänt."),
    reportedOn: isoDate("Ange rapportdatum som ÅÅÅÅ-MM-DD."),
    values: z
      .array(
        z.strictObject({
          indicatorId: z.uuid({ error: "Välj en indikator ur listan." }),
          value: z.number({ error: "Ange värdet som ett tal." }),
        }),
      )
      .max(20, "Högst 20 värden.")
      .default([]),
  })
  .openapi("ReportInput");
export type ReportInput = z.input<typeof ReportInput>;

export const QuestionRoundInput = z
  .strictObject({
    decidedBy: DecisionReferenceInput,
    title: text(500, "Ange frågeomgångens rubrik."),
    coverText: text(20_000, "Skriv följebrevet."),
    questions: z
      .array(text(5000, "En fråga får inte vara tom."))
      .min(1, "Ställ minst en fråga.")
      .max(50, "Högst 50 frågor."),
    bodyIds: z
      .array(z.uuid({ error: "Välj nämnder ur listan." }))
      .min(1, "Välj minst en nämnd.")
      .max(200),
    deadline: isoDate("Ange sista svarsdag som ÅÅÅÅ-MM-DD."),
  })
  .openapi("QuestionRoundInput");
export type QuestionRoundInput = z.infer<typeof QuestionRoundInput>;

const monthDay = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{2}-\d{2}$/, message)
    .openapi({ example: "09-30" });

export const FollowUpCalendarInput = z
  .strictObject({
    interim: z.strictObject({
      periodEnds: monthDay("Ange dagen delårsperioden slutar som MM-DD, t.ex. 08-31."),
      due: monthDay("Ange dagen delårsrapporten ska lämnas som MM-DD, t.ex. 09-30."),
      dueNextYear: z.boolean({ error: "Ange ja eller nej." }).default(false),
    }),
    annual: z.strictObject({
      due: monthDay("Ange dagen årsanalysen ska lämnas som MM-DD, t.ex. 01-31."),
      dueNextYear: z.boolean({ error: "Ange ja eller nej." }).default(true),
    }),
  })
  .openapi("FollowUpCalendarInput");
export type FollowUpCalendarInput = z.input<typeof FollowUpCalendarInput>;

export const FollowUpCalendarResource = z
  .object({
    own: z
      .boolean()
      .openapi({ description: "Kommunen har satt sin egen kalender (annars gäller den vanliga)" }),
    interim: z.object({ periodEnds: z.string(), due: z.string(), dueNextYear: z.boolean() }),
    annual: z.object({ periodEnds: z.string(), due: z.string(), dueNextYear: z.boolean() }),
  })
  .openapi("FollowUpCalendar");

export const AreaInput = z
  .strictObject({
    externalId,
    name: text(200, "Ange områdets namn."),
    kind: z
      .enum(["district", "neighbourhood", "city"], {
        error: "Välj stadsområde, delområde eller hela staden.",
      })
      .default("district"),
  })
  .openapi("AreaInput");
export type AreaInput = z.input<typeof AreaInput>;

const Money = z.object({
  appropriatedOre: z.int(),
  grantedOre: z.int(),
  paidOre: z.int(),
  remainingOre: z.int(),
  appropriated: z.string().openapi({ example: "10 000 000 kr" }),
  granted: z.string(),
  paid: z.string(),
  remaining: z.string(),
});

export const IndicatorResource = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    name: z.string(),
    unit: z.enum(indicatorUnits),
    baseline: z.number(),
    target: z.number(),
    latest: z.number().nullable(),
    progressPermille: z.int().nullable(),
    source: z.string(),
    weight: z.int(),
  })
  .openapi("Indicator");

export const ReportResource = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    year: z.int(),
    period: z.enum(reportPeriods),
    label: z.string(),
    status: z.enum(reportStatuses),
    progressPermille: z.int(),
    moneyUsedOre: z.int(),
    narrative: z.string(),
    reportedOn: z.string(),
  })
  .openapi("FollowUpReport");

export const CallOffResource = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    appropriationId: z.uuid(),
    caseNumber: z.string(),
    title: z
      .string()
      .openapi({ description: "Ärendets mening; den offentliga när ärendet är sekretessmarkerat" }),
    applyingBodyName: z.string(),
    theme: z.string(),
    targetGroup: z.string(),
    areas: z.array(z.string()),
    process: z.string(),
    description: z.string().nullable(),
    startsOn: z.string(),
    endsOn: z.string(),
    requestedOre: z.int(),
    requested: z.string(),
    status: z.enum(callOffStatuses),
    decision: z.string().nullable().openapi({ example: "KS 260315 § 112" }),
    money: z.object({
      grantedOre: z.int(),
      paidOre: z.int(),
      unpaidOre: z.int(),
      reversedOre: z.int().openapi({ description: "Det som beslut har dragit tillbaka av det beviljade" }),
      granted: z.string(),
      paid: z.string(),
      unpaid: z.string(),
      reversed: z.string(),
    }),
    reversals: z.array(
      z.object({
        date: z.string(),
        kind: z.enum(reversalKinds),
        amountOre: z.int(),
        decision: z.string().nullable().openapi({ example: "KS 260601 § 140" }),
        reason: z.string(),
      }),
    ),
    progressPermille: z.int().nullable(),
    progressMethod: z.enum(progressMethods),
    illustrative: z.boolean(),
    indicators: z.array(IndicatorResource),
    reports: z.array(ReportResource),
  })
  .openapi("CallOff");

export const AppropriationResource = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    year: z.int(),
    title: z.string(),
    ownerBodyName: z.string(),
    purpose: z.string(),
    processes: z.array(z.string()),
    targetGroups: z.array(z.string()),
    themes: z.array(z.string()),
    decision: z.string().openapi({ example: "KF 260122 § 8" }),
    money: Money,
    progressPermille: z.int().nullable(),
    progressMethod: z.enum(progressMethods),
    ledgerChecked: z.boolean().openapi({ description: "Saldot stämmer med huvudbokens rader" }),
    illustrative: z.boolean(),
  })
  .openapi("Appropriation");

export const AppropriationWithCallOffs = AppropriationResource.extend({
  callOffs: z.array(CallOffResource),
}).openapi("AppropriationWithCallOffs");

export const ImportInput = z
  .strictObject({
    kind: z.enum(importKinds, {
      error: "Välj vad som läses in: områden, indikatorer, rapporter, reserver eller avrop.",
    }),
    content: z
      .string({ error: "Ange filens innehåll (CSV med semikolon)." })
      .min(1, "Filen är tom.")
      .max(1_000_000, "Filen är för stor (högst 1 MB).")
      .optional()
      .openapi({ description: "En CSV-fil som text (UTF-8, semikolon)" }),
    contentBase64: z
      .string({ error: "Ange filen kodad med base64." })
      .min(1, "Filen är tom.")
      .max(1_400_000, "Filen är för stor (högst 1 MB).")
      .regex(/^[A-Za-z0-9+/\r\n]+={0,2}$/, "Filen ska vara kodad med base64.")
      .optional()
      .openapi({
        description: "Filen själv i base64: en XLSX-arbetsbok eller en CSV-fil; vilket avgörs av innehållet",
      }),
  })
  .refine((i) => (i.content === undefined) !== (i.contentBase64 === undefined), {
    message: "Skicka filen antingen som content (CSV-text) eller som contentBase64, inte båda.",
    path: ["content"],
  })
  .openapi("ImportInput");
export type ImportInput = z.infer<typeof ImportInput>;

export const RowErrorResource = z
  .object({ row: z.int(), field: z.string(), message: z.string() })
  .openapi("ImportRowError");

export const ImportResource = z
  .object({
    id: z.uuid().nullable(),
    status: z.enum(["done", "refused", "waiting"]),
    rows: z.int(),
    errors: z.array(RowErrorResource),
  })
  .openapi("ImportResult");

export const AreaResource = z
  .object({ id: z.uuid(), externalId: z.string(), name: z.string(), kind: z.string() })
  .openapi("Area");
