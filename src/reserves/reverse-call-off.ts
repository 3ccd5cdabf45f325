import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { resolveDecisionReference } from "../assignments/resolve-decision-reference.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatKronor } from "../domain/money.js";
import { appendLedgerEntry } from "./ledger.js";
import { parseInput } from "./parse-input.js";
import { lockAppropriation, lockCallOff } from "./queries.js";
import { ReversalInput } from "./schemas.js";
import { callOff } from "./tables.js";

// Should the check below ever be bypassed, the database's CHECKs refuse the entry; these are their messages.
const reversalConstraints: Record<string, string> = {
  call_off_granted_within_requested: "reversal_above_granted",
  appropriation_balance_not_negative: "reversal_above_granted",
  call_off_paid_within_granted: "reversal_below_paid",
  appropriation_paid_within_granted: "reversal_below_paid",
};
const correctionConstraints: Record<string, string> = {
  call_off_paid_within_granted: "correction_above_paid",
  appropriation_paid_within_granted: "correction_above_paid",
};

/**
 * Reduces or withdraws a call-off's grant, or corrects (reduces) what was paid out, as a decision by the deciding
 * body's paragraph says. Never an edit: a new ledger entry whose trigger moves the sums back, so a reduced grant
 * returns its money to the reserve. Locks the call-off, then the reserve, in the order decisions and payments do.
 */
export async function reverseCallOff(tx: Tx, actor: Actor, callOffId: string, raw: ReversalInput) {
  const input = parseInput(ReversalInput, raw);
  const grant = await lockCallOff(tx, actor.municipalityId, callOffId);
  if (!grant) throw new DomainError("call_off_not_found");
  const reserve = (await lockAppropriation(tx, actor.municipalityId, grant.appropriationId))!;
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  const amount = formatKronor(input.amountOre);
  if (input.kind === "grant") {
    if (grant.grantedOre === 0) throw new DomainError("reversal_nothing_granted", {}, "amountOre");
    if (input.amountOre > grant.grantedOre)
      throw new DomainError(
        "reversal_above_granted",
        { amount, granted: formatKronor(grant.grantedOre) },
        "amountOre",
      );
    if (grant.grantedOre - input.amountOre < grant.paidOre)
      throw new DomainError(
        "reversal_below_paid",
        { paid: formatKronor(grant.paidOre), left: formatKronor(grant.grantedOre - input.amountOre) },
        "amountOre",
      );
  } else if (input.amountOre > grant.paidOre)
    throw new DomainError(
      "correction_above_paid",
      { amount, paid: formatKronor(grant.paidOre) },
      "amountOre",
    );
  const decidedBy = await resolveDecisionReference(tx, actor, input.decidedBy, "decidedBy");
  const entry = await appendLedgerEntry(
    tx,
    actor,
    {
      appropriationId: reserve.id,
      callOffId: grant.id,
      kind: input.kind === "grant" ? "grant_reversed" : "payment_reversed",
      amountOre: input.amountOre,
      bookedOn: input.decidedBy.decidedOn,
      decisionId: decidedBy.id,
      note: input.reason,
    },
    "amountOre",
    input.kind === "grant" ? reversalConstraints : correctionConstraints,
  );
  let after = grant;
  if (input.kind === "grant") {
    const [updated] = await tx
      .update(callOff)
      .set({
        status: grant.grantedOre === input.amountOre ? "withdrawn" : "partly_granted",
        updatedAt: new Date(),
      })
      .where(eq(callOff.id, grant.id))
      .returning();
    after = updated!;
  }
  await recordAudit(tx, actor, {
    action: input.kind === "grant" ? "call_off.grant_reversed" : "call_off.payment_corrected",
    recordType: "ledger_entry",
    recordId: entry.id,
    before: grant,
    after: { entry, callOff: after },
  });
  return entry;
}
