import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { resolveDecisionReference } from "../assignments/resolve-decision-reference.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatKronor } from "../domain/money.js";
import { appendLedgerEntry } from "./ledger.js";
import { scheduleReportReminders } from "./notify.js";
import { parseInput } from "./parse-input.js";
import { lockAppropriation, lockCallOff } from "./queries.js";
import { DecideCallOffInput } from "./schemas.js";
import { callOff } from "./tables.js";

/**
 * Decides a call-off as the deciding body's paragraph does: grant in full, in part, or reject. A grant is a
 * ledger entry that moves the reserve's balance; the reserve's row is locked first, so concurrent grants queue
 * and each sees what the one before it left. A grant also queues the reminders of the reports it will owe.
 */
export async function decideCallOff(tx: Tx, actor: Actor, callOffId: string, raw: DecideCallOffInput) {
  const input = parseInput(DecideCallOffInput, raw);
  const application = await lockCallOff(tx, actor.municipalityId, callOffId);
  if (!application) throw new DomainError("call_off_not_found");
  // The reserve before anything else is written: every grant against it waits here for the one before.
  const reserve = (await lockAppropriation(tx, actor.municipalityId, application.appropriationId))!;
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  if (application.status !== "applied") throw new DomainError("call_off_already_decided");
  const granted =
    input.outcome === "granted"
      ? application.requestedOre
      : input.outcome === "rejected"
        ? 0
        : input.grantedOre!;
  if (granted > application.requestedOre)
    throw new DomainError(
      "granted_above_requested",
      { requested: formatKronor(application.requestedOre) },
      "grantedOre",
    );
  if (input.outcome === "partly_granted" && granted === application.requestedOre)
    throw new DomainError("partial_grant_not_partial", {}, "grantedOre");
  const remaining = reserve.amountOre - reserve.grantedOre;
  if (granted > remaining)
    throw new DomainError(
      "amount_above_remaining",
      { amount: formatKronor(granted), remaining: formatKronor(remaining) },
      input.outcome === "granted" ? "outcome" : "grantedOre",
    );
  const decidedBy = await resolveDecisionReference(tx, actor, input.decidedBy, "decidedBy");
  const [decided] = await tx
    .update(callOff)
    .set({ status: input.outcome, decidedById: decidedBy.id, updatedAt: new Date() })
    .where(eq(callOff.id, application.id))
    .returning();
  if (granted > 0) {
    await appendLedgerEntry(
      tx,
      actor,
      {
        appropriationId: reserve.id,
        callOffId: application.id,
        kind: "granted",
        amountOre: granted,
        bookedOn: input.decidedBy.decidedOn,
        decisionId: decidedBy.id,
      },
      "grantedOre",
    );
    await scheduleReportReminders(tx, actor.municipalityId, decided!);
  }
  await recordAudit(tx, actor, {
    action: "call_off.decided",
    recordType: "call_off",
    recordId: application.id,
    before: application,
    after: { ...decided, grantedOre: granted },
  });
  return { ...decided!, grantedOre: granted };
}
