import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { writtenInTime } from "../domain/law/participation.js";
import { momentOf, paragraphForWrite } from "./guards.js";
import type { WrittenTextInput } from "./schemas.js";
import { reservation } from "./tables.js";

/** Records the written justification of a reservation, handed in before the time set for approval (L8). KL 4 kap. 27 § (check) */
export async function submitReservationText(
  tx: Tx,
  actor: Actor,
  reservationId: string,
  input: WrittenTextInput,
) {
  const before = await tx.query.reservation.findFirst({ where: eq(reservation.id, reservationId) });
  if (!before) throw new DomainError("reservation_not_found");
  const { meeting: m } = await paragraphForWrite(tx, actor, before.paragraphId);
  const at = momentOf(input.submittedAt);
  if (!writtenInTime(at, m.approvalAt)) throw new DomainError("written_after_approval", {}, "text");
  const [after] = await tx
    .update(reservation)
    .set({ justification: input.text, justificationSubmittedAt: at })
    .where(eq(reservation.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "reservation.justified",
    recordType: "paragraph",
    recordId: before.paragraphId,
    before,
    after,
  });
  return after!;
}
