import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { record } from "../register/tables.js";
import { draftReport } from "../reports/draft-report.js";
import { readReport } from "../reports/read-report.js";
import { saveTemplate } from "../reports/save-template.js";
import { signReport } from "../reports/sign-report.js";

// The city office's official report in STK-2024-1374 (the seed's third part) as data: Malmö's template with the
// seed's sections, the written text as printed, and the sections Paragraf knows as links — the decision basis in
// the report's own order, the recipients, those responsible. It is signed as the seed stamps it, 2025-11-17, and
// linked to the record the registrar registered for it.

/** Malmö's template: the seed's sections in the seed's order. */
export const malmoTemplate = [
  { kind: "summary", heading: "Sammanfattning", maxLength: 4000 },
  { kind: "proposal", heading: "Förslag till beslut", maxLength: 2000 },
  { kind: "basis", heading: "Beslutsunderlag" },
  { kind: "route", heading: "Beslutsplanering" },
  { kind: "recipients", heading: "Beslutet skickas till" },
  { kind: "background", heading: "Ärendet", maxLength: 20000 },
  { kind: "consultation", heading: "Remissinstansernas yttranden", maxLength: 20000 },
  { kind: "assessment", heading: "Stadskontorets bedömning", maxLength: 20000 },
  { kind: "responsible", heading: "Ansvariga" },
] as const;

const summary = `Kommunfullmäktige beslutade den 26 september 2024 §189 att ge kommunstyrelsen samordningsansvaret för kraftsamlande insatser och även uppdraget att utarbeta formerna för processen i stort, ta fram förslag på geografiska områden samt föreslå vilka nämnder och bolag som ska få ett särskilt ansvar i det fortsatta arbetet.

Remissinstanserna ställer sig i stort positiva till ambitionen kring förslaget med processen kring de kraftsamlande insatserna. Men flera av instanserna trycker på att det är viktigt att det inte sker dubbla processer. Vidare efterlyser remissinstanserna större tydlighet kring långsiktig finansiering, samordning med befintliga strukturer och förtydliganden kring organisering och uppföljning.

Stadskontoret har, efter synpunkterna från remissrundan och den genomförda analysen, landat i bedömningen att det redan finns pågående initiativ som angränsar till arbetet med kraftsamlande insatser. Fritidsnämnden håller på att starta upp och formera arbetet med lokal utveckling och arbetsmarknads- och socialnämnden har påbörjat arbetet med universell prevention. Stadskontoret ser en risk att administrationen kring att fördela medel om en summa om 10 miljoner kronor till nystartade kraftsamlande insatser skulle överstiga nyttan av dessa.

I förslaget till kommunfullmäktiges budget finns avsatt 10 miljoner kronor för 2026. Stadskontorets bedömning är att dessa medel fortfarande ska avsättas i budgeten men avropas vid behov under året för att stötta processerna kring lokal utveckling och universell prevention med barn och unga som främsta målgrupp.`;

const proposal = `Kommunstyrelsen föreslår kommunfullmäktige att besluta

1. Kommunfullmäktige godkänner återrapporteringen av uppdraget kring kraftsamlande insatser.`;

