import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { lastParagraphNumber } from "./allocate.js";
import type { StartNumberingInput } from "./schemas.js";
import { paragraphCounter } from "./tables.js";

/**
 * Continues a body's paragraph numbering for a year from the last number given before Paragraf kept its minutes
 * (the paragraphs up to it are in the earlier minutes). Allowed only before Paragraf has given out a number.
 */
export async function startParagraphNumbering(tx: Tx, actor: Actor, input: StartNumberingInput) {
  authorize(actor, "meeting:write", input.bodyId);
  const b = await findBody(tx, actor.municipalityId, input.bodyId);
  if (!b) throw new DomainError("body_not_found", {}, "bodyId");
  const last = await lastParagraphNumber(tx, b.id, input.year);
  if (last > 0)
    throw new DomainError("numbering_already_started", { body: b.name, year: input.year, last }, "year");
  await tx
    .update(paragraphCounter)
    .set({ lastValue: input.lastNumber })
    .where(and(eq(paragraphCounter.bodyId, b.id), eq(paragraphCounter.year, input.year)));
  await recordAudit(tx, actor, {
    action: "paragraph_numbering.started",
    recordType: "body",
    recordId: b.id,
    after: { year: input.year, lastNumber: input.lastNumber },
  });
}
