import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { writtenInTime } from "../domain/law/participation.js";
import { momentOf, paragraphForWrite } from "./guards.js";
import type { WrittenTextInput } from "./schemas.js";
import { statement } from "./tables.js";

/** Records the written text of a statement, handed in before the time set for approval (L9, local practice as L8). */
export async function submitStatementText(
  tx: Tx,
  actor: Actor,
  statementId: string,
  input: WrittenTextInput,
) {
  const before = await tx.query.statement.findFirst({ where: eq(statement.id, statementId) });
  if (!before) throw new DomainError("statement_not_found");
  const { meeting: m } = await paragraphForWrite(tx, actor, before.paragraphId);
  const at = momentOf(input.submittedAt);
  if (!writtenInTime(at, m.approvalAt)) throw new DomainError("written_after_approval", {}, "text");
  const [after] = await tx
    .update(statement)
    .set({ text: input.text, submittedAt: at })
    .where(eq(statement.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "statement.submitted",
    recordType: "paragraph",
    recordId: before.paragraphId,
    before,
    after,
  });
  return after!;
}