const background = `Genom kommunfullmäktiges budgetuppdrag 2023 (STK-2023-137) fick kommunstyrelsen i uppdrag att, tillsammans med berörda nämnder och bolag, definiera och starta ett långsiktigt och strategiskt områdeslyft. Som en del i beredningen av budgetuppdraget identifierade stadskontoret ett behov av att samla och synliggöra stadens processer kring samtliga tre dimensioner av hållbarhet och lokala utvecklingsfrågor i stort, kallat lokal utveckling. Benämningen strategiskt områdeslyft har därefter döpts om till kraftsamlande insatser.

Till skillnad från arbetet med lokal utveckling var bedömningen att det för kraftsamlande insatser finns ett behov av kommungemensam styrning, prioritering och uppföljning. Kommunfullmäktige beslutade därför den 9 oktober 2024 §189 att ge kommunstyrelsen samordningsansvaret för kraftsamlande insatser och även uppdraget att utarbeta formerna för processen i stort inklusive rapportering, ta fram förslag på geografiska områden samt föreslå vilka nämnder och bolag som ska få ett särskilt ansvar i arbetet.

Kommunstyrelsens arbetsutskott beslutade den 24 mars 2024 att skicka ut ärendet om stadskontorets förslag på organisering för kraftsamlande insatser på remiss till berörda nämnder och kommunala bolag. I föreliggande ärende presenteras nämndernas synpunkter på utskickat förslag.

De kraftsamlande insatserna föreslogs genomföras i några få utvalda områden av utpekade nämnder. Stadskontoret bedömde att merparten av de kraftsamlande insatserna skulle ske inom ramen för befintlig budget i de ansvariga nämndernas uppdrag. För insatser som skulle kräva medel utöver ordinarie budget skulle kommunfullmäktige avsätta medel i kommande budgetar som kommunstyrelsens anslag till förfogande.`;

const consultation = `Remissyttranden har inkommit från följande nämnder och bolag:

[[remissinstanser]]

Nämnderna ställer sig generellt positiva till ambitionen att genom kraftsamlande insatser arbeta förebyggande och främjande, strukturerat och sektorsövergripande för att stärka ungas möjligheter att arbeta eller studera efter årskurs 9. Det är värdefullt att kraftsamlande insatser ska syfta till att skapa gynnsamma uppväxtvillkor i bred bemärkelse.

Sammantaget stödjer nämnderna och bolagen förslaget men efterlyser större tydlighet kring långsiktig finansiering, samordning med befintliga strukturer och förtydliganden kring organisering och uppföljning.

Frågorna som remissinstanserna besvarade var:

[[frågor]]

## Nämndernas roll och ansvar

Nämnderna som besvarade remissen ställer sig generellt positiva till att representeras i styrgrupp för kraftsamlande insatser. Flera nämnder framhåller vikten av att representanter i styrgruppen har tydligt beslutsmandat för sin förvaltning.

En fråga som lyfts är hur kravet på beslutsmandat ska förhålla sig till nämndernas delegationsordningar. Nämnderna betonar vikten av att arbetssätt inom ramen för kraftsamlande insatser harmonierar med ordinarie styrning och att beslutsfattande sker i linje med nämndernas reglementen och etablerade informations- och beslutsvägar.

Vad gäller uppföljning föreslår vissa nämnder att kraftsamlande insatser ska återrapporteras i ordinarie uppföljningsprocesser under särskilt angiven rubrik samt redovisas i års- och delårsanalyser. Ett alternativt förslag är att uppföljning sker genom en särskild fråga till berörda nämnder, motsvarande hur nämndernas arbete med mänskliga rättigheter följs upp.

Nämnderna framhåller vikten av att involvera civilsamhälle, näringsliv och andra lokala aktörer från start, både i behovsanalys, genomförande och uppföljning. Särskilt lyfts föreningslivets delaktighet som viktig för att värna befintliga samverkansstrukturer i områdena.

## Samordnande styrgrupp

Majoriteten av nämnderna ser risker med att skapa ett parallellt forum utanför nämndernas ordinarie strukturer. Som alternativ till en ny styrgrupp föreslås i första hand Samverkan för Barn och Unga Malmö (SBUM) som en lämplig styrgrupp.

Nämnderna betonar vikten av att undvika parallella strukturer och att styr- och arbetsgruppen har tydliga kopplingar till både den strategiska samverkansplattformen och det lokala operativa arbetet inom lokal utveckling.

## Fördelningskriterier för ekonomiska medel

Nämnderna instämmer generellt i att fördelning av ekonomiska medel bör ske utifrån lokala behov och att finansiering av kraftsamlande insatser med fördel kan förstärka befintligt arbete inom lokal utveckling. Flera nämnder förespråkar att arbetssättet bör använda existerande strukturer och organiseringar.

Nämnderna betonar att både främjande och förebyggande insatser bör prioriteras. För främjande insatser behöver det finnas en tydlig plan för hur de ska bidra till en prosocial socialiseringsprocess.`;

