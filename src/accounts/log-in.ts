import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import type { LoginInput } from "./schemas.js";
import { startSession } from "./sessions.js";
import { appUser, loginThrottle } from "./tables.js";

// A municipal office shares one address among many people: the address limit is looser than the account limit.
const maxFailures = { email: 5, ip: 50 };
const windowMs = 15 * 60 * 1000;
const lockMs = 15 * 60 * 1000;

/** Throws when this key has failed too often lately. */
async function checkThrottle(tx: Tx, key: string, now: Date) {
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (row?.lockedUntil && row.lockedUntil > now) throw new DomainError("login_throttled");
}

async function countFailure(tx: Tx, key: string, now: Date) {
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for("update");
  const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const limit = key.startsWith("ip:") ? maxFailures.ip : maxFailures.email;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + lockMs) : null;
  await tx
    .insert(loginThrottle)
    .values({ key, failures, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil },
    });
}

export type LoginOutcome = { ok: true; token: string; csrfToken: string } | { ok: false; error: DomainError };

/**
 * Checks e-mail and password and starts a session. Failures are counted per account and per client address;
 * after five for an account (fifty for an address) in fifteen minutes, that key is locked for fifteen. The outcome is returned rather than thrown,
 * so that the caller commits the failure count.
 */
export async function logIn(tx: Tx, input: LoginInput, clientAddress: string): Promise<LoginOutcome> {
  const now = new Date();
  const keys = [`email:${input.email.toLowerCase()}`, `ip:${clientAddress}`];
  try {
    for (const key of keys) await checkThrottle(tx, key, now);
  } catch (error) {
    return { ok: false, error: error as DomainError };
  }
  const [user] = await tx.select().from(appUser).where(sql`lower(${appUser.email}) = lower(${input.email})`);
  // An unknown account still costs one verification, so timing does not tell which accounts exist.
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !matches || user.disabledAt) {
    for (const key of keys) await countFailure(tx, key, now);
    return { ok: false, error: new DomainError("login_failed") };
  }
  await tx.delete(loginThrottle).where(eq(loginThrottle.key, keys[0]!));
  return { ok: true, ...(await startSession(tx, user.id)) };
}
