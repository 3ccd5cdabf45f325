import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meeting, paragraph, paragraphCounter } from "../meetings/tables.js";

/**
 * The paragraph of the minutes that a decision reference names, when the body keeps its minutes in Paragraf.
 * A number the body's counter has not reached yet names a paragraph that does not exist, and is refused; so is a
 * paragraph held on another day than the reference says. Numbers from minutes kept outside Paragraf pass unlinked.
 */
export async function findDecidedParagraph(
  tx: Tx,
  ref: { bodyId: string; year: number; number: number | null; decidedOn: string },
  field: string,
): Promise<string | null> {
  if (ref.number === null) return null;
  const [found] = await tx
    .select({ id: paragraph.id, heldOn: meeting.heldOn })
    .from(paragraph)
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .where(
      and(eq(paragraph.bodyId, ref.bodyId), eq(paragraph.year, ref.year), eq(paragraph.number, ref.number)),
    );
  if (found) {
    if (found.heldOn !== ref.decidedOn) {
      throw new DomainError(
        "decision_paragraph_other_day",
        { number: ref.number, heldOn: found.heldOn },
        `${field}.decidedOn`,
      );
    }
    return found.id;
  }
  const [counter] = await tx
    .select({ last: paragraphCounter.lastValue })
    .from(paragraphCounter)
    .where(and(eq(paragraphCounter.bodyId, ref.bodyId), eq(paragraphCounter.year, ref.year)));
  if (counter && ref.number > counter.last) {
    throw new DomainError(
      "decision_paragraph_missing",
      { number: ref.number, year: ref.year },
      `${field}.paragraphNumber`,
    );
  }
  return null;
}
