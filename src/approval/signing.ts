// How a signature is made. Signing is asynchronous in general: a qualified e-signature service (BankID through a
// signing service, Sweden Connect's sign service, a DSS server) is started, the signer acts elsewhere, and the
// result comes back later. Paragraf's use cases speak only this interface; the minutes (src/approval) and, later,
// signed official reports (src/documents) use the same providers.

/** What is to be signed: a document's SHA-256 and who is to sign it. */
export interface SigningRequest {
  /** What the signature is about, for the provider's own records ("minutes_version:<id>"). */
  subject: string;
  /** The SHA-256 (hex) of the canonical content being signed. */
  hash: string;
  signer: {
    /** The signer's account, when signing as a logged-in user. */
    userId: string | null;
    name: string;
  };
}

/** Where a signing transaction stands. */
export type SigningState =
  | { status: "pending"; reference: string }
  | { status: "completed"; reference: string; signedAt: Date }
  | { status: "failed"; reference: string; reason: string };

/**
 * A way of signing: start a transaction for a hash, then ask how it stands until it is completed or failed. A
 * provider that signs at once answers `completed` from start; one that waits for the signer answers `pending` and
 * later `completed` or `failed` from check.
 */
export interface SigningProvider {
  /** The method recorded on each signature ("builtin", "bankid", …). */
  readonly method: string;
  start(request: SigningRequest): Promise<SigningState>;
  check(reference: string): Promise<SigningState>;
}

/**
 * Paragraf's own provider: the logged-in user signs by acting, and the signature records the account, the time
 * and the hash. Not a qualified electronic signature; a service that gives one plugs in through the same interface.
 */
export const builtInSigning: SigningProvider = {
  method: "builtin",
  async start(request) {
    return {
      status: "completed",
      reference: `${request.subject}:${request.signer.userId ?? "system"}`,
      signedAt: new Date(),
    };
  },
  async check(reference) {
    return { status: "completed", reference, signedAt: new Date() };
  },
};

/**
 * How long a signing may wait for its signer. A qualified e-signature service gives up within minutes (BankID's
 * order lives three); after this long the signing is recorded as failed, so the signer can start again instead of
 * meeting "already pending" for ever.
 */
export const signingTimeLimitMinutes = 30;

/** The reason recorded on a signing that waited past the time limit. */
export const signingTimedOutReason = `Ingen signatur kom inom ${signingTimeLimitMinutes} minuter, så signeringen avbröts. Signera igen.`;

/** True when a signing started at startedAt has waited past the time limit at now. */
export function signingTimedOut(startedAt: Date, now: Date): boolean {
  return now.getTime() - startedAt.getTime() >= signingTimeLimitMinutes * 60_000;
}

/**
 * When the collection numbered `poll` (0 for the first) of a pending signing runs: after 5, 10, 20 and 40 seconds,
 * then every minute, and once exactly at the time limit so that a signing nobody signs fails on time.
 */
export function collectionAt(startedAt: Date, poll: number, now: Date): Date {
  const next = now.getTime() + Math.min(5 * 2 ** poll, 60) * 1000;
  const limit = startedAt.getTime() + signingTimeLimitMinutes * 60_000;
  return new Date(limit > now.getTime() ? Math.min(next, limit) : next);
}
