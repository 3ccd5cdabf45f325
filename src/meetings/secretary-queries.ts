import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { agendaItem, paragraph, reservation, statement } from "./tables.js";

// What the secretary's pages look up to check that the address holds together: an item or a paragraph of the
// meeting in the address, a reservation or statement of the paragraph in the address. Each is one query.

/** An agenda item, only when it is on this meeting's agenda. */
export async function findItemOfMeeting(tx: Tx, municipalityId: string, meetingId: string, itemId: string) {
  const [row] = await tx
    .select()
    .from(agendaItem)
    .where(
      and(
        eq(agendaItem.municipalityId, municipalityId),
        eq(agendaItem.meetingId, meetingId),
        eq(agendaItem.id, itemId),
      ),
    );
  return row;
}

/** A paragraph with its agenda item, only when the paragraph was given at this meeting. */
export async function findParagraphOfMeeting(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  paragraphId: string,
) {
  const [row] = await tx
    .select({ paragraph, item: agendaItem })
    .from(paragraph)
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        eq(paragraph.meetingId, meetingId),
        eq(paragraph.id, paragraphId),
      ),
    );
  return row;
}

/** A reservation or a statement, only when it was announced under this paragraph. */
export async function findWrittenOfParagraph(
  tx: Tx,
  kind: "reservation" | "statement",
  paragraphId: string,
  id: string,
) {
  const table = kind === "reservation" ? reservation : statement;
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.paragraphId, paragraphId), eq(table.id, id)));
  return row;
}