const assessment = `Genom kommunfullmäktiges budgetuppdrag 2023 fick kommunstyrelsen i uppdrag att, tillsammans med berörda nämnder och bolag, definiera och starta ett långsiktigt och strategiskt områdeslyft. Förslaget var att staden, parallellt med det breda arbetet med lokal utveckling som riktar sig till alla malmöbor i hela staden utifrån samtliga hållbarhetsdimensioner, ska påbörja ett arbete med områdeslyft, nu kallat kraftsamlande insatser. Kraftsamlande insatser skulle fokusera på barn och unga i några få utvalda områden.

Kommunstyrelsens arbetsutskott beslutade den 24 mars 2024 att skicka ut ärendet om stadskontorets förslag på organisering för kraftsamlande insatser på remiss till berörda nämnder och kommunala bolag.

Remissinstanserna ställer sig i stort positiva till ambitionen kring förslaget med processen kring de kraftsamlande insatserna. Men flera av instanserna trycker på att det är viktigt att det inte sker dubbla processer. Vidare efterlyser remissinstanserna större tydlighet kring långsiktig finansiering, samordning med befintliga strukturer och förtydliganden kring organisering och uppföljning.

Stadskontoret har, efter synpunkterna från remissrundan och den genomförda analysen, landat i bedömningen att det redan finns pågående initiativ som angränsar till arbetet med kraftsamlande insatser. Fritidsnämnden håller på att starta upp och formera arbete med lokal utveckling och arbetsmarknads- och socialnämnden har påbörjat arbetet med universell prevention. Arbetet med lokal utveckling riktar sig mot alla Malmöbor utifrån samtliga tre hållbarhetsdimensioner medan universell prevention riktar sig mot barn och unga.

Stadskontoret ser en risk att administrationen att fördela medel om en summa om 10 miljoner kronor till kraftsamlande insatser skulle överstiga nyttan av dessa.

I förslaget till kommunfullmäktiges budget finns avsatt 10 miljoner kronor för 2026. Stadskontorets bedömning är att dessa medel fortfarande ska avsättas i budgeten men avropas vid behov under året för att stötta processerna kring lokal utveckling och universell prevention. Stadskontoret ser att dessa eventuella avrop ska ske till förmån för insatser inom ramen för lokal utveckling och universell prevention som främjar ungas möjligheter till att arbeta eller studera efter årskurs 9 genom förebyggande insatser. Stadskontoret bedömer att dessa medel ska kunna användas som katalysator och förstärkning av processer som initieras av nämnderna. Exempel på möjliga teman för avrop från nämnder kan vara ökad rörlighet inom staden för barn och unga och mer jämlik och meningsfull fritid för fler barn och unga samt insatser för föräldrar med mera.

Med ovanstående resonemang ser stadskontoret att uppdragen som kommunfullmäktige gav kommunstyrelsen på sammanträdet 26 september 2024 (STK-2023-137 §189) faller. Uppdragen formulerades som att kommunstyrelsen skulle ta fram förslag på geografiska områden för kraftsamlande insatser och vilka nämnder och bolag som ska få ett särskilt ansvar i arbetet samt att samordna arbetet med kraftsamlande insatser och utarbeta formerna för processen inklusive rapportering.

Därmed föreslår stadskontoret att de två ovan nämnda uppdragen gällande kraftsamlande insatser ska godkännas och anses vara återrapporterade.`;

