import type { Tx } from "../../db/connect.js";
import {
  electionYears,
  fileKinds,
  type OparlContext,
  parseFileKind,
  presentAgendaItem,
  presentBody,
  presentConsultation,
  presentLegislativeTerm,
  presentLocation,
  presentMeeting,
  presentMeetingFile,
  presentMembership,
  presentOrganization,
  presentPaper,
  presentParagraphFile,
  presentParty,
  presentPartyMembership,
  presentPerson,
} from "./present.js";
import {
  findMunicipalityRow,
  listAgendaItemRows,
  listConsultationRows,
  listConsultationsOfItems,
  listMeetingRows,
  listMembershipRows,
  listOrganizationRows,
  listPaperRows,
  listParagraphFileRows,
  listParticipantRows,
  listPartyMembershipRows,
  listPartyRows,
  listPersonRows,
  listResolutionPoints,
  type Window,
} from "./queries.js";

// The OParl read model: a page of any list, or one object, in a fixed number of queries (one for the page's rows,
// one per kind of embedded row). An object by its id is a page of one.

export type OparlObject = { id: string; modified?: string } & Record<string, unknown>;

export interface OparlPage {
  data: OparlObject[];
  /** The cursor of the next page, or null on the last page. */
  next: string | null;
}

export type ListKind =
  | "organizations"
  | "persons"
  | "memberships"
  | "meetings"
  | "agendaitems"
  | "papers"
  | "consultations"
  | "files"
  | "locations"
  | "legislativeterms";

export const listKinds: ListKind[] = [
  "organizations",
  "persons",
  "memberships",
  "meetings",
  "agendaitems",
  "papers",
  "consultations",
  "files",
  "locations",
  "legislativeterms",
];

/** Which list an object type's id path belongs to. */
export const objectKinds: Record<string, ListKind> = {
  organization: "organizations",
  person: "persons",
  membership: "memberships",
  meeting: "meetings",
  agendaitem: "agendaitems",
  paper: "papers",
  consultation: "consultations",
  location: "locations",
};

/**
 * One page of a list made of two kinds of rows (bodies and parties, memberships of bodies and of parties): each kind
 * is fetched a row past the page, after the same id, and the two merged in the order of the id, so the keyset holds.
 */
function merged<A extends { id: string }, B extends { id: string }>(
  a: A[],
  b: B[],
  limit: number,
): { rows: ({ kind: "a"; row: A } | { kind: "b"; row: B })[]; next: string | null } {
  const all = [
    ...a.map((row) => ({ kind: "a" as const, row })),
    ...b.map((row) => ({ kind: "b" as const, row })),
  ].sort((x, y) => (x.row.id < y.row.id ? -1 : x.row.id > y.row.id ? 1 : 0));
  return page(all, limit, (x) => x.row.id);
}

function page<R>(rows: R[], limit: number, idOf: (r: R) => string): { rows: R[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: idOf(kept.at(-1)!) };
}

