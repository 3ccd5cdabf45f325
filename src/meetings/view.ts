import type { Tx } from "../db/connect.js";
import { councilNoticeDeadline, isQuorate, quorumThreshold } from "../domain/law/meetings.js";
import { findBody } from "../organisation/queries.js";
import {
  attribution,
  capacityLabel,
  decisionCode,
  genitive,
  joinAnd,
  minutesOwner,
  motionName,
  motionSentence,
  personLabel,
  questionSentence,
  recipientName,
  statementLabel,
  voteSentence,
} from "./phrases.js";
import {
  findBodiesByIds,
  findMeeting,
  findParagraphWithContext,
  findPartiesByIds,
  findPersonsByIds,
  findRecordsByIds,
  listAgenda,
  listAttachments,
  listAttendance,
  listBallots,
  listBasis,
  listDecisionPoints,
  listDisqualifications,
  listMotionPersons,
  listMotions,
  listParagraphsOfCase,
  listParagraphsOfMeeting,
  listQuestions,
  listRecipients,
  listReservations,
  listRoute,
  listStatementParties,
  listStatementPersons,
  listStatements,
  listVotes,
} from "./queries.js";
import { seatsOf } from "./serving.js";

// Read models for the minutes, the extract and the public paragraph page: every sentence is made here from links
// (persons with party, bodies, earlier paragraphs, records), never stored as text.

/** The public address of a paragraph: /protokoll/{body slug}/{year}/{number}. */
export function paragraphPath(bodySlug: string, year: number, number: number): string {
  return `/protokoll/${bodySlug}/${year}/${number}`;
}

/** What a paragraph is called from elsewhere: its code, what it carries (reservations, statements), its address. */
export async function paragraphReference(tx: Tx, municipalityId: string, paragraphId: string) {
  const found = await findParagraphWithContext(tx, municipalityId, paragraphId);
  if (!found) return null;
  const { paragraph: p, body: b, meeting: m, item } = found;
  const reservations = await listReservations(tx, [p.id]);
  const statements = (await listStatements(tx, [p.id])).filter((s) => s.kind === "special_statement");
  const parties = await listStatementParties(
    tx,
    statements.map((s) => s.id),
  );
  const partyRows = await findPartiesByIds(tx, municipalityId, [
    ...reservations.map((r) => r.partyId),
    ...parties.map((x) => x.partyId),
  ]);
  const abbr = (id: string) => partyRows.find((x) => x.id === id)?.abbreviation ?? "";
  const carried = attribution(
    reservations.map((r) => abbr(r.partyId)),
    statements.map((s) => parties.filter((x) => x.statementId === s.id).map((x) => abbr(x.partyId))),
  );
  const code = decisionCode(b, m.heldOn, p.number);
  return {
    id: p.id,
    bodyId: b.id,
    bodyName: b.name,
    bodySlug: b.slug,
    caseId: item.caseId,
    heldOn: m.heldOn,
    year: p.year,
    number: p.number,
    title: item.title,
    code,
    carried,
    /** "KS 260107 §16 med särskilt yttrande (M+C) och (SD)" */
    label: carried ? `${code} ${carried}` : code,
    path: paragraphPath(b.slug, p.year, p.number),
  };
}
export type ParagraphReference = NonNullable<Awaited<ReturnType<typeof paragraphReference>>>;