/** The official report's decision basis in the report's own order (it differs from the minutes' order). */
const basisOrder = [
  "Tekniska nämnden beslut 250527 § 125",
  "Remissvar tekniska nämnden",
  "Remissvar gymnasie- och vuxenutbildningsnämnden",
  "Gymnasie- och vuxenutbildningsnämnden beslut 250613 § 95",
  "Remissvar MKB",
  "Remissvar förskolenämnden",
  "Förskolenämnden beslut 250611 § 87 Särskilt yttrande (SD)",
  "Kulturnämnden beslut 250617 § 79",
  "Remissvar Kulturnämnden",
  "Beslut miljönämnden 250612 § 120 Särskilt yttrande (SD) och (V)",
  "Remissvar miljönämnden",
  "Remissvar fritidsnämnden",
  "Beslut fritidsnämnden 250619 § 91",
  "Remissvar arbetsmarknads- och socialnämnden",
  "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)",
  "Remissvar stadsbyggnadsnämnden",
  "Stadsbyggnadsnämnden beslut 250619 § 201",
  "Funktionsstödsnämndens beslut 250623 § 59",
  "Remissvar funktionsstödsnämnden",
  "Remissvar servicenämnden",
  "Servicenämndens beslut 250617 §66",
  "Remissvar MINC i Sverige AB",
  "Grundskolenämnden beslut 250619 § 93 Särskilt yttrande (SD)",
  "Remissvar grundskolenämnden",
  // The seed prints "KSAU 251201" here and "251208" in the minutes; the record is one, dated as the minutes say.
  "G-Tjänsteskrivelse KSAU 251208 Återrapportering kring kraftsamlande insatser",
];

const recipientShortNames = [
  "ASN",
  "FRN",
  "FSN",
  "FN",
  "GSN",
  "GVN",
  "KN",
  "MN",
  "SN",
  "SBN",
  "TN",
  "MKB",
  "MINC",
  "HÅL",
];

interface Ids {
  bodyIds: Map<string, string>;
  personIds: Map<string, string>;
  caseId: string;
  /** KF 2024-09-26 § 189 and its record STK-2023-137-50, first in the report's basis. */
  kf189: { paragraphId: string; recordId: string };
}

/** Loads Malmö's template and the official report, and signs it as the seed stamps it. */
export async function loadMalmoReport(tx: Tx, actor: Actor, ids: Ids) {
  const body = (short: string) => ids.bodyIds.get(short)!;
  const person = (name: string) => ids.personIds.get(name)!;
  await saveTemplate(tx, actor, { name: "Malmö stad – tjänsteskrivelse", sections: [...malmoTemplate] });
  const records = await tx
    .select({ id: record.id, description: record.description })
    .from(record)
    .where(and(eq(record.caseId, ids.caseId), inArray(record.description, basisOrder)));
  const recordId = (description: string) => records.find((r) => r.description === description)!.id;
  const { report } = await draftReport(tx, actor, {
    caseId: ids.caseId,
    title: "Återrapportering kring kraftsamlande insatser",
    administrationId: body("STK"),
    referencePersonId: person("Nasrin Bigdelou"),
    bodyId: body("KSAU"),
    datedOn: "2025-12-03",
    texts: { summary, proposal, background, consultation, assessment },
    basis: [ids.kf189, ...basisOrder.map((d) => ({ recordId: recordId(d) }))],
    recipients: [
      ...recipientShortNames.map((short) => ({ bodyId: body(short) })),
      { label: "Stadskontorets handläggare" },
    ],
    responsibleIds: [person("Nicklas Löfström"), person("Ana-Maria Deliv"), person("Andreas Norbrant")],
  });
  const read = await readReport(tx, actor.municipalityId, report.id, { all: true, bodyIds: [] });
  await signReport(tx, actor, report.id, {
    version: read.version,
    sha256: read.sha256,
    at: new Date("2025-11-17T10:00:00+01:00"),
    recordId: recordId(basisOrder.at(-1)!),
  });
  return report;
}
