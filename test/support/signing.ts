import type { SigningProvider, SigningState } from "../../src/approval/signing.js";

/**
 * A signing provider that completes asynchronously, as a qualified e-signature service does: start answers
 * pending, and check answers pending until the test says the signer has signed (or failed).
 */
export function asyncSigning() {
  const states = new Map<string, SigningState>();
  let n = 0;
  const provider: SigningProvider = {
    method: "test-async",
    async start(request) {
      const reference = `test-${++n}-${request.hash.slice(0, 8)}`;
      await new Promise((resolve) => setTimeout(resolve, 1));
      states.set(reference, { status: "pending", reference });
      return { status: "pending", reference };
    },
    async check(reference) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return states.get(reference) ?? { status: "failed", reference, reason: "okänd signering" };
    },
  };
  return {
    provider,
    complete(reference: string, signedAt = new Date()) {
      states.set(reference, { status: "completed", reference, signedAt });
    },
    fail(reference: string, reason: string) {
      states.set(reference, { status: "failed", reference, reason });
    },
  };
}