/** Everything one paragraph shows, in the order the minutes print it (L10). KL 5 kap. 66 § (check) */
export async function paragraphView(tx: Tx, municipalityId: string, paragraphId: string) {
  const found = await findParagraphWithContext(tx, municipalityId, paragraphId);
  if (!found) return null;
  const { paragraph: p, body: b, meeting: m, item, case: theCase } = found;
  const secretCase = theCase.secrecyProvision !== null;

  const proposal = item.proposedByParagraphId
    ? await paragraphReference(tx, municipalityId, item.proposedByParagraphId)
    : null;
  const proposalName = proposal ? `${genitive(proposal.bodyName)} förslag` : "förslaget till beslut";

  const motions = await listMotions(tx, p.id);
  const motionPersons = await listMotionPersons(
    tx,
    motions.map((x) => x.id),
  );
  const votes = await listVotes(tx, p.id);
  const ballots = await listBallots(
    tx,
    votes.map((v) => v.id),
  );
  const questions = await listQuestions(tx, p.id);
  const reservations = await listReservations(tx, [p.id]);
  const statements = await listStatements(tx, [p.id]);
  const statementParties = await listStatementParties(
    tx,
    statements.map((s) => s.id),
  );
  const statementPersons = await listStatementPersons(
    tx,
    statements.map((s) => s.id),
  );
  const disqualifications = await listDisqualifications(tx, [item.id]);
  const personIds = [
    ...motionPersons.map((x) => x.personId),
    ...ballots.map((x) => x.personId),
    ...reservations.flatMap((r) => (r.personId ? [r.personId] : [])),
    ...statementPersons.map((x) => x.personId),
    ...disqualifications.flatMap((d) => [
      d.personId,
      ...(d.substitutePersonId ? [d.substitutePersonId] : []),
    ]),
  ];
  const persons = await findPersonsByIds(tx, municipalityId, [...new Set(personIds)]);
  const parties = await findPartiesByIds(tx, municipalityId, [
    ...new Set([...reservations.map((r) => r.partyId), ...statementParties.map((x) => x.partyId)]),
  ]);
  const who = (id: string) => {
    const x = persons.find((y) => y.id === id);
    return x ? personLabel(x) : "";
  };
  const party = (id: string) => parties.find((x) => x.id === id);

  const moversOf = (motionId: string, role: "mover" | "supporter") =>
    motionPersons.filter((x) => x.motionId === motionId && x.role === role).map((x) => who(x.personId));
  const nameOf = (motionId: string | null) => {
    const x = motions.find((y) => y.id === motionId);
    return x ? motionName(moversOf(x.id, "mover"), x.kind, proposalName) : proposalName;
  };

  const proceedings: string[] = [];
  for (const d of disqualifications)
    proceedings.push(
      `${who(d.personId)} anmäler jäv och deltar inte i handläggningen av ärendet.${d.substitutePersonId ? ` ${who(d.substitutePersonId)} tjänstgör i stället.` : ""}`,
    );
  for (const x of motions)
    proceedings.push(
      motionSentence(moversOf(x.id, "mover"), moversOf(x.id, "supporter"), x.kind, x.text, proposalName),
    );
  const voteViews = votes.map((v) => ({
    id: v.id,
    position: v.position,
    secret: v.secret,
    lines: voteSentence({
      yes: v.yesCount,
      no: v.noCount,
      abstain: v.abstainCount,
      absent: v.absentCount,
      yesMeans: nameOf(v.yesMotionId),
      noMeans: nameOf(v.noMotionId),
      result: v.result,
      decidedBy: v.decidedBy,
      election: v.election,
      secret: v.secret,
      bodyName: b.name,
    }),
    ballots: ballots
      .filter((x) => x.voteEventId === v.id)
      .map((x) => ({ person: who(x.personId), choice: x.choice }))
      .sort((a, c) => a.person.localeCompare(c.person, "sv")),
    counts: { yes: v.yesCount, no: v.noCount, abstain: v.abstainCount, absent: v.absentCount },
  }));
  for (const q of questions) {
    const motion = nameOf(q.motionId);
    const against = q.againstMotionId ? nameOf(q.againstMotionId) : null;
    if (!q.voteEventId) proceedings.push(questionSentence(b.name, motion, against, nameOf(q.winnerMotionId)));
  }
  for (const v of voteViews) proceedings.push(...v.lines);
  const byWhom = (r: (typeof reservations)[number]) =>
    r.personId
      ? who(r.personId)
      : `Ledamöterna för ${party(r.partyId)?.name ?? ""} (${party(r.partyId)?.abbreviation ?? ""})`;
  for (const r of reservations) proceedings.push(`${byWhom(r)} reserverar sig mot beslutet.`);
  const statementAuthors = (s: (typeof statements)[number]) => {
    const named = statementPersons.filter((x) => x.statementId === s.id && x.role === "announcer");
    if (named.length > 0) return joinAnd(named.map((x) => who(x.personId)));
    const groups = statementParties.filter((x) => x.statementId === s.id).map((x) => party(x.partyId));
    return `Ledamöterna för ${joinAnd(groups.map((g) => `${g?.name ?? ""} (${g?.abbreviation ?? ""})`))}`;
  };
  for (const s of statements)
    proceedings.push(
      `${statementAuthors(s)} anmäler ${statementLabel[s.kind].article} ${statementLabel[s.kind].noun}.`,
    );

  const attachments = await listAttachments(tx, m.id);
  const attachmentOf = (id: string | null) => attachments.find((a) => a.id === id) ?? null;
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
  for (const s of statements) {
    if (!s.text) continue;
    const label = statementLabel[s.kind];
    const joint = statementParties.filter((x) => x.statementId === s.id).length > 1 ? "gemensamt " : "";
    const a = attachmentOf(s.attachmentId);
    const jointWord = s.kind === "special_statement" ? joint : joint.replace("gemensamt", "gemensam");
    written.push(
      `Till ${genitive(b.name)} beslut har ${statementAuthors(s)} inkommit med ${label.article} ${jointWord}${label.noun}.${a ? ` ${label.definite} intas som bilaga ${a.number} till ${minutesOwner(b)} protokoll.` : ""}`,
    );
    const signatories = statementPersons
      .filter((x) => x.statementId === s.id && x.role === "signatory")
      .map((x) => who(x.personId));
    if (a)
      ownAttachments.push({
        number: a.number,
        title: a.title,
        heading: `Ärende ${item.position}: ${item.title}`,
        footer: `${b.name} ${m.heldOn}`,
        kind: label.noun.charAt(0).toUpperCase() + label.noun.slice(1),
        text: s.text,
        signatories,
      });
  }
  for (const r of reservations) {
    if (!r.justification) continue;
    const a = attachmentOf(r.attachmentId);
    written.push(
      `Till ${genitive(b.name)} beslut har ${byWhom(r)} inkommit med en skriftlig reservation.${a ? ` Reservationen intas som bilaga ${a.number} till ${minutesOwner(b)} protokoll.` : ""}`,
    );
    if (a)
      ownAttachments.push({
        number: a.number,
        title: a.title,
        heading: `Ärende ${item.position}: ${item.title}`,
        footer: `${b.name} ${m.heldOn}`,
        kind: "Reservation",
        text: r.justification,
        signatories: [byWhom(r)],
      });
  }

  const recipients = await listRecipients(tx, p.id);
  const recipientBodies = await findBodiesByIds(
    tx,
    municipalityId,
    recipients.flatMap((r) => (r.bodyId ? [r.bodyId] : [])),
  );
  const parents = await findBodiesByIds(
    tx,
    municipalityId,
    recipientBodies.flatMap((x) => (x.parentId ? [x.parentId] : [])),
  );
  const recipientNames = recipients.map((r) => {
    if (r.label) return r.label;
    const rb = recipientBodies.find((x) => x.id === r.bodyId)!;
    return recipientName(rb, parents.find((x) => x.id === rb.parentId) ?? null);
  });

  const basisRows = await listBasis(tx, item.id);
  const records = await findRecordsByIds(
    tx,
    municipalityId,
    basisRows.flatMap((e) => (e.recordId ? [e.recordId] : [])),
  );
  const basis = [];
  for (const e of basisRows) {
    const rec = records.find((x) => x.id === e.recordId);
    // A secret record shows only what the register may show of it (OSL 5 kap. 2 §).
    const recordText = rec
      ? rec.secrecyProvision
        ? (rec.publicDescription ?? "Handling med sekretess")
        : rec.description
      : null;
    if (e.paragraphId) {
      const ref = (await paragraphReference(tx, municipalityId, e.paragraphId))!;
      const kind = ref.caseId === item.caseId ? "Förslag till beslut" : "Beslut";
      basis.push({
        text: `${kind} ${ref.label} ${ref.title}${rec ? ` (${rec.number})` : ""}`,
        href: ref.path,
      });
    } else basis.push({ text: recordText!, href: null, number: rec!.number });
  }

  const decisionPoints = await listDecisionPoints(tx, p.id);
  const code = decisionCode(b, m.heldOn, p.number);
  return {
    id: p.id,
    number: p.number,
    year: p.year,
    code,
    path: paragraphPath(b.slug, p.year, p.number),
    body: { id: b.id, name: b.name, shortName: b.shortName, slug: b.slug, kind: b.kind },
    meeting: { id: m.id, heldOn: m.heldOn, startsAt: m.startsAt, place: m.place },
    agendaPosition: item.position,
    title: item.title,
    caseNumber: theCase.number,
    secretCase,
    summary: p.summary,
    proposal: proposal ? { label: `Förslag till beslut ${proposal.label}`, path: proposal.path } : null,
    proposalText: item.proposalText,
    decisionIntro: p.decisionIntro ?? `${b.name} beslutar`,
    decisionPoints: decisionPoints.map((x) => ({ position: x.position, text: x.text })),
    proceedings,
    votes: voteViews,
    written,
    recipients: recipientNames,
    basis,
    attachments: ownAttachments.sort((a, c) => a.number - c.number),
  };
}
export type ParagraphView = NonNullable<Awaited<ReturnType<typeof paragraphView>>>;

