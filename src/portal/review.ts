import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import { anyOf } from "../db/any-of.js";
import type { Tx } from "../db/connect.js";
import { bodyDecisionCode } from "../domain/citation.js";
import { findPersonalData, personalDataLabel } from "../domain/personal-data.js";
import {
  agendaItem,
  decisionPoint,
  meeting,
  motion,
  paragraph,
  reservation,
  statement,
} from "../meetings/tables.js";
import { body } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";

// The secretary's review list (L31): what the screen masked in the public version of each paragraph the secretary
// keeps minutes for, and the free text written on secret cases, which the public channels leave out. Six queries
// for the latest 300 paragraphs, whatever they hold.

const limit = 300;

function paragraphsOf(tx: Tx, municipalityId: string, bodyIds: string[] | null) {
  return tx
    .select({
      id: paragraph.id,
      year: paragraph.year,
      number: paragraph.number,
      summary: paragraph.summary,
      heldOn: meeting.heldOn,
      meetingId: meeting.id,
      itemTitle: agendaItem.title,
      proposalText: agendaItem.proposalText,
      caseNumber: registerCase.number,
      caseSecret: registerCase.secrecyProvision,
      bodyId: body.id,
      bodyName: body.name,
      bodyShortName: body.shortName,
      bodySlug: body.slug,
    })
    .from(paragraph)
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId))
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        bodyIds ? anyOf(paragraph.bodyId, bodyIds) : undefined,
      ),
    )
    .orderBy(desc(meeting.heldOn), desc(paragraph.number))
    .limit(limit);
}

export interface ReviewItem {
  code: string;
  path: string;
  secretaryPath: string;
  caseNumber: string;
  where: string;
  /** What the screen found, or null for free text on a secret case. */
  found: string | null;
  secretCase: boolean;
}

/** The review list for the bodies this actor keeps minutes for (all of them for an admin). */
export async function readReviewList(tx: Tx, actor: Actor): Promise<ReviewItem[]> {
  const all =
    can(actor, "meeting:write", null) && actor.grants.some((g) => g.role === "admin" || g.bodyId === null);
  const bodyIds = all
    ? null
    : [
        ...new Set(
          actor.grants.filter((g) => g.bodyId && can(actor, "meeting:write", g.bodyId)).map((g) => g.bodyId!),
        ),
      ];
  if (bodyIds && bodyIds.length === 0) return [];
  const rows = await paragraphsOf(tx, actor.municipalityId, bodyIds);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const points = await tx.select().from(decisionPoint).where(anyOf(decisionPoint.paragraphId, ids));
  const motions = await tx.select().from(motion).where(anyOf(motion.paragraphId, ids));
  const statements = await tx.select().from(statement).where(anyOf(statement.paragraphId, ids));
  const reservations = await tx.select().from(reservation).where(anyOf(reservation.paragraphId, ids));
  const texts = new Map<string, { where: string; text: string | null }[]>();
  const add = (id: string, where: string, text: string | null) => {
    if (text) texts.set(id, [...(texts.get(id) ?? []), { where, text }]);
  };
  for (const r of rows) {
    add(r.id, "Rubrik på dagordningen", r.itemTitle);
    add(r.id, "Sammanfattning", r.summary);
    add(r.id, "Förslag till beslut", r.proposalText);
  }
  for (const x of points) add(x.paragraphId, `Beslutspunkt ${x.position}`, x.text);
  for (const x of motions) add(x.paragraphId, `Yrkande ${x.position}`, x.text);
  for (const x of statements) add(x.paragraphId, `Yttrande ${x.position}`, x.text);
  for (const x of reservations) add(x.paragraphId, `Reservation ${x.position}`, x.justification);
  const items: ReviewItem[] = [];
  for (const r of rows) {
    const base = {
      code: bodyDecisionCode({ shortName: r.bodyShortName, name: r.bodyName }, r.heldOn, r.number),
      path: `/protokoll/${r.bodySlug}/${r.year}/${r.number}`,
      secretaryPath: `/sammantraden/${r.meetingId}/sekreterare/paragrafer/${r.id}`,
      caseNumber: r.caseNumber,
      secretCase: r.caseSecret !== null,
    };
    for (const t of texts.get(r.id) ?? []) {
      // Free text on a secret case is listed whole; the decision points are public and only screened.
      if (base.secretCase && !t.where.startsWith("Beslutspunkt") && t.where !== "Rubrik på dagordningen")
        items.push({ ...base, where: t.where, found: null });
      for (const f of findPersonalData(t.text ?? ""))
        items.push({ ...base, where: t.where, found: `${personalDataLabel[f.kind]}: ${f.text}` });
    }
  }
  return items;
}
