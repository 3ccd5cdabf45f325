import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatKronor } from "../domain/money.js";
import { appendLedgerEntry } from "./ledger.js";
import { parseInput } from "./parse-input.js";
import { lockAppropriation, lockCallOff } from "./queries.js";
import { PaymentInput } from "./schemas.js";

/** Records a payment (utbetalning) against a call-off's grant: a ledger entry, never more than is left of it. */
export async function recordPayment(tx: Tx, actor: Actor, callOffId: string, raw: PaymentInput) {
  const input = parseInput(PaymentInput, raw);
  const grant = await lockCallOff(tx, actor.municipalityId, callOffId);
  if (!grant) throw new DomainError("call_off_not_found");
  const reserve = (await lockAppropriation(tx, actor.municipalityId, grant.appropriationId))!;
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  if (grant.grantedOre === 0) throw new DomainError("payment_not_granted", {}, "amountOre");
  const left = grant.grantedOre - grant.paidOre;
  if (input.amountOre > left)
    throw new DomainError(
      "payment_above_granted",
      { amount: formatKronor(input.amountOre), left: formatKronor(left) },
      "amountOre",
    );
  const entry = await appendLedgerEntry(
    tx,
    actor,
    {
      appropriationId: reserve.id,
      callOffId: grant.id,
      kind: "paid",
      amountOre: input.amountOre,
      bookedOn: input.paidOn,
      decisionId: grant.decidedById,
      note: input.note ?? null,
    },
    "amountOre",
  );
  await recordAudit(tx, actor, {
    action: "call_off.paid",
    recordType: "ledger_entry",
    recordId: entry.id,
    after: entry,
  });
  return entry;
}
