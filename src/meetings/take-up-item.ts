import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { allocateParagraphNumber, lastParagraphNumber } from "./allocate.js";
import { meetingForWrite, requireOpen } from "./guards.js";
import { findAgendaItem, findParagraphOfItem } from "./queries.js";
import type { TakeUpItemInput } from "./schemas.js";
import { requireQuorum, servingOnItem } from "./serving.js";
import { paragraph } from "./tables.js";

/**
 * Takes up an agenda item at the open meeting and gives it the body's next paragraph number for the year (§ 8).
 * Business is handled only with quorum (L2). A number given explicitly (when keeping minutes in step with a paper
 * record) must be exactly the next one: numbers run without gaps and are never used twice.
 * KL 5 kap. 46 § (check), 6 kap. 27 §
 */
export async function takeUpItem(tx: Tx, actor: Actor, input: TakeUpItemInput) {
  const item = await findAgendaItem(tx, actor.municipalityId, input.agendaItemId);
  if (!item) throw new DomainError("agenda_item_not_found", {}, "agendaItemId");
  const { meeting: m, body: b } = await meetingForWrite(tx, actor, item.meetingId);
  requireOpen(m);
  const existing = await findParagraphOfItem(tx, item.id);
  if (existing) throw new DomainError("paragraph_exists", { number: existing.number }, "agendaItemId");
  await requireQuorum(tx, b, m, await servingOnItem(tx, m, item));
  const year = Number(m.heldOn.slice(0, 4));
  if (input.number) {
    const next = (await lastParagraphNumber(tx, b.id, year)) + 1;
    if (input.number < next)
      throw new DomainError(
        "paragraph_number_taken",
        { body: b.name, number: input.number, year, next },
        "number",
      );
    if (input.number > next)
      throw new DomainError("paragraph_number_gap", { number: input.number, next }, "number");
  }
  const number = await allocateParagraphNumber(tx, b.id, year);
  const [created] = await tx
    .insert(paragraph)
    .values({
      municipalityId: actor.municipalityId,
      bodyId: b.id,
      meetingId: m.id,
      agendaItemId: item.id,
      year,
      number,
      summary: input.summary ?? null,
      decisionIntro: input.decisionIntro ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "paragraph.allocated",
    recordType: "paragraph",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
