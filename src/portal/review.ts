import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import { anyOf } from "../db/any-of.js";
import type { Tx } from "../db/connect.js";
import { bodyDecisionCode } from "../domain/citation.js";
import { findPersonalData, personalDataLabel } from "../domain/personal-data.js";
import { type SecretTextField, textSha256 } from "../domain/secret-text.js";
import { listSecretTextReviews } from "../meetings/queries.js";
import {
  agendaItem,
  decisionPoint,
  meeting,
  motion,
  paragraph,
  reservation,
  statement,
} from "../meetings/tables.js";
import { selectDecisions } from "./queries.js";

// The secretary's review list (L31): what the screen masked in the public version of each paragraph the secretary
// keeps minutes for, and the free text written on secret cases, which the public channels leave out until it is
// reviewed. Seven queries for the latest 300 paragraphs, whatever they hold.

const limit = 300;

function paragraphsOf(tx: Tx, municipalityId: string, bodyIds: string[] | null) {
  return selectDecisions(tx, {
    summary: paragraph.summary,
    proposalText: agendaItem.proposalText,
  })
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        bodyIds ? anyOf(paragraph.bodyId, bodyIds) : undefined,
      ),
    )
    .orderBy(desc(meeting.heldOn), desc(paragraph.number))
    .limit(limit);
}

export interface ReviewBase {
  code: string;
  path: string;
  secretaryPath: string;
  caseNumber: string;
  where: string;
}

/** What the screen masked in the public version of a text. */
export interface Finding extends ReviewBase {
  found: string;
}

/** A free text on a secret case: left out of the public versions until this very text is reviewed. */
export interface SecretText extends ReviewBase {
  paragraphId: string;
  field: SecretTextField;
  sourceId: string;
  text: string;
  textSha256: string;
  /** Who reviewed this very text and when; null when it waits for a review. */
  review: { by: string; at: Date } | null;
}

/** The review list for the bodies this actor keeps minutes for (all of them for an admin). */
export async function readReviewList(
  tx: Tx,
  actor: Actor,
): Promise<{ secret: SecretText[]; found: Finding[] }> {
  const all =
    can(actor, "meeting:write", null) && actor.grants.some((g) => g.role === "admin" || g.bodyId === null);
  const bodyIds = all
    ? null
    : [
        ...new Set(
          actor.grants.filter((g) => g.bodyId && can(actor, "meeting:write", g.bodyId)).map((g) => g.bodyId!),
        ),
      ];
  const none = { secret: [], found: [] };
  if (bodyIds && bodyIds.length === 0) return none;
  const rows = await paragraphsOf(tx, actor.municipalityId, bodyIds);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return none;
  const points = await tx.select().from(decisionPoint).where(anyOf(decisionPoint.paragraphId, ids));
  const motions = await tx.select().from(motion).where(anyOf(motion.paragraphId, ids));
  const statements = await tx.select().from(statement).where(anyOf(statement.paragraphId, ids));
  const reservations = await tx.select().from(reservation).where(anyOf(reservation.paragraphId, ids));
  const reviews = await listSecretTextReviews(
    tx,
    rows.filter((r) => r.caseSecret).map((r) => r.id),
  );
  const reviewOf = new Map(reviews.map((x) => [`${x.field}:${x.sourceId}:${x.textSha256}`, x]));
  interface Text {
    where: string;
    text: string | null;
    /** Free text the secrecy may cover, and its row; none for the title and the decision points. */
    free?: { field: SecretTextField; sourceId: string };
  }
  const texts = new Map<string, Text[]>();
  const add = (id: string, t: Text) => {
    if (t.text) texts.set(id, [...(texts.get(id) ?? []), t]);
  };
  for (const r of rows) {
    add(r.id, { where: "Rubrik på dagordningen", text: r.itemTitle });
    add(r.id, { where: "Sammanfattning", text: r.summary, free: { field: "summary", sourceId: r.id } });
    add(r.id, {
      where: "Förslag till beslut",
      text: r.proposalText,
      free: { field: "proposal", sourceId: r.agendaItemId },
    });
  }
  for (const x of points) add(x.paragraphId, { where: `Beslutspunkt ${x.position}`, text: x.text });
  for (const x of motions)
    add(x.paragraphId, {
      where: `Yrkande ${x.position}`,
      text: x.text,
      free: { field: "motion", sourceId: x.id },
    });
  for (const x of statements)
    add(x.paragraphId, {
      where: `Yttrande ${x.position}`,
      text: x.text,
      free: { field: "statement", sourceId: x.id },
    });
  for (const x of reservations)
    add(x.paragraphId, {
      where: `Reservation ${x.position}`,
      text: x.justification,
      free: { field: "reservation", sourceId: x.id },
    });
  const secret: SecretText[] = [];
  const found: Finding[] = [];
  for (const r of rows) {
    const base = {
      code: bodyDecisionCode({ shortName: r.bodyShortName, name: r.bodyName }, r.heldOn, r.number),
      path: `/protokoll/${r.bodySlug}/${r.year}/${r.number}`,
      secretaryPath: `/sammantraden/${r.meetingId}/sekreterare/paragrafer/${r.id}`,
      caseNumber: r.caseNumber,
    };
    for (const t of texts.get(r.id) ?? []) {
      const text = t.text ?? "";
      // Free text on a secret case is listed whole, with its review; the title shows the case's public title and the
      // decision points are public, so those are only screened.
      if (r.caseSecret && t.free) {
        const sha = textSha256(text);
        const review = reviewOf.get(`${t.free.field}:${t.free.sourceId}:${sha}`);
        secret.push({
          ...base,
          where: t.where,
          paragraphId: r.id,
          ...t.free,
          text,
          textSha256: sha,
          review: review ? { by: review.reviewedBy, at: review.reviewedAt } : null,
        });
      }
      for (const f of findPersonalData(text))
        found.push({ ...base, where: t.where, found: `${personalDataLabel[f.kind]}: ${f.text}` });
    }
  }
  return { secret, found };
}
