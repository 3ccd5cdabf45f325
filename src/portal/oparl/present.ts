import { baseName } from "../../documents/file-name.js";
import { bodyDecisionCode } from "../../domain/citation.js";
import { stockholmInstant } from "../../domain/clock.js";
import { maskPersonalData } from "../../domain/personal-data.js";
import { registerTitle } from "../../domain/secrecy.js";
import type {
  findMunicipalityRow,
  listAgendaItemRows,
  listConsultationRows,
  listMeetingRows,
  listMembershipRows,
  listOrganizationRows,
  listPaperRows,
  listParagraphFileRows,
  listPartyMembershipRows,
  listPartyRows,
  listPersonRows,
  listResolutionPoints,
} from "./queries.js";

// OParl 1.1 objects made from Paragraf's rows. Pure. Everything here is what the public may see: a secret case
// shows its public title only (OSL 5 kap. 2 §), a secret case's free text (the paragraph's summary) is left out, and
// every published text is screened for personal data (L31).

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const schema = "https://schema.oparl.org/1.1/";
export const oparlPrefix = "/oparl/v1.1";

/** Where the API lives: the configured public base URL (https in production) and the municipality. */
export interface OparlContext {
  base: string;
  municipalityId: string;
}

/** The URL of an OParl path under the public base. */
export function oparlUrl(ctx: OparlContext, path: string): string {
  return `${ctx.base}${oparlPrefix}${path}`;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** A decision's public address, a meeting's readable address. */
export function meetingAddress(bodySlug: string, heldOn: string): string {
  return `/sammantraden/${bodySlug}/${heldOn}`;
}

export function presentSystem(ctx: OparlContext, name: string, created: Date) {
  return {
    id: oparlUrl(ctx, "/system"),
    type: `${schema}System`,
    oparlVersion: schema,
    name: `Paragraf – ${name}`,
    body: oparlUrl(ctx, "/bodies"),
    license: "https://creativecommons.org/publicdomain/zero/1.0/",
    website: `${ctx.base}/`,
    product: "https://paragraf.example/",
    web: `${ctx.base}/`,
    created: iso(created),
    modified: iso(created),
  };
}

/** Swedish municipal terms run from 15 October of an election year for four years (vallagen 1 kap. 3 §, KL 5 kap. 5 §). */
export const electionYears = [2014, 2018, 2022, 2026];

export function presentLegislativeTerm(ctx: OparlContext, year: number, created: Date) {
  return {
    id: oparlUrl(ctx, `/legislativeterm/${ctx.municipalityId}/${year}`),
    type: `${schema}LegislativeTerm`,
    body: oparlUrl(ctx, `/body/${ctx.municipalityId}`),
    name: `Mandatperioden ${year}–${year + 4}`,
    startDate: `${year}-10-15`,
    endDate: `${year + 4}-10-14`,
    created: iso(created),
    modified: iso(created),
  };
}

export function presentBody(ctx: OparlContext, m: NonNullable<Rows<typeof findMunicipalityRow>>) {
  const list = (name: string) => oparlUrl(ctx, `/body/${m.id}/${name}`);
  return {
    id: oparlUrl(ctx, `/body/${m.id}`),
    type: `${schema}Body`,
    system: oparlUrl(ctx, "/system"),
    name: m.name,
    shortName: m.slug,
    website: `${ctx.base}/`,
    license: "https://creativecommons.org/publicdomain/zero/1.0/",
    classification: "Kommun",
    organization: list("organizations"),
    person: list("persons"),
    meeting: list("meetings"),
    paper: list("papers"),
    agendaItem: list("agendaitems"),
    consultation: list("consultations"),
    file: list("files"),
    locationList: list("locations"),
    legislativeTermList: list("legislativeterms"),
    membership: list("memberships"),
    legislativeTerm: electionYears.map((y) => presentLegislativeTerm(ctx, y, m.createdAt)),
    web: `${ctx.base}/`,
    created: iso(m.createdAt),
    modified: iso(m.updatedAt),
  };
}

const organizationType: Record<string, string> = {
  council: "Gremium",
  executive_board: "Gremium",
  working_committee: "Gremium",
  preparatory_committee: "Gremium",
  committee: "Gremium",
  company: "Sonstiges",
  administration: "Verwaltungsbereich",
  department: "Verwaltungsbereich",
  unit: "Verwaltungsbereich",
};

export function presentOrganization(
  ctx: OparlContext,
  b: Rows<typeof listOrganizationRows>[number],
  membershipIds: string[],
) {
  return {
    id: oparlUrl(ctx, `/organization/${b.id}`),
    type: `${schema}Organization`,
    body: oparlUrl(ctx, `/body/${ctx.municipalityId}`),
    name: b.name,
    ...(b.shortName ? { shortName: b.shortName } : {}),
    organizationType: organizationType[b.kind] ?? "Sonstiges",
    classification: b.kind,
    ...(b.parentId ? { subOrganizationOf: oparlUrl(ctx, `/organization/${b.parentId}`) } : {}),
    membership: membershipIds.map((id) => oparlUrl(ctx, `/membership/${id}`)),
    meeting: oparlUrl(ctx, `/organization/${b.id}/meetings`),
    ...(b.seats ? { votingMemberCount: b.seats } : {}),
    web: `${ctx.base}/organ/${b.slug}`,
    created: iso(b.createdAt),
    modified: iso(b.updatedAt),
    ...(b.deletedAt ? { deleted: true } : {}),
  };
}

/** A party as an Organization: organizationType "Partei" as the OParl text names it, with its members. */
export function presentParty(
  ctx: OparlContext,
  x: Rows<typeof listPartyRows>[number],
  membershipIds: string[],
) {
  return {
    id: oparlUrl(ctx, `/organization/${x.id}`),
    type: `${schema}Organization`,
    body: oparlUrl(ctx, `/body/${ctx.municipalityId}`),
    name: x.name,
    shortName: x.abbreviation,
    organizationType: "Partei",
    classification: "party",
    membership: membershipIds.map((id) => oparlUrl(ctx, `/membership/${id}`)),
    web: `${ctx.base}/partier`,
    created: iso(x.createdAt),
    modified: iso(x.updatedAt),
    ...(x.deletedAt ? { deleted: true } : {}),
  };
}

/** A person's membership of their party (a person has one party; the membership is named by the person's id). */
export function presentPartyMembership(ctx: OparlContext, x: Rows<typeof listPartyMembershipRows>[number]) {
  return {
    id: oparlUrl(ctx, `/membership/${x.id}`),
    type: `${schema}Membership`,
    person: oparlUrl(ctx, `/person/${x.personId}`),
    organization: oparlUrl(ctx, `/organization/${x.partyId}`),
    role: "Partimedlem",
    created: iso(x.createdAt),
    modified: iso(x.updatedAt),
    ...(x.deletedAt ? { deleted: true } : {}),
  };
}

const roleName: Record<string, string> = {
  chair: "Ordförande",
  vice_chair: "Vice ordförande",
  member: "Ledamot",
  substitute: "Ersättare",
};

export function presentMembership(ctx: OparlContext, x: Rows<typeof listMembershipRows>[number]) {
  return {
    id: oparlUrl(ctx, `/membership/${x.id}`),
    type: `${schema}Membership`,
    person: oparlUrl(ctx, `/person/${x.personId}`),
    organization: oparlUrl(ctx, `/organization/${x.bodyId}`),
    role: roleName[x.role] ?? x.role,
    votingRight: x.role !== "substitute",
    startDate: x.startsOn,
    ...(x.endsOn ? { endDate: x.endsOn } : {}),
    created: iso(x.createdAt),
    modified: iso(x.updatedAt),
    ...(x.deletedAt ? { deleted: true } : {}),
  };
}

export function presentPerson(
  ctx: OparlContext,
  r: Rows<typeof listPersonRows>[number],
  memberships: Rows<typeof listMembershipRows>,
  partyMemberships: Rows<typeof listPartyMembershipRows>,
) {
  const p = r.person;
  // No e-mail or phone: a member's contact details are not published through the API (L31).
  return {
    id: oparlUrl(ctx, `/person/${p.id}`),
    type: `${schema}Person`,
    body: oparlUrl(ctx, `/body/${ctx.municipalityId}`),
    name: p.name,
    ...(r.partyName
      ? { "paragraf:party": r.partyName, "paragraf:partyAbbreviation": r.partyAbbreviation }
      : {}),
    membership: [
      ...memberships.map((x) => presentMembership(ctx, x)),
      ...partyMemberships.map((x) => presentPartyMembership(ctx, x)),
    ],
    web: `${ctx.base}/ledamoter/${p.id}`,
    created: iso(p.createdAt),
    modified: iso(p.updatedAt),
    ...(p.deletedAt ? { deleted: true } : {}),
  };
}

type MeetingRow = Rows<typeof listMeetingRows>[number];

export function presentLocation(ctx: OparlContext, r: MeetingRow) {
  return {
    id: oparlUrl(ctx, `/location/${r.meeting.id}`),
    type: `${schema}Location`,
    description: r.meeting.place,
    meetings: [oparlUrl(ctx, `/meeting/${r.meeting.id}`)],
    created: iso(r.meeting.createdAt),
    modified: iso(r.meeting.updatedAt),
  };
}

const meetingState: Record<string, string> = {
  planned: "planerat",
  notice_published: "kallat",
  opened: "pågår",
  closed: "avslutat",
};

type DocumentKind = "beslut" | "kallelse" | "protokoll";
export const fileFormats = ["html", "pdf", "docx"] as const;
export type FileFormat = (typeof fileFormats)[number];
/** The kinds of the files list, in its order: each document's HTML rendering, then its PDF and DOCX renderings. */
export const fileKinds = (["beslut", "kallelse", "protokoll"] as const).flatMap((k) =>
  fileFormats.map((f) => (f === "html" ? k : `${k}-${f}`)),
);

/** "beslut-pdf" → the extract as PDF; null for a kind the API has not. */
export function parseFileKind(kind: string): { document: DocumentKind; format: FileFormat } | null {
  if (!fileKinds.includes(kind)) return null;
  const [document, format = "html"] = kind.split("-") as [DocumentKind, FileFormat?];
  return { document, format };
}

const mimeTypes: Record<FileFormat, string> = {
  html: "text/html",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};
const formatLabel: Record<FileFormat, string> = { html: "HTML", pdf: "PDF", docx: "Word" };

/** A document Paragraf renders (a decision's extract, a notice, the minutes) in HTML, PDF and DOCX. */
interface RenderedDocument {
  kind: DocumentKind;
  id: string;
  name: string;
  /** The download's file name without its extension, as src/documents names it (from-minutes.ts). */
  baseName: string;
  /** The page that shows the document. */
  page: string;
  /** The download address of a rendering: the page's address with utdrag.pdf, kallelse.docx, …. */
  download: (format: FileFormat) => string;
  date: string;
  created: Date;
  modified: Date;
  links: { meeting?: string[]; agendaItem?: string[]; paper?: string[] };
}

/**
 * One rendering of a document as an OParl File. The HTML rendering is the master, which the meeting and the agenda
 * item embed; the PDF/A and DOCX renderings are its derivative files, each an object of its own in the files list.
 */
function renderedFile(ctx: OparlContext, d: RenderedDocument, format: FileFormat) {
  const idOf = (f: FileFormat) => oparlUrl(ctx, `/file/${f === "html" ? d.kind : `${d.kind}-${f}`}/${d.id}`);
  return {
    id: idOf(format),
    type: `${schema}File`,
    name: format === "html" ? d.name : `${d.name} (${formatLabel[format]})`,
    fileName: `${d.baseName}.${format}`,
    mimeType: mimeTypes[format],
    date: d.date,
    accessUrl: `${ctx.base}${format === "html" ? d.page : d.download(format)}`,
    downloadUrl: `${ctx.base}${d.download(format)}`,
    ...(format === "html" ? { derivativeFile: [idOf("pdf"), idOf("docx")] } : { masterFile: idOf("html") }),
    ...d.links,
    created: iso(d.created),
    modified: iso(d.modified),
  };
}

export function presentMeetingFiles(ctx: OparlContext, r: MeetingRow, format: FileFormat = "html") {
  const m = r.meeting;
  const document = (kind: "kallelse" | "protokoll", word: string, page: string, date: string) =>
    renderedFile(
      ctx,
      {
        kind,
        id: m.id,
        name: `${word} ${r.bodyName} ${m.heldOn}`,
        baseName: baseName([r.bodyShortName ?? r.bodyName, m.heldOn, word]),
        page,
        download: (f) => `/sammantraden/${m.id}/${kind}.${f}`,
        date,
        created: m.createdAt,
        modified: m.updatedAt,
        links: { meeting: [oparlUrl(ctx, `/meeting/${m.id}`)] },
      },
      format,
    );
  return {
    invitation: m.noticePublishedOn
      ? document("kallelse", "Kallelse", meetingAddress(r.bodySlug, m.heldOn), m.noticePublishedOn)
      : null,
    minutes: m.closedAt
      ? document("protokoll", "Protokoll", `/sammantraden/${m.id}/protokoll`, m.heldOn)
      : null,
  };
}

export function presentMeeting(
  ctx: OparlContext,
  r: MeetingRow,
  items: ReturnType<typeof presentAgendaItem>[],
  participantIds: string[],
) {
  const m = r.meeting;
  const files = presentMeetingFiles(ctx, r);
  return {
    id: oparlUrl(ctx, `/meeting/${m.id}`),
    type: `${schema}Meeting`,
    name: `${r.bodyName} ${m.heldOn}`,
    meetingState: meetingState[m.status] ?? m.status,
    cancelled: false,
    start: stockholmInstant(m.heldOn, m.startsAt),
    ...(m.closedAt ? { end: iso(m.closedAt) } : {}),
    location: presentLocation(ctx, r),
    organization: [oparlUrl(ctx, `/organization/${m.bodyId}`)],
    // Who attended, from the minutes' attendance (members, serving substitutes, others present).
    participant: participantIds.map((id) => oparlUrl(ctx, `/person/${id}`)),
    ...(files.invitation ? { invitation: files.invitation } : {}),
    ...(files.minutes ? { verbatimProtocol: files.minutes } : {}),
    agendaItem: items,
    "paragraf:public": m.isPublic,
    web: `${ctx.base}${meetingAddress(r.bodySlug, m.heldOn)}`,
    created: iso(m.createdAt),
    modified: iso(m.updatedAt),
  };
}

type ItemRow = Rows<typeof listAgendaItemRows>[number];

/** A decision's extract (protokollsutdrag) as a File, under its case's public title (OSL 5 kap. 2 §). */
export function presentParagraphFile(
  ctx: OparlContext,
  p: Omit<Rows<typeof listParagraphFileRows>[number], "startsAt" | "caseNumber" | "bodyId">,
  format: FileFormat = "html",
) {
  const code = bodyDecisionCode({ shortName: p.bodyShortName, name: p.bodyName }, p.heldOn, p.number);
  const page = `/protokoll/${p.bodySlug}/${p.year}/${p.number}`;
  const title = registerTitle(
    { secret: p.caseSecret, title: p.itemTitle, publicTitle: p.casePublicTitle },
    false,
  );
  return renderedFile(
    ctx,
    {
      kind: "beslut",
      id: p.id,
      name: `Beslut ${code}`,
      baseName: baseName([p.bodyShortName ?? p.bodyName, p.heldOn, `§${p.number}`, title]),
      page,
      download: (f) => `${page}/utdrag.${f}`,
      date: p.heldOn,
      created: p.createdAt,
      modified: p.updatedAt,
      links: {
        meeting: [oparlUrl(ctx, `/meeting/${p.meetingId}`)],
        agendaItem: [oparlUrl(ctx, `/agendaitem/${p.agendaItemId}`)],
        paper: [oparlUrl(ctx, `/paper/${p.caseId}`)],
      },
    },
    format,
  );
}

export function presentMeetingFile(
  ctx: OparlContext,
  kind: "kallelse" | "protokoll",
  r: MeetingRow,
  format: FileFormat = "html",
) {
  const files = presentMeetingFiles(ctx, r, format);
  return kind === "kallelse" ? files.invitation : files.minutes;
}

/** An agenda item: its number ("§ 8" once decided), the public title, the decision text, its decision document. */
export function presentAgendaItem(
  ctx: OparlContext,
  r: ItemRow,
  points: Rows<typeof listResolutionPoints>,
  consultationId: string | null,
  heldOn: string,
  body: { name: string; shortName: string | null },
) {
  const i = r.item;
  const name = maskPersonalData(
    registerTitle({ secret: r.caseSecret, title: i.title, publicTitle: r.casePublicTitle }, false),
  );
  const resolution = points.map((x) => maskPersonalData(x.text)).join("\n");
  const decided = r.paragraphId !== null && r.paragraphNumber !== null;
  return {
    id: oparlUrl(ctx, `/agendaitem/${i.id}`),
    type: `${schema}AgendaItem`,
    meeting: oparlUrl(ctx, `/meeting/${i.meetingId}`),
    number: decided ? `§ ${r.paragraphNumber}` : String(i.position),
    order: i.position,
    name,
    public: r.meetingIsPublic,
    ...(consultationId ? { consultation: oparlUrl(ctx, `/consultation/${consultationId}`) } : {}),
    ...(resolution ? { resolutionText: resolution } : {}),
    ...(decided
      ? {
          resolutionFile: presentParagraphFile(ctx, {
            id: r.paragraphId!,
            year: r.paragraphYear!,
            number: r.paragraphNumber!,
            createdAt: i.createdAt,
            updatedAt: r.paragraphUpdatedAt ?? i.createdAt,
            meetingId: i.meetingId,
            heldOn,
            agendaItemId: i.id,
            caseId: i.caseId,
            itemTitle: i.title,
            caseSecret: r.caseSecret,
            casePublicTitle: r.casePublicTitle,
            bodySlug: r.bodySlug,
            bodyName: body.name,
            bodyShortName: body.shortName,
          }),
          "paragraf:decision": `${ctx.base}/protokoll/${r.bodySlug}/${r.paragraphYear}/${r.paragraphNumber}`,
          "paragraf:votes": `${ctx.base}/oppna-data/beslut/${r.paragraphId}`,
        }
      : {}),
    web: decided
      ? `${ctx.base}/protokoll/${r.bodySlug}/${r.paragraphYear}/${r.paragraphNumber}`
      : `${ctx.base}${meetingAddress(r.bodySlug, heldOn)}`,
    created: iso(i.createdAt),
    modified: iso(r.paragraphUpdatedAt ?? i.createdAt),
  };
}

const stepRole: Record<string, string> = { prepare: "Beredning", decide: "Beslut", note: "För kännedom" };

export function presentConsultation(ctx: OparlContext, r: Rows<typeof listConsultationRows>[number]) {
  const s = r.step;
  return {
    id: oparlUrl(ctx, `/consultation/${s.id}`),
    type: `${schema}Consultation`,
    paper: oparlUrl(ctx, `/paper/${s.caseId}`),
    ...(r.agendaItemId ? { agendaItem: oparlUrl(ctx, `/agendaitem/${r.agendaItemId}`) } : {}),
    ...(s.meetingId ? { meeting: oparlUrl(ctx, `/meeting/${s.meetingId}`) } : {}),
    organization: [oparlUrl(ctx, `/organization/${s.bodyId}`)],
    authoritative: s.role === "decide",
    role: stepRole[s.role] ?? s.role,
    "paragraf:plannedOn": s.plannedOn,
    "paragraf:position": s.position,
    created: iso(s.createdAt),
    modified: iso(s.createdAt),
  };
}

export function presentPaper(
  ctx: OparlContext,
  c: Rows<typeof listPaperRows>[number],
  consultations: Rows<typeof listConsultationRows>,
) {
  const secret = c.secrecyProvision !== null;
  return {
    id: oparlUrl(ctx, `/paper/${c.id}`),
    type: `${schema}Paper`,
    body: oparlUrl(ctx, `/body/${ctx.municipalityId}`),
    name: maskPersonalData(registerTitle({ secret, title: c.title, publicTitle: c.publicTitle }, false)),
    reference: c.number,
    date: c.openedOn,
    paperType: "Ärende",
    ...(c.responsibleBodyId
      ? { underDirectionOf: [oparlUrl(ctx, `/organization/${c.responsibleBodyId}`)] }
      : {}),
    consultation: consultations
      .sort((a, b) => a.step.position - b.step.position)
      .map((x) => presentConsultation(ctx, x)),
    "paragraf:status": c.status,
    web: `${ctx.base}/diarium/${encodeURIComponent(c.number)}`,
    created: iso(c.createdAt),
    modified: iso(c.updatedAt),
  };
}
