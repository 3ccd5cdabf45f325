import type { Actor } from "../accounts/actor.js";
import { saveArea } from "../areas/save-area.js";
import type { Tx } from "../db/connect.js";
import { findCaseByNumber } from "../register/queries.js";
import { applyForCallOff } from "../reserves/apply-for-call-off.js";
import { createAppropriation } from "../reserves/create-appropriation.js";
import { decideCallOff } from "../reserves/decide-call-off.js";
import { listCallOffIndicators } from "../reserves/queries.js";
import { recordPayment } from "../reserves/record-payment.js";
import type { IndicatorInput, ReportInput } from "../reserves/schemas.js";
import { setFollowUpCalendar } from "../reserves/set-follow-up-calendar.js";
import { submitReport } from "../reserves/submit-report.js";

// The seed's outcome (KF 2026-01-22 § 8, ../shared/seed): 10 miljoner kronor for 2026 "avropas vid behov under året
// för att stötta processerna kring lokal utveckling och universell prevention", for children and young people,
// toward their chances to work or study after year 9, with three example themes. The reserve is the seed's; the
// seed names no call-offs, so the ones below are made up to show the follow-up, and marked illustrative in the data.
// Their indicators answer the M+C statement's question (Bilaga 12): do the results strengthen young people's
// chances to finish school and go on to work or studies?

/** Malmö's five city areas (stadsområden) since 2017. */
export const areas = [
  { externalId: "MALMO-INNERSTADEN", name: "Innerstaden" },
  { externalId: "MALMO-NORR", name: "Norr" },
  { externalId: "MALMO-SODER", name: "Söder" },
  { externalId: "MALMO-VASTER", name: "Väster" },
  { externalId: "MALMO-OSTER", name: "Öster" },
];

/** The seed's example themes, in its words ("Exempel på möjliga teman för avrop från nämnder"). */
export const themes = [
  "Ökad rörlighet inom staden för barn och unga",
  "Mer jämlik och meningsfull fritid för fler barn och unga",
  "Insatser för föräldrar",
];

export const reserveExternalId = "MALMO-KS-RESERV-2026";

const purpose =
  "Medlen avropas vid behov under året för att stötta processerna kring lokal utveckling och universell " +
  "prevention, till förmån för insatser som främjar ungas möjligheter att arbeta eller studera efter årskurs 9 " +
  "genom förebyggande insatser, som katalysator och förstärkning av processer som initieras av nämnderna.";

interface ExampleCallOff {
  externalId: string;
  body: string;
  title: string;
  theme: number;
  targetGroup: string;
  areas: string[];
  process: string;
  description: string;
  appliedOn: string;
  requestedKr: number;
  decision: {
    outcome: "granted" | "partly_granted" | "rejected";
    grantedKr?: number;
    on: string;
    paragraph: number;
  };
  payments: { kr: number; on: string }[];
  indicators: IndicatorInput[];
  /** The interim report 2026: values in the indicators' order. */
  report?: Omit<ReportInput, "values" | "year" | "period"> & { values: number[] };
}

const finishingSchool = (externalId: string, baseline: number, target: number): IndicatorInput => ({
  externalId,
  name: "Andel elever i årskurs 9 i områdena som är behöriga till gymnasiets yrkesprogram",
  unit: "percent",
  baseline,
  target,
  source: "Skolverket, betygsstatistik årskurs 9 per skolenhet",
  weight: 2,
});

const workOrStudies = (externalId: string, baseline: number, target: number): IndicatorInput => ({
  externalId,
  name: "Andel unga 16–19 år i områdena som studerar eller arbetar",
  unit: "percent",
  baseline,
  target,
  source: "SCB, registerdata om ungas sysselsättning",
  weight: 2,
});

