import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/connect.js";
import { paragraph } from "../../meetings/tables.js";
import { body } from "../../organisation/tables.js";

/** The ids of a body's paragraphs in a year, in order of number: what a bulk download holds. */
export function listParagraphIdsOfBodyYear(tx: Tx, municipalityId: string, bodySlug: string, year: number) {
  return tx
    .select({ id: paragraph.id })
    .from(paragraph)
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        eq(body.slug, bodySlug),
        isNull(body.deletedAt),
        eq(paragraph.year, year),
      ),
    )
    .orderBy(asc(paragraph.number));
}

export function findLiveBodyBySlug(tx: Tx, municipalityId: string, slug: string) {
  return tx.query.body.findFirst({
    where: and(eq(body.municipalityId, municipalityId), eq(body.slug, slug), isNull(body.deletedAt)),
  });
}
