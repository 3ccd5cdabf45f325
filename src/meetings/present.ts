import { bodyDecisionCode } from "../domain/citation.js";
import { councilNoticeDeadline, isQuorate, quorumThreshold } from "../domain/law/meetings.js";
import { maskPersonalData } from "../domain/personal-data.js";
import { registerRecordEntry, registerTitle } from "../domain/secrecy.js";
import { publicFreeText, reviewedTexts, type SecretTextField } from "../domain/secret-text.js";
import { joinAnd } from "../domain/swedish.js";
import { mayReadSecret, type SecretAccess } from "../register/access.js";
import {
  attribution,
  capacityLabel,
  decisionIntro,
  electionSentence,
  minutesOwner,
  motionName,
  motionSentence,
  ownerInText,
  personLabel,
  questionSentence,
  recipientName,
  statementLabel,
  voteSentence,
} from "./phrases.js";
import type {
  findMeetingWithBody,
  findParagraphContexts,
  findPartiesByIds,
  findPersonsByIds,
  findRecordsWithOwner,
  listAgenda,
  listAttachments,
  listAttendance,
  listBallots,
  listBasisOfItems,
  listDecisionPointsOfParagraphs,
  listDisqualifications,
  listMotionPersons,
  listMotionsOfParagraphs,
  listParagraphsOfCases,
  listQuestions,
  listRecipientsOfParagraphs,
  listReservations,
  listRoutesOfCases,
  listSecretTextReviews,
  listStatementParties,
  listStatementPersons,
  listStatements,
  listVotesOfParagraphs,
} from "./queries.js";
import type { listCandidates } from "./vote-queries.js";

// The minutes, the meeting page, the public paragraph page and a case's decision route, made from the rows the
// read-*.ts files load: every sentence is made here from links (persons with party, bodies, earlier paragraphs,
// records), never stored as text, and what a reader may not see of a secret case or record is decided here.
// Pure: no I/O.

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** A paragraph with its body, meeting, agenda item and case. */
export type ParagraphContext = Rows<typeof findParagraphContexts>[number];

/** Everything a set of paragraphs shows besides their own context, one array per kind of row. */
export interface ParagraphRows {
  /** Paragraphs the views cite: proposals, decision-basis paragraphs and the paragraphs of decision routes. */
  cited: ParagraphContext[];
  motions: Rows<typeof listMotionsOfParagraphs>;
  motionPersons: Rows<typeof listMotionPersons>;
  votes: Rows<typeof listVotesOfParagraphs>;
  ballots: Rows<typeof listBallots>;
  /** The candidates of elections. */
  candidates: Rows<typeof listCandidates>;
  questions: Rows<typeof listQuestions>;
  reservations: Rows<typeof listReservations>;
  statements: Rows<typeof listStatements>;
  statementParties: Rows<typeof listStatementParties>;
  statementPersons: Rows<typeof listStatementPersons>;
  disqualifications: Rows<typeof listDisqualifications>;
  recipients: Rows<typeof listRecipientsOfParagraphs>;
  basis: Rows<typeof listBasisOfItems>;
  records: Rows<typeof findRecordsWithOwner>;
  decisionPoints: Rows<typeof listDecisionPointsOfParagraphs>;
  attachments: Rows<typeof listAttachments>;
  persons: Rows<typeof findPersonsByIds>;
  parties: Rows<typeof findPartiesByIds>;
  /** The reviews of free text on secret cases, which lets the public read the very text reviewed (L31). */
  reviews: Rows<typeof listSecretTextReviews>;
}

/** A case's decision route and the paragraphs decided in the case. */
export interface RouteRows {
  steps: Rows<typeof listRoutesOfCases>;
  paragraphs: Rows<typeof listParagraphsOfCases>;
}