export const callOffs: ExampleCallOff[] = [
  {
    externalId: "MALMO-AVROP-2026-FRITID",
    body: "FRN",
    title: "Avrop: lovfritid och fritidsledare i Söder och Öster",
    theme: 1,
    targetGroup: "Barn och unga 10–16 år",
    areas: ["Söder", "Öster"],
    process: "Lokal utveckling",
    description:
      "Öppna lovaktiviteter och fler fritidsledare på mötesplatserna under sommar-, höst- och sportlov, med " +
      "läxhjälp två kvällar i veckan under terminerna.",
    appliedOn: "2026-02-16",
    requestedKr: 3_000_000,
    decision: { outcome: "granted", on: "2026-03-09", paragraph: 92 },
    payments: [
      { kr: 1_500_000, on: "2026-03-20" },
      { kr: 750_000, on: "2026-07-01" },
    ],
    indicators: [
      finishingSchool("MALMO-IND-FRITID-BEHORIGHET", 71, 78),
      {
        externalId: "MALMO-IND-FRITID-DELTAGARE",
        name: "Barn och unga som deltagit i lovaktiviteterna minst fem gånger",
        unit: "people",
        baseline: 0,
        target: 600,
        source: "Fritidsförvaltningens närvaroregistrering",
        weight: 1,
      },
    ],
    report: {
      status: "on_track",
      moneyUsedOre: 140_000_000,
      narrative:
        "Sommarlovets aktiviteter nådde fler än planerat; läxhjälpen kom i gång i augusti. Behörigheten mäts på " +
        "nytt när vårterminens betyg finns.",
      reportedOn: "2026-09-10",
      values: [72.5, 410],
    },
  },
  {
    externalId: "MALMO-AVROP-2026-RORLIGHET",
    body: "TN",
    title: "Avrop: resor och feriepraktik utanför det egna området för unga i Norr och Väster",
    theme: 0,
    targetGroup: "Unga 15–19 år",
    areas: ["Norr", "Väster"],
    process: "Universell prevention",
    description:
      "Busskort under loven och feriepraktik hos arbetsgivare i andra delar av staden, så att fler unga rör sig i " +
      "hela Malmö och får en första kontakt med arbetslivet.",
    appliedOn: "2026-03-02",
    requestedKr: 2_500_000,
    decision: { outcome: "partly_granted", grantedKr: 1_800_000, on: "2026-04-13", paragraph: 131 },
    payments: [{ kr: 900_000, on: "2026-05-04" }],
    indicators: [
      workOrStudies("MALMO-IND-RORLIGHET-SYSSELSATTNING", 88, 92),
      {
        externalId: "MALMO-IND-RORLIGHET-PRAKTIK",
        name: "Unga som gjort feriepraktik utanför sitt stadsområde",
        unit: "people",
        baseline: 0,
        target: 250,
        source: "Tekniska nämndens uppföljning av feriepraktiken",
        weight: 1,
      },
    ],
    report: {
      status: "at_risk",
      moneyUsedOre: 70_000_000,
      narrative: "Färre arbetsgivare än väntat tog emot praktikanter; nämnden söker fler inför hösten.",
      reportedOn: "2026-09-11",
      values: [88.5, 90],
    },
  },
  {
    externalId: "MALMO-AVROP-2026-FORALDRAR",
    body: "ASN",
    title: "Avrop: föräldraskapsstöd kring skolgången i Innerstaden och Söder",
    theme: 2,
    targetGroup: "Föräldrar till barn i årskurs 6–9",
    areas: ["Innerstaden", "Söder"],
    process: "Universell prevention",
    description:
      "Föräldragrupper på flera språk om skolans krav, betyg och gymnasievalet, tillsammans med skolorna i " +
      "områdena.",
    appliedOn: "2026-04-01",
    requestedKr: 1_500_000,
    decision: { outcome: "granted", on: "2026-05-11", paragraph: 170 },
    payments: [{ kr: 1_500_000, on: "2026-05-25" }],
    indicators: [
      {
        externalId: "MALMO-IND-FORALDRAR-FULLFOLJT",
        name: "Andel elever i årskurs 9 i områdena som fullföljer grundskolan med godkända betyg i alla ämnen",
        unit: "percent",
        baseline: 64,
        target: 72,
        source: "Skolverket, betygsstatistik årskurs 9 per skolenhet",
        weight: 2,
      },
      {
        externalId: "MALMO-IND-FORALDRAR-DELTAGARE",
        name: "Föräldrar som fullföljt föräldraskapsstödet",
        unit: "people",
        baseline: 0,
        target: 120,
        source: "Arbetsmarknads- och socialförvaltningens deltagarlistor",
        weight: 1,
      },
    ],
    report: {
      status: "on_track",
      moneyUsedOre: 60_000_000,
      narrative: "Tre föräldragrupper har avslutats under våren och två har startat efter sommaren.",
      reportedOn: "2026-09-14",
      values: [66, 45],
    },
  },
  {
    externalId: "MALMO-AVROP-2026-KULTURSKOLA",
    body: "KN",
    title: "Avrop: kulturskola på sommarlovet",
    theme: 1,
    targetGroup: "Barn 7–12 år",
    areas: [],
    process: "Lokal utveckling",
    description: "Kurser i kulturskolan under sommarlovet, öppna för alla barn i staden.",
    appliedOn: "2026-04-20",
    requestedKr: 1_000_000,
    decision: { outcome: "rejected", on: "2026-05-11", paragraph: 171 },
    payments: [],
    indicators: [],
  },
];

