import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { type SecretTextField, textSha256 } from "../domain/secret-text.js";
import { registerCase } from "../register/tables.js";
import { paragraphForWrite } from "./guards.js";
import type { SecretTextReviewInput } from "./schemas.js";
import { motion, reservation, secretTextReview, statement } from "./tables.js";

/** The text a review is of, as it stands: on the paragraph, its agenda item, or one of its motions and writings. */
async function currentText(
  tx: Tx,
  at: Awaited<ReturnType<typeof paragraphForWrite>>,
  field: SecretTextField,
  sourceId: string,
): Promise<string | null> {
  const p = at.paragraph;
  if (field === "summary") return sourceId === p.id ? p.summary : null;
  if (field === "proposal") return sourceId === at.item.id ? at.item.proposalText : null;
  const table = { motion, statement, reservation }[field];
  const [row] = await tx
    .select()
    .from(table)
    .where(and(eq(table.id, sourceId), eq(table.paragraphId, p.id)));
  if (!row) return null;
  return "justification" in row ? row.justification : row.text;
}

/**
 * Marks one free text on a secret case as reviewed (L31): the secretary has read it and found nothing in it that
 * the secrecy covers, so the public versions may show it, screened for personal data, while it stays this text.
 * The review names the text by the SHA-256 the secretary was shown, so a text changed meanwhile is not passed.
 */
export async function reviewSecretText(
  tx: Tx,
  actor: Actor,
  paragraphId: string,
  input: SecretTextReviewInput,
) {
  const at = await paragraphForWrite(tx, actor, paragraphId);
  const theCase = await tx.query.registerCase.findFirst({ where: eq(registerCase.id, at.item.caseId) });
  if (theCase?.secrecyProvision == null) throw new DomainError("secret_text_not_secret");
  const text = await currentText(tx, at, input.field, input.sourceId);
  if (!text) throw new DomainError("secret_text_not_found", {}, "sourceId");
  if (textSha256(text) !== input.textSha256) throw new DomainError("secret_text_changed", {}, "textSha256");
  const [added] = await tx
    .insert(secretTextReview)
    .values({
      municipalityId: actor.municipalityId,
      paragraphId: at.paragraph.id,
      field: input.field,
      sourceId: input.sourceId,
      textSha256: input.textSha256,
      reviewedByUserId: actor.userId,
      reviewedBy: actor.label,
    })
    .onConflictDoNothing()
    .returning();
  // Reviewed before: the first review stands, and nothing is written twice.
  if (!added)
    return (await tx.query.secretTextReview.findFirst({
      where: and(
        eq(secretTextReview.field, input.field),
        eq(secretTextReview.sourceId, input.sourceId),
        eq(secretTextReview.textSha256, input.textSha256),
      ),
    }))!;
  await recordAudit(tx, actor, {
    action: "secret_text.reviewed",
    recordType: "paragraph",
    recordId: at.paragraph.id,
    after: added,
  });
  return added;
}
