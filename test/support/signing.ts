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

/** One request the stand-in signing service received. */
export interface ServiceRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

/**
 * A signing service on 127.0.0.1 that speaks ADR 0017's JSON protocol, as an integrator's adapter in front of
 * BankID would: POST answers pending with a new reference, and GET answers pending until the test says the signer
 * has signed (complete) or not (fail). `down` makes every request hang up without an answer.
 */
export async function startSigningService() {
  const { createServer } = await import("node:http");
  const states = new Map<string, { status: string; signedAt?: string; reason?: string }>();
  const requests: ServiceRequest[] = [];
  let n = 0;
  let down = false;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      if (down) {
        req.socket.destroy();
        return;
      }
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method!, path: req.url!, body, authorization: req.headers.authorization });
      const answer = (code: number, value: unknown) => {
        res.writeHead(code, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.method === "POST" && req.url === "/sign") {
        const reference = `ref-${++n}`;
        states.set(reference, { status: "pending" });
        return answer(202, { reference, status: "pending" });
      }
      const reference = decodeURIComponent(req.url!.replace(/^\/sign\//, ""));
      const state = states.get(reference);
      if (req.method === "GET" && state) return answer(200, { reference, ...state });
      return answer(404, { error: "okänd signering" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/sign`,
    requests,
    /** The references started so far, oldest first. */
    references: () => [...states.keys()],
    complete(reference: string, signedAt: Date) {
      states.set(reference, { status: "completed", signedAt: signedAt.toISOString() });
    },
    fail(reference: string, reason: string) {
      states.set(reference, { status: "failed", reason });
    },
    setDown(value: boolean) {
      down = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