const kr = (n: number) => n * 100;

/** Malmö's follow-up calendar in the example (illustrative dates). */
export const malmoCalendar = {
  interim: { periodEnds: "08-31", due: "09-15", dueNextYear: false },
  annual: { due: "02-15", dueNextYear: true },
};

/**
 * Loads Malmö's areas, the 2026 reserve created by KF 2026-01-22 § 8 in STK-2024-1374, and the illustrative
 * call-offs with their decisions (KSAU, on delegation), payments and interim reports, through the use cases.
 */
export async function loadMalmoReserves(tx: Tx, actor: Actor, bodyIds: Map<string, string>) {
  const body = (short: string) => {
    const id = bodyIds.get(short);
    if (!id) throw new Error(`Exemplet saknar organet ${short}`);
    return id;
  };
  const areaIds = new Map<string, string>();
  for (const a of areas) areaIds.set(a.name, (await saveArea(tx, actor, { ...a, kind: "district" })).id);

  // Malmö's follow-up calendar, set before the grants so their reminders follow it. The seed names no dates;
  // these are illustrative: the interim period to 31 August with the committees' reports due in mid-September,
  // and the annual analysis (årsanalys) due in mid-February after the year.
  await setFollowUpCalendar(tx, actor, malmoCalendar);

  const kase = await findCaseByNumber(tx, actor.municipalityId, "STK-2024-1374");
  const reserve = await createAppropriation(tx, actor, {
    externalId: reserveExternalId,
    ownerBodyId: body("KS"),
    caseId: kase?.id ?? null,
    decidedBy: { bodyId: body("KF"), decidedOn: "2026-01-22", paragraphNumber: 8, caseId: kase?.id ?? null },
    year: 2026,
    title: "Kommunstyrelsens reserv för kraftsamlande insatser",
    purpose,
    processes: ["Lokal utveckling", "Universell prevention"],
    targetGroups: ["Barn och unga"],
    themes,
    amountOre: kr(10_000_000),
    progressMethod: "weighted",
  });

  for (const c of callOffs) {
    const applied = await applyForCallOff(tx, actor, {
      externalId: c.externalId,
      appropriationId: reserve.id,
      seriesCode: "STK",
      title: c.title,
      applyingBodyId: body(c.body),
      theme: themes[c.theme]!,
      targetGroup: c.targetGroup,
      areaIds: c.areas.map((name) => areaIds.get(name)!),
      process: c.process,
      description: c.description,
      appliedOn: c.appliedOn,
      startsOn: c.appliedOn < "2026-03-01" ? "2026-03-01" : c.appliedOn,
      endsOn: "2026-12-31",
      requestedOre: kr(c.requestedKr),
      progressMethod: "weighted",
      indicators: c.indicators,
      illustrative: true,
    });
    await decideCallOff(tx, actor, applied.id, {
      outcome: c.decision.outcome,
      grantedOre: c.decision.grantedKr === undefined ? undefined : kr(c.decision.grantedKr),
      decidedBy: { bodyId: body("KSAU"), decidedOn: c.decision.on, paragraphNumber: c.decision.paragraph },
    });
    for (const p of c.payments)
      await recordPayment(tx, actor, applied.id, { amountOre: kr(p.kr), paidOn: p.on });
    if (c.report) {
      const indicators = await listCallOffIndicators(tx, applied.id);
      await submitReport(
        tx,
        actor,
        applied.id,
        {
          ...c.report,
          year: 2026,
          period: "interim",
          values: c.report.values.map((value, i) => ({ indicatorId: indicators[i]!.id, value })),
        },
        { today: c.report.reportedOn },
      );
    }
  }
  return { reserveId: reserve.id };
}
