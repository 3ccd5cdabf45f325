import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import type { LoginInput } from "./schemas.js";
import { startSession } from "./sessions.js";
import { appUser, loginThrottle } from "./tables.js";

type Scope = "pair" | "account" | "address";

/**
 * How many failures each key may have before attempts must wait, and the longest wait. The pair (one account from
 * one address) is the attacker's own channel and may be slowed a long way. The account and the address are shared
 * with people who did nothing wrong — the rightful user elsewhere, colleagues behind one office address — so their
 * waits stay short: they slow a spread-out attack without locking anyone out.
 */
export const throttleRules: Record<Scope, { free: number; capSeconds: number }> = {
  pair: { free: 5, capSeconds: 15 * 60 },
  account: { free: 20, capSeconds: 60 },
  address: { free: 50, capSeconds: 60 },
};
/** A key's count starts over after this long without a failure. */
const forgetAfterMs = 60 * 60 * 1000;
/** A pair that logged in successfully this recently is not held back by its account's or address's delay. */
const knownForMs = 90 * 24 * 60 * 60 * 1000;

/** Seconds the next attempt must wait after a key's n-th failure: none within the free ones, then 2, 4, 8 … */
export function delaySeconds(scope: Scope, failures: number): number {
  const rule = throttleRules[scope];
  if (failures < rule.free) return 0;
  return Math.min(rule.capSeconds, 2 ** (failures - rule.free + 1));
}

function throttleKeys(email: string, address: string): Record<Scope, string> {
  const account = email.toLowerCase();
  const where = address.slice(0, 100);
  return { pair: `pair:${account} ${where}`, account: `account:${account}`, address: `address:${where}` };
}

/**
 * Counts this attempt as a failure in advance, unless a key says wait; then returns the seconds to wait and
 * counts nothing. The three rows are locked in one short transaction, so concurrent attempts queue for them and
 * no more get through than the rules allow; the lock is released before the (costly) password check.
 * Two statements when the attempt must wait, five when it may go on.
 */
async function claimAttempt(tx: Tx, keys: Record<Scope, string>, now: Date): Promise<number> {
  // One statement creates the missing rows and locks all three, in key order so that attempts cannot deadlock; the
  // no-op update takes the row lock (a plain SELECT … FOR UPDATE afterwards could miss a row forgetOldAttempts
  // deleted in between).
  const rows = await tx
    .insert(loginThrottle)
    .values(
      Object.values(keys)
        .sort()
        .map((key) => ({ key })),
    )
    .onConflictDoUpdate({ target: loginThrottle.key, set: { key: sql`excluded.key` } })
    .returning();
  const pair = rows.find((r) => r.key === keys.pair);
  const known = pair?.succeededAt && now.getTime() - pair.succeededAt.getTime() < knownForMs;
  const binding = known ? rows.filter((r) => r.key === keys.pair) : rows;
  const waitMs = Math.max(
    0,
    ...binding.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)),
  );
  if (waitMs > 0) return Math.ceil(waitMs / 1000);
  for (const [scope, key] of Object.entries(keys) as [Scope, string][]) {
    const row = rows.find((r) => r.key === key);
    const fresh = !row?.lastFailureAt || now.getTime() - row.lastFailureAt.getTime() > forgetAfterMs;
    const failures = (fresh ? 0 : row.failures) + 1;
    const delay = delaySeconds(scope, failures);
    await tx
      .update(loginThrottle)
      .set({
        failures,
        lastFailureAt: now,
        blockedUntil: delay ? new Date(now.getTime() + delay * 1000) : null,
      })
      .where(eq(loginThrottle.key, key));
  }
  return 0;
}

/** The attempt succeeded: the pair starts over and becomes known; the shared keys take back the advance count. */
async function recordSuccess(tx: Tx, keys: Record<Scope, string>, now: Date) {
  await tx
    .update(loginThrottle)
    .set({ failures: 0, blockedUntil: null, succeededAt: now })
    .where(eq(loginThrottle.key, keys.pair));
  await tx
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(inArray(loginThrottle.key, [keys.account, keys.address]));
}

/** Deletes rows that no longer hold anything back: no failure within the hour and no recent success. */
export async function forgetOldAttempts(db: Db | Tx, now: Date) {
  const failuresBefore = new Date(now.getTime() - forgetAfterMs);
  const successBefore = new Date(now.getTime() - knownForMs);
  await db
    .delete(loginThrottle)
    .where(
      and(
        or(isNull(loginThrottle.lastFailureAt), lt(loginThrottle.lastFailureAt, failuresBefore)),
        or(isNull(loginThrottle.succeededAt), lt(loginThrottle.succeededAt, successBefore)),
      ),
    );
}

export type LoginOutcome =
  | { ok: true; token: string; csrfToken: string }
  | { ok: false; error: DomainError; retryAfterSeconds?: number };

/**
 * Checks e-mail and password and starts a session. Attempts are counted per account, per client address and per
 * pair of both (see throttleRules); an attempt that must wait is refused before its password is checked, with the
 * seconds to wait. Runs its own short transactions, so that the count is committed before the password check
 * and whatever its outcome.
 */
export async function logIn(
  db: Db,
  input: LoginInput,
  clientAddress: string,
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const keys = throttleKeys(input.email, clientAddress);
  const wait = await inTransaction(db, (tx) => claimAttempt(tx, keys, now));
  if (wait > 0)
    return {
      ok: false,
      error: new DomainError("login_throttled", { seconds: wait }),
      retryAfterSeconds: wait,
    };
  // Now and then, clear out rows that have run their course; the table holds only the last hour's traffic.
  if (Math.random() < 0.01) await forgetOldAttempts(db, now);
  const [user] = await db.select().from(appUser).where(sql`lower(${appUser.email}) = lower(${input.email})`);
  // An unknown account still costs one verification, so timing does not tell which accounts exist.
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !matches || user.disabledAt) return { ok: false, error: new DomainError("login_failed") };
  return inTransaction(db, async (tx) => {
    await recordSuccess(tx, keys, now);
    return { ok: true, ...(await startSession(tx, user.id)) };
  });
}