/** The public address of a paragraph: /protokoll/{body slug}/{year}/{number}. */
export function paragraphPath(bodySlug: string, year: number, number: number): string {
  return `/protokoll/${bodySlug}/${year}/${number}`;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

/** The loaded rows looked up by what they belong to, built once per view. */
function index(rows: ParagraphRows, own: readonly ParagraphContext[]) {
  return {
    paragraphs: byId([...rows.cited, ...own].map((c) => ({ id: c.paragraph.id, context: c }))),
    motions: groupBy(rows.motions, (r) => r.paragraphId),
    motionPersons: groupBy(rows.motionPersons, (r) => r.motionId),
    votes: groupBy(rows.votes, (r) => r.paragraphId),
    ballots: groupBy(rows.ballots, (r) => r.voteEventId),
    candidates: groupBy(rows.candidates, (r) => r.voteEventId),
    questions: groupBy(rows.questions, (r) => r.paragraphId),
    reservations: groupBy(rows.reservations, (r) => r.paragraphId),
    statements: groupBy(rows.statements, (r) => r.paragraphId),
    statementParties: groupBy(rows.statementParties, (r) => r.statementId),
    statementPersons: groupBy(rows.statementPersons, (r) => r.statementId),
    disqualifications: groupBy(rows.disqualifications, (r) => r.agendaItemId),
    recipients: groupBy(rows.recipients, (r) => r.recipient.paragraphId),
    basis: groupBy(rows.basis, (r) => r.agendaItemId),
    records: new Map(rows.records.map((r) => [r.record.id, r])),
    decisionPoints: groupBy(rows.decisionPoints, (r) => r.paragraphId),
    attachments: byId(rows.attachments),
    persons: byId(rows.persons),
    parties: byId(rows.parties),
    reviewed: reviewedTexts(rows.reviews),
  };
}
type Index = ReturnType<typeof index>;

/** The title of the case an agenda item or paragraph is about, as this reader may see it (OSL 5 kap. 2 §). */
function caseTitle(
  title: string,
  c: { secret: boolean; publicTitle: string | null; responsibleBodyId: string | null },
  access: SecretAccess,
): string {
  return registerTitle(
    { secret: c.secret, title, publicTitle: c.publicTitle },
    mayReadSecret(access, c.responsibleBodyId),
  );
}

function contextTitle(ctx: ParagraphContext, access: SecretAccess): string {
  return caseTitle(ctx.item.title, { ...ctx.case, secret: ctx.case.secrecyProvision !== null }, access);
}

/** What a paragraph is called from elsewhere: its code, what it carries (reservations, statements), its address. */
function presentReference(ctx: ParagraphContext, ix: Index, access: SecretAccess) {
  const { paragraph: p, body: b, meeting: m, item } = ctx;
  const abbreviation = (partyId: string) => ix.parties.get(partyId)?.abbreviation ?? "";
  const reservations = ix.reservations.get(p.id) ?? [];
  const statements = (ix.statements.get(p.id) ?? []).filter((s) => s.kind === "special_statement");
  const carried = attribution(
    reservations.map((r) => abbreviation(r.partyId)),
    statements.map((s) => (ix.statementParties.get(s.id) ?? []).map((x) => abbreviation(x.partyId))),
  );
  const code = bodyDecisionCode(b, m.heldOn, p.number);
  return {
    id: p.id,
    caseId: item.caseId,
    bodyName: b.name,
    title: contextTitle(ctx, access),
    code,
    /** "KS 260107 § 16 med särskilt yttrande (M+C) och (SD)" */
    label: carried ? `${code} ${carried}` : code,
    path: paragraphPath(b.slug, p.year, p.number),
  };
}

function citedReference(id: string | null, ix: Index, access: SecretAccess) {
  const cited = id ? ix.paragraphs.get(id) : undefined;
  return cited ? presentReference(cited.context, ix, access) : null;
}

/** Everything one paragraph shows, in the order the minutes print it (L10). KL 5 kap. 66 § (check) */
function presentOne(ctx: ParagraphContext, ix: Index, access: SecretAccess, screen = true) {
  const { paragraph: p, body: b, meeting: m, item, case: theCase } = ctx;
  const title = contextTitle(ctx, access);
  // L31: a reader without access to the case gets free text screened for personal data, and none of a secret
  // case's free text until that very text is reviewed (domain/secret-text.ts); the internal version stays whole.
  const whole = !screen || mayReadSecret(access, theCase.responsibleBodyId);
  const secret = theCase.secrecyProvision !== null;
  /** A free text as this reader may read it: whole, screened, or left out until reviewed (null). */
  const visible = (text: string | null, field: SecretTextField, sourceId: string) =>
    whole ? text : publicFreeText(text, { secret, reviewed: ix.reviewed, field, sourceId });
  const shown = (text: string | null, field: SecretTextField, sourceId: string) =>
    text === null ? null : (visible(text, field, sourceId) ?? "(texten visas inte)");
  const proposal = citedReference(item.proposedByParagraphId, ix, access);
  const proposalName = proposal ? `${ownerInText(proposal.bodyName)} förslag` : "förslaget till beslut";

  const motions = (ix.motions.get(p.id) ?? []).map((x) => ({ ...x, text: shown(x.text, "motion", x.id) }));
  const votes = ix.votes.get(p.id) ?? [];
  const reservations = ix.reservations.get(p.id) ?? [];
  const statements = ix.statements.get(p.id) ?? [];
  const who = (personId: string) => {
    const x = ix.persons.get(personId);
    return x ? personLabel(x) : "";
  };
  const party = (partyId: string) => ix.parties.get(partyId);
  const moversOf = (motionId: string, role: "mover" | "supporter") =>
    (ix.motionPersons.get(motionId) ?? []).filter((x) => x.role === role).map((x) => who(x.personId));
  const motionOf = (motionId: string | null) => motions.find((y) => y.id === motionId);
  const nameOf = (motionId: string | null) => {
    const x = motionOf(motionId);
    return x ? motionName(moversOf(x.id, "mover"), x.kind, proposalName, x.text) : proposalName;
  };
  /** One side of a vote: the motion a yes (or no) carries, named as the minutes name it. */
  const sideOf = (motionId: string | null) => {
    const x = motionOf(motionId);
    return {
      motionId: x?.id ?? null,
      kind: x?.kind ?? null,
      name: nameOf(motionId),
      text: x?.text ?? null,
      movers: x ? moversOf(x.id, "mover") : [],
    };
  };

  const proceedings: string[] = [];
  for (const d of ix.disqualifications.get(item.id) ?? [])
    proceedings.push(
      `${who(d.personId)} anmäler jäv och deltar inte i handläggningen av ärendet.${d.substitutePersonId ? ` ${who(d.substitutePersonId)} tjänstgör i stället.` : ""}`,
    );
  for (const x of motions)
    proceedings.push(
      motionSentence(moversOf(x.id, "mover"), moversOf(x.id, "supporter"), x.kind, x.text, proposalName),
    );
  const questions = ix.questions.get(p.id) ?? [];
  const voteViews = votes.map((v) => {
    const counts = { abstain: v.abstainCount, absent: v.absentCount };
    const ballots = (ix.ballots.get(v.id) ?? [])
      .map((x) => ({ person: who(x.personId), choice: x.choice }))
      .sort((a, c) => a.person.localeCompare(c.person, "sv"));
    if (v.seats !== null) {
      const candidates = (ix.candidates.get(v.id) ?? []).map((c) => ({
        personId: c.personId,
        person: who(c.personId),
        votes: c.votes,
        elected: c.elected,
        byLot: c.byLot,
      }));
      const elected = candidates.filter((c) => c.elected).map((c) => c.person);
      return {
        id: v.id,
        position: v.position,
        kind: "election" as const,
        election: true,
        secret: v.secret,
        question: null,
        yes: null,
        no: null,
        seats: v.seats,
        candidates,
        counts: { yes: null, no: null, ...counts, voted: v.yesCount },
        ballots,
        result: null,
        decidedBy: v.decidedBy,
        winner: joinAnd(elected),
        elected,
        lines: electionSentence({
          seats: v.seats,
          secret: v.secret,
          candidates: candidates.map((c) => ({ ...c, name: c.person })),
          ...counts,
          bodyName: b.name,
        }),
      };
    }
    const q = questions.find((x) => x.id === v.questionId);
    const yes = sideOf(v.yesMotionId);
    const no = sideOf(v.noMotionId);
    const result = v.result ?? "yes";
    return {
      id: v.id,
      position: v.position,
      kind: "question" as const,
      election: v.election,
      secret: v.secret,
      questionId: v.questionId,
      question: q
        ? {
            position: q.position,
            motion: nameOf(q.motionId),
            against: q.againstMotionId ? nameOf(q.againstMotionId) : null,
          }
        : null,
      yes,
      no,
      seats: null,
      candidates: [],
      counts: { yes: v.yesCount, no: v.noCount, ...counts, voted: v.yesCount + v.noCount },
      ballots,
      result: v.result,
      decidedBy: v.decidedBy,
      winner: result === "yes" ? yes.name : no.name,
      elected: [],
      lines: voteSentence({
        yes: v.yesCount,
        no: v.noCount,
        ...counts,
        yesMeans: yes.name,
        noMeans: no.name,
        result,
        decidedBy: v.decidedBy,
        election: v.election,
        secret: v.secret,
        bodyName: b.name,
      }),
    };
  });
  // The order of questions, each question followed by the vote that decided it; then votes that answer no question
  // (elections, and votes recorded before votes answered questions).
  for (const q of questions) {
    const vote = voteViews.find((v) => v.kind === "question" && v.questionId === q.id);
    if (vote) proceedings.push(...vote.lines);
    else
      proceedings.push(
        questionSentence(
          b.name,
          nameOf(q.motionId),
          q.againstMotionId ? nameOf(q.againstMotionId) : null,
          nameOf(q.winnerMotionId),
        ),
      );
  }
  for (const v of voteViews)
    if (v.kind === "election" || !questions.some((q) => q.id === v.questionId)) proceedings.push(...v.lines);
  const byWhom = (r: (typeof reservations)[number]) =>
    r.personId
      ? who(r.personId)
      : `Ledamöterna för ${party(r.partyId)?.name ?? ""} (${party(r.partyId)?.abbreviation ?? ""})`;
  for (const r of reservations) proceedings.push(`${byWhom(r)} reserverar sig mot beslutet.`);
  const statementAuthors = (s: (typeof statements)[number]) => {
    const named = (ix.statementPersons.get(s.id) ?? []).filter((x) => x.role === "announcer");
    if (named.length > 0) return joinAnd(named.map((x) => who(x.personId)));
    const groups = (ix.statementParties.get(s.id) ?? []).map((x) => party(x.partyId));
    return `Ledamöterna för ${joinAnd(groups.map((g) => `${g?.name ?? ""} (${g?.abbreviation ?? ""})`))}`;
  };
  for (const s of statements)
    proceedings.push(
      `${statementAuthors(s)} anmäler ${statementLabel[s.kind].article} ${statementLabel[s.kind].noun}.`,
    );

  const attachmentOf = (id: string | null) => (id ? (ix.attachments.get(id) ?? null) : null);
  const written: string[] = [];
  const ownAttachments: {
    number: number;
    title: string;
    heading: string;
    footer: string;
    kind: string;
    text: string;
    signatories: string[];
  }[] = [];
  const heading = `Ärende ${item.position}: ${title}`;
  const footer = `${b.name} ${m.heldOn}`;
  for (const s of statements) {
    if (!s.text) continue;
    const label = statementLabel[s.kind];
    const joint = (ix.statementParties.get(s.id) ?? []).length > 1 ? "gemensamt " : "";
    const a = attachmentOf(s.attachmentId);
    const jointWord = s.kind === "special_statement" ? joint : joint.replace("gemensamt", "gemensam");
    written.push(
      `Till ${ownerInText(b.name)} beslut har ${statementAuthors(s)} inkommit med ${label.article} ${jointWord}${label.noun}.${a ? ` ${label.definite} intas som bilaga ${a.number} till ${minutesOwner(b)} protokoll.` : ""}`,
    );
    if (a)
      ownAttachments.push({
        number: a.number,
        title: a.title,
        heading,
        footer,
        kind: label.noun.charAt(0).toUpperCase() + label.noun.slice(1),
        text: shown(s.text, "statement", s.id) ?? "",
        signatories: (ix.statementPersons.get(s.id) ?? [])
          .filter((x) => x.role === "signatory")
          .map((x) => who(x.personId)),
      });
  }
  for (const r of reservations) {
    if (!r.justification) continue;
    const a = attachmentOf(r.attachmentId);
    written.push(
      `Till ${ownerInText(b.name)} beslut har ${byWhom(r)} inkommit med en skriftlig reservation.${a ? ` Reservationen intas som bilaga ${a.number} till ${minutesOwner(b)} protokoll.` : ""}`,
    );
    if (a)
      ownAttachments.push({
        number: a.number,
        title: a.title,
        heading,
        footer,
        kind: "Reservation",
        text: shown(r.justification, "reservation", r.id) ?? "",
        signatories: [byWhom(r)],
      });
  }

  const recipients = (ix.recipients.get(p.id) ?? []).map(
    (r) => r.recipient.label || (r.body ? recipientName(r.body, r.parent) : ""),
  );

  const basis: { text: string; href: string | null; number?: string }[] = [];
  for (const e of ix.basis.get(item.id) ?? []) {
    const found = e.recordId ? ix.records.get(e.recordId) : undefined;
    if (e.paragraphId) {
      const ref = citedReference(e.paragraphId, ix, access);
      if (!ref) continue;
      const kind = ref.caseId === item.caseId ? "Förslag till beslut" : "Beslut";
      basis.push({
        text: `${kind} ${ref.label} ${ref.title}${found ? ` (${found.record.number})` : ""}`,
        href: ref.path,
      });
    } else if (found) {
      // A secret record shows only what the register may show of it (OSL 5 kap. 2 §).
      const r = found.record;
      const entry = registerRecordEntry(
        { secret: r.secrecyProvision !== null, ...r },
        mayReadSecret(access, found.responsibleBodyId),
      );
      basis.push({ text: entry.description, href: null, number: r.number });
    }
  }

  return {
    id: p.id,
    number: p.number,
    year: p.year,
    code: bodyDecisionCode(b, m.heldOn, p.number),
    path: paragraphPath(b.slug, p.year, p.number),
    body: { id: b.id, name: b.name, shortName: b.shortName, slug: b.slug, kind: b.kind },
    meeting: { id: m.id, heldOn: m.heldOn, startsAt: m.startsAt, place: m.place },
    agendaPosition: item.position,
    title,
    caseNumber: theCase.number,
    secretCase: theCase.secrecyProvision !== null,
    summary: visible(p.summary, "summary", p.id),
    proposal: proposal ? { label: `Förslag till beslut ${proposal.label}`, path: proposal.path } : null,
    proposalText: visible(item.proposalText, "proposal", item.id),
    proposalReport: reportLink(item),
    decisionIntro: p.decisionIntro ?? decisionIntro(b, ctx.decider),
    decisionPoints: (ix.decisionPoints.get(p.id) ?? []).map((x) => ({
      position: x.position,
      // The decision itself is public even on a secret case; it is screened like every published text.
      text: whole ? x.text : maskPersonalData(x.text),
    })),
    proceedings,
    votes: voteViews,
    written,
    recipients,
    basis,
    attachments: ownAttachments.sort((a, c) => a.number - c.number),
  };
}

/**
 * How other documents cite paragraphs (an official report's decision basis): each one's code with what it carries
 * ("KF 240926 § 189 med reservation (SD) och särskilt yttrande (M+C)"), its case's title as this reader may see it,
 * and its address; rows loaded with loadParagraphRows(…, { cite: ids }).
 */
export function presentCitations(ids: readonly string[], rows: ParagraphRows, access: SecretAccess) {
  const ix = index(rows, []);
  return new Map(ids.map((id) => [id, citedReference(id, ix, access)] as const));
}

/** One paragraph as the minutes, the extract and the public paragraph page show it to this reader. */
export function presentParagraph(
  ctx: ParagraphContext,
  rows: ParagraphRows,
  access: SecretAccess,
  screen = true,
) {
  return presentOne(ctx, index(rows, [ctx]), access, screen);
}
export type ParagraphView = ReturnType<typeof presentParagraph>;

function presentSteps(caseId: string, route: RouteRows, ix: Index, access: SecretAccess) {
  const paragraphs = route.paragraphs.filter((x) => x.caseId === caseId);
  return route.steps
    .filter((step) => step.caseId === caseId)
    .map((step) => {
      const decided = paragraphs.find((x) => x.meetingId === step.meetingId);
      const ref = decided ? citedReference(decided.id, ix, access) : null;
      return {
        position: step.position,
        bodyName: step.bodyName,
        plannedOn: step.plannedOn,
        role: step.role,
        meetingPath: step.meetingId ? `/sammantraden/${step.meetingId}` : null,
        paragraph: ref ? { label: ref.label, path: ref.path } : null,
      };
    });
}

/** A case's decision route (M6): each step's body, day and role, with its meeting and paragraph once they exist. */
export function presentRoute(caseId: string, route: RouteRows, rows: ParagraphRows, access: SecretAccess) {
  return presentSteps(caseId, route, index(rows, []), access);
}
export type RouteStepView = ReturnType<typeof presentRoute>[number];

/** What the meeting page and the minutes need besides the paragraphs' rows. */
export interface MeetingRows {
  found: NonNullable<Rows<typeof findMeetingWithBody>>;
  agenda: Rows<typeof listAgenda>;
  attendance: Rows<typeof listAttendance>;
  /** The seats quorum is counted against, or null when not known. */
  seats: number | null;
  paragraphs: ParagraphContext[];
  route: RouteRows;
}

/** The signed official report an item's proposal comes from, as a link to that version (migration 0020). */
function reportLink(item: {
  proposalReportId: string | null;
  proposalReportVersion: number | null;
  proposalReportLabel: string | null;
}) {
  return item.proposalReportId
    ? {
        label: item.proposalReportLabel!,
        path: `/tjansteskrivelser/${item.proposalReportId}?version=${item.proposalReportVersion}`,
      }
    : null;
}

/** A meeting with its notice, agenda, attendance, quorum and paragraphs: the meeting page and the minutes. */
export function presentMeeting(meetingRows: MeetingRows, rows: ParagraphRows, access: SecretAccess) {
  const { found, agenda, attendance, seats } = meetingRows;
  const { meeting: m, body: b } = found;
  const ix = index(rows, meetingRows.paragraphs);
  const items = agenda.map(({ caseSecret, casePublicTitle, caseResponsibleBodyId, ...a }) => {
    const proposal = citedReference(a.proposedByParagraphId, ix, access);
    return {
      ...a,
      title: caseTitle(
        a.title,
        { secret: caseSecret, publicTitle: casePublicTitle, responsibleBodyId: caseResponsibleBodyId },
        access,
      ),
      secretCase: caseSecret,
      route: presentSteps(a.caseId, meetingRows.route, ix, access),
      proposal: proposal ? { label: `Förslag till beslut ${proposal.label}`, path: proposal.path } : null,
      proposalReport: reportLink(a),
      /** The report's proposal as the item carries it; never a secret case's text to a reader who may not read it. */
      reportProposalText:
        a.proposalReportId && (!caseSecret || mayReadSecret(access, caseResponsibleBodyId))
          ? a.proposalText
          : null,
      paragraphPath: a.paragraphNumber ? paragraphPath(b.slug, a.paragraphYear!, a.paragraphNumber) : null,
    };
  });
  const named = attendance.filter(
    (r) => r.capacity === "member" || r.capacity === "serving_substitute",
  ).length;
  const serving = m.countedPresent ?? named;
  const attendanceRows = attendance.map((r) => {
    const replaced = r.replacesPersonId ? ix.persons.get(r.replacesPersonId) : undefined;
    return {
      ...r,
      label: personLabel({ name: r.personName, partyAbbreviation: r.partyAbbreviation }),
      role: r.presides
        ? "Ordförande"
        : r.capacity === "serving_substitute"
          ? `Tjänstgörande ersättare för ${personLabel(replaced ?? { name: "" })}`
          : capacityLabel[r.capacity],
      span:
        r.fromPosition || r.toPosition
          ? `ärende ${r.fromPosition ?? 1}–${r.toPosition ?? agenda.at(-1)?.position ?? ""}`
          : null,
    };
  });
  const paragraphs = meetingRows.paragraphs.map((ctx) => presentOne(ctx, ix, access));
  const shown = new Set(paragraphs.flatMap((p) => p.attachments.map((a) => a.number)));
  return {
    meeting: m,
    body: b,
    items,
    attendance: attendanceRows,
    counted: m.countedPresent,
    serving,
    seats,
    quorate: seats === null ? null : isQuorate(seats, serving),
    needed: seats === null ? null : quorumThreshold(seats),
    noticeDeadline: b.kind === "council" ? councilNoticeDeadline(m.heldOn) : null,
    paragraphs,
    otherAttachments: rows.attachments.filter((a) => a.meetingId === m.id && !shown.has(a.number)),
  };
}
export type MeetingView = ReturnType<typeof presentMeeting>;
