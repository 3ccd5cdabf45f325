import { type Algorithm, hash, type Options, type Version, verify } from "@node-rs/argon2";

// Argon2id at OWASP's floor (19 MiB, 2 passes, 1 lane), pinned here rather than left to the library's defaults,
// so an upgrade of the library cannot weaken or change new hashes unnoticed. The parameters are written into each
// hash (`$argon2id$v=19$m=19456,t=2,p=1$…`), so a hash made with other parameters still verifies.

/** The numbers of the library's `Algorithm.Argon2id` and `Version.V0x13` (ambient const enums, not importable). */
const argon2id = 2 as Algorithm;
const version19 = 1 as Version;

export const passwordHashing: Options = {
  algorithm: argon2id,
  version: version19,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/** The longest password Paragraf takes: ASVS 4.0.3 V2.1.2 asks that 64 be permitted and more than 128 refused. */
export const maxPasswordLength = 128;

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashing);
}

/** True when the password matches the stored hash; a malformed hash is a mismatch, never an exception. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account is unknown keeps the timing of "no such user" and "wrong password" alike.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("paragraf-timing-equaliser", passwordHashing);
  return dummyHash;
}
