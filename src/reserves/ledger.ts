import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { type LedgerKind, ledgerEntry } from "./tables.js";

// PostgreSQL's names for the CHECKs that keep the balance; the code checks first, under the reserve's row lock,
// so these fire only if that check is ever wrong or bypassed. Then the refusal is a domain error, not a crash.
const balanceConstraints: Record<string, string> = {
  appropriation_balance_not_negative: "amount_above_remaining",
  call_off_granted_within_requested: "granted_above_requested",
  appropriation_paid_within_granted: "payment_above_granted",
  call_off_paid_within_granted: "payment_above_granted",
};

function constraintOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const c = current as { code?: string; constraint?: string };
    if (c.code === "23514" && c.constraint) return c.constraint;
    current = current.cause;
  }
  return null;
}

/**
 * Appends one movement of money to the ledger. The database's trigger moves the reserve's and the call-off's
 * sums in the same statement, and their CHECKs refuse a balance below zero.
 */
export async function appendLedgerEntry(
  tx: Tx,
  actor: Actor,
  entry: {
    appropriationId: string;
    callOffId: string;
    kind: Exclude<LedgerKind, "appropriated">;
    amountOre: number;
    bookedOn: string;
    decisionId?: string | null;
    note?: string | null;
  },
  field: string,
  codes: Record<string, string> = balanceConstraints,
) {
  try {
    const [row] = await tx
      .insert(ledgerEntry)
      .values({ municipalityId: actor.municipalityId, ...entry })
      .returning();
    return row!;
  } catch (error) {
    const constraint = constraintOf(error);
    const code = constraint ? codes[constraint] : undefined;
    if (code)
      throw new DomainError(
        code,
        {
          amount: "beloppet",
          remaining: "det som återstår",
          left: "det som återstår",
          requested: "det sökta",
          granted: "det beviljade",
          paid: "det utbetalda",
        },
        field,
      );
    throw error;
  }
}
