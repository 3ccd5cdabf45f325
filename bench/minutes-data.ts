// The synthetic council meeting of the minutes benchmark (issue 9): a municipality of its own with a council of 61
// members in eight parties, twelve committees, and a meeting of 60 paragraphs in which every paragraph has two
// motions with movers and supporters, a vote with 61 ballots, the question put, two decision points, a party's
// reservation, a special statement whose text is an attachment of the minutes, five recipients and a decision
// basis of 30 records in the paragraph's case. Everything is written through the use cases the secretary's pages and the API call, one
// transaction per step, so the rows are exactly what a real secretary leaves behind (audit entries included).

import { systemActor } from "../src/accounts/actor.js";
import type { Database, Tx } from "../src/db/connect.js";
import { inTransaction } from "../src/db/transaction.js";
import { addAgendaItem } from "../src/meetings/add-agenda-item.js";
import { addAttachment } from "../src/meetings/add-attachment.js";
import { addMotion } from "../src/meetings/add-motion.js";
import { announceReservation } from "../src/meetings/announce-reservation.js";
import { announceStatement } from "../src/meetings/announce-statement.js";
import { closeMeeting } from "../src/meetings/close-meeting.js";
import { openMeeting } from "../src/meetings/open-meeting.js";
import { planMeeting } from "../src/meetings/plan-meeting.js";
import { publishNotice } from "../src/meetings/publish-notice.js";
import { recordAttendance } from "../src/meetings/record-attendance.js";
import { recordDecision } from "../src/meetings/record-decision.js";
import { recordVote } from "../src/meetings/record-vote.js";
import { setRecipients } from "../src/meetings/set-recipients.js";
import { takeUpItem } from "../src/meetings/take-up-item.js";
import { createBody } from "../src/organisation/bodies.js";
import { createMunicipality } from "../src/organisation/create-municipality.js";
import { addMembership } from "../src/organisation/memberships.js";
import { createParty } from "../src/organisation/parties.js";
import { createPerson } from "../src/organisation/persons.js";
import { createNumberSeries } from "../src/register/create-number-series.js";
import { registerNewCase } from "../src/register/register-case.js";
import { registerRecord } from "../src/register/register-record.js";
import type { RecordDirection, RecordType } from "../src/register/tables.js";
import { places, subjects, topics } from "./generate.js";

export const minutesSlug = "protokollkoping";
export const councilSeats = 61;
export const paragraphsPerMeeting = 60;
export const basisPerParagraph = 30;

/** Seats per party: a council of 61 where S, V, MP, C and L (34) vote against M, SD and KD (27). */
const parties = [
  { abbreviation: "S", name: "Socialdemokraterna", seats: 19, side: "yes" },
  { abbreviation: "M", name: "Moderaterna", seats: 13, side: "no" },
  { abbreviation: "SD", name: "Sverigedemokraterna", seats: 12, side: "no" },
  { abbreviation: "V", name: "Vänsterpartiet", seats: 6, side: "yes" },
  { abbreviation: "L", name: "Liberalerna", seats: 4, side: "yes" },
  { abbreviation: "C", name: "Centerpartiet", seats: 3, side: "yes" },
  { abbreviation: "KD", name: "Kristdemokraterna", seats: 2, side: "no" },
  { abbreviation: "MP", name: "Miljöpartiet de gröna", seats: 2, side: "yes" },
] as const;

const firstNames = [
  "Anna",
  "Erik",
  "Maria",
  "Lars",
  "Karin",
  "Ahmed",
  "Eva",
  "Johan",
  "Fatima",
  "Per",
  "Sara",
  "Mikael",
  "Lena",
  "Nils",
  "Amira",
  "Anders",
  "Ingrid",
  "Jonas",
  "Sofia",
  "Hassan",
];
const lastNames = [
  "Andersson",
  "Johansson",
  "Karlsson",
  "Nilsson",
  "Eriksson",
  "Larsson",
  "Olsson",
  "Persson",
  "Svensson",
  "Gustafsson",
  "Pettersson",
  "Jönsson",
  "Hansson",
  "Bengtsson",
  "Lindberg",
  "Yilmaz",
  "Ali",
  "Lindqvist",
];