const groupBy = <T>(rows: readonly T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** The body (the municipality) of this API, or null. */
export async function readOparlBody(tx: Tx, ctx: OparlContext) {
  const m = await findMunicipalityRow(tx, ctx.municipalityId);
  return m ? { municipality: m, body: presentBody(ctx, m) } : null;
}

async function meetingsPage(tx: Tx, ctx: OparlContext, w: Window & { bodyId?: string }): Promise<OparlPage> {
  const found = page(
    await listMeetingRows(tx, ctx.municipalityId, { ...w, limit: w.limit + 1 }),
    w.limit,
    (r) => r.meeting.id,
  );
  const meetingIds = found.rows.map((r) => r.meeting.id);
  const items =
    meetingIds.length > 0
      ? await listAgendaItemRows(tx, ctx.municipalityId, { limit: 100_000, meetingIds })
      : [];
  const embedded = await itemObjects(tx, ctx, items);
  const byMeeting = groupBy(embedded, (x) => x.meetingId);
  const participants = groupBy(await listParticipantRows(tx, meetingIds), (x) => x.meetingId);
  return {
    data: found.rows.map((r) =>
      presentMeeting(
        ctx,
        r,
        (byMeeting.get(r.meeting.id) ?? [])
          .sort((a, b) => a.object.order - b.object.order)
          .map((x) => x.object),
        (participants.get(r.meeting.id) ?? []).map((x) => x.personId),
      ),
    ),
    next: found.next,
  };
}

async function itemObjects(tx: Tx, ctx: OparlContext, rows: Awaited<ReturnType<typeof listAgendaItemRows>>) {
  const points = groupBy(
    await listResolutionPoints(
      tx,
      rows.flatMap((r) => (r.paragraphId ? [r.paragraphId] : [])),
    ),
    (p) => p.paragraphId,
  );
  const consultations = new Map(
    (
      await listConsultationsOfItems(
        tx,
        rows.map((r) => r.item.id),
      )
    ).map((x) => [x.agendaItemId, x.stepId]),
  );
  const meetingIds = [...new Set(rows.map((r) => r.item.meetingId))];
  const meetings =
    meetingIds.length > 0
      ? await listMeetingRows(tx, ctx.municipalityId, { limit: meetingIds.length, ids: meetingIds })
      : [];
  const meetingOf = new Map(meetings.map((m) => [m.meeting.id, m]));
  const bodies = await listOrganizationRows(tx, ctx.municipalityId, {
    limit: 100_000,
    ids: [...new Set(meetings.map((m) => m.meeting.bodyId))],
  });
  const bodyOf = new Map(bodies.map((b) => [b.id, b]));
  return rows.map((r) => {
    const m = meetingOf.get(r.item.meetingId)!;
    const b = bodyOf.get(m.meeting.bodyId)!;
    return {
      meetingId: r.item.meetingId,
      object: presentAgendaItem(
        ctx,
        r,
        r.paragraphId ? (points.get(r.paragraphId) ?? []) : [],
        consultations.get(r.item.id) ?? null,
        m.meeting.heldOn,
        b,
      ),
    };
  });
}

/**
 * Files: the decisions' extracts, then the notices, then the minutes, each kind as HTML, then PDF, then DOCX; the
 * cursor names the kind and the id ("beslut-pdf:…").
 */
async function filesPage(tx: Tx, ctx: OparlContext, w: Window): Promise<OparlPage> {
  const [afterKind, afterId] = w.after ? (w.after.split(":") as [string, string]) : [fileKinds[0]!, null];
  const data: OparlObject[] = [];
  let next: string | null = null;
  for (const kind of fileKinds.slice(Math.max(0, fileKinds.indexOf(afterKind)))) {
    const left = w.limit - data.length;
    const after = kind === afterKind ? afterId : null;
    if (left <= 0) {
      next = `${kind}:`;
      break;
    }
    const sub: Window = { ...w, after, limit: left + 1 };
    const { document, format } = parseFileKind(kind)!;
    if (document === "beslut") {
      const found = page(await listParagraphFileRows(tx, ctx.municipalityId, sub), left, (r) => r.id);
      data.push(...found.rows.map((r) => presentParagraphFile(ctx, r, format)));
      if (found.next) next = `${kind}:${found.next}`;
    } else {
      const found = page(
        await listMeetingRows(tx, ctx.municipalityId, { ...sub, published: document }),
        left,
        (r) => r.meeting.id,
      );
      data.push(...found.rows.map((r) => presentMeetingFile(ctx, document, r, format)!));
      if (found.next) next = `${kind}:${found.next}`;
    }
    if (next) break;
  }
  // A page that ends exactly at the end of a kind goes on with the next kind.
  return { data, next: next?.endsWith(":") && data.length === 0 ? null : next };
}

/** One page of a list, for the municipality, in a fixed number of queries. */
export async function readOparlList(
  tx: Tx,
  ctx: OparlContext,
  kind: ListKind,
  w: Window & { bodyId?: string },
): Promise<OparlPage> {
  const more = { ...w, limit: w.limit + 1 };
  const mid = ctx.municipalityId;
  switch (kind) {
    case "organizations": {
      const found = merged(
        await listOrganizationRows(tx, mid, more),
        await listPartyRows(tx, mid, more),
        w.limit,
      );
      const ids = found.rows.map((x) => x.row.id);
      const memberships = groupBy(
        ids.length ? await listMembershipRows(tx, mid, { limit: 100_000, bodyIds: ids }) : [],
        (x) => x.bodyId,
      );
      const members = groupBy(
        ids.length ? await listPartyMembershipRows(tx, mid, { limit: 100_000, partyIds: ids }) : [],
        (x) => x.partyId,
      );
      return {
        data: found.rows.map((x) =>
          x.kind === "a"
            ? presentOrganization(
                ctx,
                x.row,
                (memberships.get(x.row.id) ?? []).map((y) => y.id),
              )
            : presentParty(
                ctx,
                x.row,
                (members.get(x.row.id) ?? []).map((y) => y.id),
              ),
        ),
        next: found.next,
      };
    }
    case "persons": {
      const found = page(await listPersonRows(tx, mid, more), w.limit, (r) => r.person.id);
      const ids = found.rows.map((r) => r.person.id);
      const memberships = groupBy(
        ids.length ? await listMembershipRows(tx, mid, { limit: 100_000, personIds: ids }) : [],
        (x) => x.personId,
      );
      const parties = groupBy(
        ids.length ? await listPartyMembershipRows(tx, mid, { limit: 100_000, personIds: ids }) : [],
        (x) => x.personId,
      );
      return {
        data: found.rows.map((r) =>
          presentPerson(ctx, r, memberships.get(r.person.id) ?? [], parties.get(r.person.id) ?? []),
        ),
        next: found.next,
      };
    }
    case "memberships": {
      const found = merged(
        await listMembershipRows(tx, mid, more),
        await listPartyMembershipRows(tx, mid, more),
        w.limit,
      );
      return {
        data: found.rows.map((x) =>
          x.kind === "a" ? presentMembership(ctx, x.row) : presentPartyMembership(ctx, x.row),
        ),
        next: found.next,
      };
    }
    case "meetings":
      return meetingsPage(tx, ctx, w);
    case "locations": {
      const found = page(await listMeetingRows(tx, mid, more), w.limit, (r) => r.meeting.id);
      return { data: found.rows.map((r) => presentLocation(ctx, r)), next: found.next };
    }
    case "agendaitems": {
      const found = page(await listAgendaItemRows(tx, mid, more), w.limit, (r) => r.item.id);
      return { data: (await itemObjects(tx, ctx, found.rows)).map((x) => x.object), next: found.next };
    }
    case "papers": {
      const found = page(await listPaperRows(tx, mid, more), w.limit, (r) => r.id);
      const ids = found.rows.map((r) => r.id);
      const steps = groupBy(
        ids.length ? await listConsultationRows(tx, mid, { limit: 100_000, caseIds: ids }) : [],
        (x) => x.step.caseId,
      );
      return { data: found.rows.map((r) => presentPaper(ctx, r, steps.get(r.id) ?? [])), next: found.next };
    }
    case "consultations": {
      const found = page(await listConsultationRows(tx, mid, more), w.limit, (r) => r.step.id);
      return { data: found.rows.map((r) => presentConsultation(ctx, r)), next: found.next };
    }
    case "files":
      return filesPage(tx, ctx, w);
    case "legislativeterms": {
      const m = await findMunicipalityRow(tx, mid);
      const terms = m ? electionYears.map((y) => presentLegislativeTerm(ctx, y, m.createdAt)) : [];
      return { data: terms, next: null };
    }
  }
}

/** One object by its type and id, or null when the municipality has none such. */
export async function readOparlObject(
  tx: Tx,
  ctx: OparlContext,
  type: string,
  id: string,
): Promise<OparlObject | null> {
  if (type === "file") {
    const [kindText, uuid] = id.split("/") as [string, string];
    const kind = parseFileKind(kindText);
    if (!kind) return null;
    if (kind.document === "beslut") {
      const [row] = await listParagraphFileRows(tx, ctx.municipalityId, { limit: 1, ids: [uuid] });
      return row ? presentParagraphFile(ctx, row, kind.format) : null;
    }
    const [row] = await listMeetingRows(tx, ctx.municipalityId, {
      limit: 1,
      ids: [uuid],
      published: kind.document,
    });
    return row ? presentMeetingFile(ctx, kind.document, row, kind.format) : null;
  }
  const kind = objectKinds[type];
  if (!kind) return null;
  const found = await readOparlList(tx, ctx, kind, { limit: 1, ids: [id] });
  return found.data[0] ?? null;
}