/** A meeting with its notice, agenda, attendance, quorum and paragraphs: the meeting page and the minutes. */
export async function meetingView(tx: Tx, municipalityId: string, meetingId: string) {
  const m = await findMeeting(tx, municipalityId, meetingId);
  if (!m) return null;
  const b = (await findBody(tx, municipalityId, m.bodyId))!;
  const agenda = await listAgenda(tx, m.id);
  const items = [];
  for (const a of agenda) {
    const proposal = a.proposedByParagraphId
      ? await paragraphReference(tx, municipalityId, a.proposedByParagraphId)
      : null;
    items.push({
      ...a,
      route: await routeView(tx, municipalityId, a.caseId),
      proposal: proposal ? { label: `Förslag till beslut ${proposal.label}`, path: proposal.path } : null,
      paragraphPath: a.paragraphNumber ? paragraphPath(b.slug, a.paragraphYear!, a.paragraphNumber) : null,
    });
  }
  const people = await listAttendance(tx, m.id);
  const named = people.filter((r) => r.capacity === "member" || r.capacity === "serving_substitute").length;
  const serving = m.countedPresent ?? named;
  const seats = await seatsOf(tx, b, m.heldOn);
  const replaced = await findPersonsByIds(
    tx,
    municipalityId,
    people.flatMap((r) => (r.replacesPersonId ? [r.replacesPersonId] : [])),
  );
  const attendanceRows = people.map((r) => ({
    ...r,
    label: personLabel({ name: r.personName, partyAbbreviation: r.partyAbbreviation }),
    role: r.presides
      ? "Ordförande"
      : r.capacity === "serving_substitute"
        ? `Tjänstgörande ersättare för ${personLabel(replaced.find((x) => x.id === r.replacesPersonId) ?? { name: "" })}`
        : capacityLabel[r.capacity],
    span:
      r.fromPosition || r.toPosition
        ? `ärende ${r.fromPosition ?? 1}–${r.toPosition ?? agenda.at(-1)?.position ?? ""}`
        : null,
  }));
  const paragraphs = [];
  for (const p of await listParagraphsOfMeeting(tx, m.id))
    paragraphs.push((await paragraphView(tx, municipalityId, p.id))!);
  const shown = new Set(paragraphs.flatMap((p) => p.attachments.map((a) => a.number)));
  const otherAttachments = (await listAttachments(tx, m.id)).filter((a) => !shown.has(a.number));
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
    otherAttachments,
  };
}
export type MeetingView = NonNullable<Awaited<ReturnType<typeof meetingView>>>;

/** A case's decision route (M6): each step's body, day and role, with its meeting and paragraph once they exist. */
export async function routeView(tx: Tx, municipalityId: string, caseId: string) {
  const steps = await listRoute(tx, municipalityId, caseId);
  const paragraphs = await listParagraphsOfCase(tx, municipalityId, caseId);
  const result = [];
  for (const step of steps) {
    const p = paragraphs.find((x) => x.meetingId === step.meetingId);
    const ref = p ? await paragraphReference(tx, municipalityId, p.id) : null;
    result.push({
      position: step.position,
      bodyName: step.bodyName,
      plannedOn: step.plannedOn,
      role: step.role,
      meetingPath: step.meetingId ? `/sammantraden/${step.meetingId}` : null,
      paragraph: ref ? { label: ref.label, path: ref.path } : null,
    });
  }
  return result;
}