const committees = [
  ["Kommunstyrelsen", "KS", "executive_board"],
  ["Tekniska nämnden", "TN", "committee"],
  ["Stadsbyggnadsnämnden", "SBN", "committee"],
  ["Miljönämnden", "MN", "committee"],
  ["Fritidsnämnden", "FRN", "committee"],
  ["Kulturnämnden", "KN", "committee"],
  ["Förskolenämnden", "FN", "committee"],
  ["Grundskolenämnden", "GSN", "committee"],
  ["Gymnasie- och vuxenutbildningsnämnden", "GVN", "committee"],
  ["Arbetsmarknads- och socialnämnden", "ASN", "committee"],
  ["Funktionsstödsnämnden", "FSN", "committee"],
  ["Servicenämnden", "SN", "committee"],
] as const;

const basisTemplates: { text: string; direction: RecordDirection; type: RecordType }[] = [
  { text: "Tjänsteskrivelse om {topic} i {place}", direction: "drawn_up", type: "official_report" },
  { text: "Remissvar från {body} om {topic}", direction: "incoming", type: "consultation_response" },
  { text: "Beslut {body} om {topic}", direction: "incoming", type: "decision" },
  { text: "Kartunderlag för {place}", direction: "drawn_up", type: "attachment" },
  { text: "Skrivelse från boende i {place} om {topic}", direction: "incoming", type: "letter" },
  { text: "Kostnadskalkyl för {topic} i {place}", direction: "drawn_up", type: "attachment" },
];

const statementText = (topic: string, place: string) =>
  `Moderaterna och Kristdemokraterna delar ambitionen att ${topic} i ${place} ska fungera väl för dem som bor och verkar där. Förslaget saknar dock en tydlig kalkyl för driftskostnaderna under de kommande tio åren, och de remissinstanser som pekat på riskerna i tidplanen har inte fått svar i tjänsteskrivelsen.

Vi hade hellre sett att kommunstyrelsen fick i uppdrag att återkomma med en samlad bedömning av behovet i hela kommunen innan beslut fattas om en enskild satsning. Kommunens investeringsutrymme är begränsat, och varje beslut om ${topic} påverkar vad som kan göras i andra stadsdelar.

Vi följer ärendet vidare och förutsätter att uppföljningen redovisas för kommunfullmäktige senast vid årsskiftet.`;

const at = (iso: string) => new Date(iso);

export interface MinutesData {
  municipalityId: string;
  /** The meeting of 60 paragraphs. */
  meetingId: string;
  /** A second meeting of the same council with one paragraph of the same shape (to compare query counts). */
  smallMeetingId: string;
  /** The public address of one paragraph in the middle of the large meeting. */
  paragraphPath: string;
  /** The paragraph of the small meeting. */
  smallParagraphPath: string;
  seconds: number;
}

