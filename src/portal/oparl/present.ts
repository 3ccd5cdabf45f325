import { bodyDecisionCode } from "../../domain/citation.js";
import { stockholmInstant } from "../../domain/clock.js";
import { maskPersonalData } from "../../domain/personal-data.js";
import { registerTitle } from "../../domain/secrecy.js";
import type {
  findMunicipalityRow,
  listAgendaItemRows,
  listConsultationRows,
  listMeetingFileRows,
  listMeetingRows,
  listMembershipRows,
  listOrganizationRows,
  listPaperRows,
  listParagraphFileRows,
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
    membership: memberships.map((x) => presentMembership(ctx, x)),
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

type FileKind = "beslut" | "kallelse" | "protokoll";
export const fileKinds: FileKind[] = ["beslut", "kallelse", "protokoll"];

/** A document Paragraf renders (a decision, a notice, the minutes), with the address of its HTML rendering. */
function renderedFile(
  ctx: OparlContext,
  kind: FileKind,
  id: string,
  name: string,
  path: string,
  date: string,
  created: Date,
  modified: Date,
  links: { meeting?: string[]; agendaItem?: string[]; paper?: string[] },
) {
  // The PDF and DOCX renderings join as derivative files when the documents capability publishes them.
  return {
    id: oparlUrl(ctx, `/file/${kind}/${id}`),
    type: `${schema}File`,
    name,
    fileName: `${path.split("/").filter(Boolean).join("-")}.html`,
    mimeType: "text/html",
    date,
    accessUrl: `${ctx.base}${path}`,
    downloadUrl: `${ctx.base}${path}`,
    ...links,
    created: iso(created),
    modified: iso(modified),
  };
}

export function presentMeetingFiles(ctx: OparlContext, r: MeetingRow) {
  const m = r.meeting;
  const address = meetingAddress(r.bodySlug, m.heldOn);
  const meetingId = [oparlUrl(ctx, `/meeting/${m.id}`)];
  return {
    invitation: m.noticePublishedOn
      ? renderedFile(
          ctx,
          "kallelse",
          m.id,
          `Kallelse ${r.bodyName} ${m.heldOn}`,
          address,
          m.noticePublishedOn,
          m.createdAt,
          m.updatedAt,
          { meeting: meetingId },
        )
      : null,
    minutes: m.closedAt
      ? renderedFile(
          ctx,
          "protokoll",
          m.id,
          `Protokoll ${r.bodyName} ${m.heldOn}`,
          `/sammantraden/${m.id}/protokoll`,
          m.heldOn,
          m.createdAt,
          m.updatedAt,
          { meeting: meetingId },
        )
      : null,
  };
}

export function presentMeeting(
  ctx: OparlContext,
  r: MeetingRow,
  items: ReturnType<typeof presentAgendaItem>[],
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

export function presentParagraphFile(ctx: OparlContext, p: Rows<typeof listParagraphFileRows>[number]) {
  const code = bodyDecisionCode({ shortName: p.bodyShortName, name: p.bodyName }, p.heldOn, p.number);
  return renderedFile(
    ctx,
    "beslut",
    p.id,
    `Beslut ${code}`,
    `/protokoll/${p.bodySlug}/${p.year}/${p.number}`,
    p.heldOn,
    p.createdAt,
    p.updatedAt,
    {
      meeting: [oparlUrl(ctx, `/meeting/${p.meetingId}`)],
      agendaItem: [oparlUrl(ctx, `/agendaitem/${p.agendaItemId}`)],
      paper: [oparlUrl(ctx, `/paper/${p.caseId}`)],
    },
  );
}

export function presentMeetingFile(
  ctx: OparlContext,
  kind: "kallelse" | "protokoll",
  r: Rows<typeof listMeetingFileRows>[number],
) {
  const files = presentMeetingFiles(ctx, r);
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
            bodySlug: r.bodySlug,
            bodyName: body.name,
            bodyShortName: body.shortName,
            bodyKind: "council",
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