/** Builds the municipality, the council and both meetings through the use cases; returns what the pages need. */
export async function buildMinutes(database: Database, log: (message: string) => void): Promise<MinutesData> {
  const t0 = performance.now();
  const step = <T>(fn: (tx: Tx) => Promise<T>) => inTransaction(database.db, fn);
  const m = await step((tx) => createMunicipality(tx, { name: "Protokollköping", slug: minutesSlug }));
  const actor = systemActor(m.id, "Benchmark");

  const council = await step((tx) =>
    createBody(tx, actor, {
      name: "Kommunfullmäktige",
      shortName: "KF",
      kind: "council",
      seats: councilSeats,
    }),
  );
  const bodyIds: string[] = [];
  for (const [name, shortName, kind] of committees)
    bodyIds.push((await step((tx) => createBody(tx, actor, { name, shortName, kind }))).id);
  await step((tx) =>
    createNumberSeries(tx, actor, { code: "KS", prefix: "KS", pattern: "{prefix}-{year}-{seq}" }),
  );

  // 61 members, seats given party by party; the first Social Democrat chairs the council.
  const members: { id: string; party: string; side: "yes" | "no" }[] = [];
  const partyIds = new Map<string, string>();
  await step(async (tx) => {
    for (const p of parties) {
      const party = await createParty(tx, actor, { name: p.name, abbreviation: p.abbreviation });
      partyIds.set(p.abbreviation, party.id);
      for (let seat = 0; seat < p.seats; seat++) {
        const n = members.length;
        const person = await createPerson(tx, actor, {
          name: `${firstNames[n % firstNames.length]} ${lastNames[(n * 7) % lastNames.length]}`,
          partyId: party.id,
        });
        await addMembership(tx, actor, {
          personId: person.id,
          bodyId: council.id,
          role: n === 0 ? "chair" : "member",
          startsOn: "2022-10-15",
        });
        members.push({ id: person.id, party: p.abbreviation, side: p.side });
      }
    }
  });
  const ofParty = (abbreviation: string) => members.filter((x) => x.party === abbreviation);

  /** Plans, announces and opens a council meeting with all 61 members present by name. */
  async function heldMeeting(heldOn: string) {
    const meeting = await step((tx) =>
      planMeeting(tx, actor, { bodyId: council.id, heldOn, startsAt: "17:00", place: "Rådhuset" }),
    );
    await step(async (tx) => {
      await publishNotice(tx, actor, meeting.id, { publishedOn: "2026-03-01" });
      await openMeeting(tx, actor, meeting.id, { at: at(`${heldOn}T17:00:00+01:00`) });
      for (const [i, x] of members.entries())
        await recordAttendance(tx, actor, meeting.id, {
          personId: x.id,
          capacity: "member",
          presides: i === 0,
        });
    });
    return meeting;
  }

  /** One paragraph: its case with 30 records, the agenda item with them as basis, and all that is decided. */
  async function paragraphOf(meetingId: string, heldOn: string, i: number) {
    const topic = topics[i % topics.length]!;
    const place = places[(i * 7) % places.length]!;
    const subject = subjects[(i * 3) % subjects.length]!;
    const theCase = await step((tx) =>
      registerNewCase(tx, actor, {
        seriesCode: "KS",
        title: `${subject} ${topic} i ${place}`,
        responsibleBodyId: bodyIds[0]!,
        openedOn: "2025-09-01",
      }),
    );
    const recordIds = await step(async (tx) => {
      const ids: string[] = [];
      for (let k = 0; k < basisPerParagraph; k++) {
        const template = basisTemplates[k % basisTemplates.length]!;
        const counterpart = committees[(i + k) % committees.length]!;
        const rec = await registerRecord(tx, actor, {
          caseId: theCase.id,
          direction: template.direction,
          recordType: template.type,
          datedOn: `2025-${String(10 + (k % 3)).padStart(2, "0")}-${String(1 + (k % 28)).padStart(2, "0")}`,
          counterpartBodyId: bodyIds[(i + k) % bodyIds.length]!,
          description: template.text
            .replace("{topic}", topic)
            .replace("{place}", place)
            .replace("{body}", counterpart[0]),
        });
        ids.push(rec.id);
      }
      return ids;
    });
    const item = await step((tx) =>
      addAgendaItem(tx, actor, meetingId, {
        caseId: theCase.id,
        proposalText: `Kommunstyrelsen föreslår kommunfullmäktige att besluta\n\n1. att godkänna förslaget om ${topic} i ${place}`,
        basis: recordIds.map((recordId) => ({ recordId })),
      }),
    );
    const p = await step((tx) =>
      takeUpItem(tx, actor, {
        agendaItemId: item.id,
        summary: `Kommunstyrelsen har berett ett förslag om ${topic} i ${place}. Förslaget har remitterats till berörda nämnder, som i huvudsak har tillstyrkt det.\n\nStadskontoret bedömer att förslaget kan genomföras inom ramen för den budget som kommunfullmäktige har beslutat.`,
      }),
    );
    await step(async (tx) => {
      const approve = await addMotion(tx, actor, {
        paragraphId: p.id,
        kind: "approve",
        moverIds: [ofParty("S")[1 + (i % 5)]!.id],
        supporterIds: [ofParty("V")[i % 6]!.id, ofParty("MP")[i % 2]!.id, ofParty("C")[i % 3]!.id],
      });
      const reject = await addMotion(tx, actor, {
        paragraphId: p.id,
        kind: "reject",
        moverIds: [ofParty("M")[i % 13]!.id],
        supporterIds: [ofParty("SD")[i % 12]!.id, ofParty("KD")[i % 2]!.id],
      });
      // One Liberal abstains in turn; everyone else votes with their party's side.
      const abstainer = ofParty("L")[i % 4]!.id;
      // The vote on the two motions is the question put (KL 5 kap. 52–53 §§): no separate question is recorded.
      await recordVote(tx, actor, {
        paragraphId: p.id,
        yesMotionId: approve.id,
        noMotionId: reject.id,
        ballots: members.map((x) => ({ personId: x.id, choice: x.id === abstainer ? "abstain" : x.side })),
      });
      await recordDecision(tx, actor, {
        paragraphId: p.id,
        points: [
          `Kommunfullmäktige godkänner förslaget om ${topic} i ${place}.`,
          "Kommunstyrelsen får i uppdrag att följa upp beslutet och återrapportera till kommunfullmäktige.",
        ],
      });
      await announceReservation(tx, actor, {
        paragraphId: p.id,
        partyId: partyIds.get("SD")!,
        againstMotionId: approve.id,
        announcedAt: at(`${heldOn}T19:00:00+01:00`),
      });
      const statement = await announceStatement(tx, actor, {
        paragraphId: p.id,
        kind: "special_statement",
        announcerIds: [ofParty("M")[(i + 1) % 13]!.id],
        partyIds: [partyIds.get("KD")!],
        announcedAt: at(`${heldOn}T19:00:00+01:00`),
        text: statementText(topic, place),
      });
      await addAttachment(tx, actor, {
        meetingId,
        title: `Särskilt yttrande (M, KD), § ${p.number}`,
        statementId: statement.id,
      });
      await setRecipients(tx, actor, {
        paragraphId: p.id,
        recipients: [
          ...[0, 1, 2, 3].map((k) => ({ bodyId: bodyIds[(i + k) % bodyIds.length]! })),
          { label: "Stadskontorets handläggare" },
        ],
      });
    });
    return p;
  }

  const large = await heldMeeting("2026-03-19");
  const numbers: number[] = [];
  for (let i = 0; i < paragraphsPerMeeting; i++) {
    numbers.push((await paragraphOf(large.id, "2026-03-19", i)).number);
    if ((i + 1) % 20 === 0) log(`    ${i + 1} of ${paragraphsPerMeeting} paragraphs`);
  }
  await step((tx) => closeMeeting(tx, actor, large.id, { at: at("2026-03-19T23:00:00+01:00") }));
  const small = await heldMeeting("2026-04-23");
  const smallNumber = (await paragraphOf(small.id, "2026-04-23", paragraphsPerMeeting)).number;
  await step((tx) => closeMeeting(tx, actor, small.id, { at: at("2026-04-23T20:00:00+02:00") }));
  return {
    municipalityId: m.id,
    meetingId: large.id,
    smallMeetingId: small.id,
    paragraphPath: `/protokoll/${council.slug}/2026/${numbers[paragraphsPerMeeting / 2 - 1]}`,
    smallParagraphPath: `/protokoll/${council.slug}/2026/${smallNumber}`,
    seconds: (performance.now() - t0) / 1000,
  };
}
