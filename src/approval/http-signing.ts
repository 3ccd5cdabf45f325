import { z } from "@hono/zod-openapi";
import { DomainError } from "../domain/errors.js";
import { builtInSigning, type SigningProvider, type SigningState } from "./signing.js";

// A signing service reached over HTTP (PARAGRAF_SIGNING_URL): the small JSON protocol of ADR 0017, which an
// integrator puts in front of a real service (BankID through a signing service, Sweden Connect's sign service).
//
//   POST {url}              {"subject": "minutes_version:<id>", "hash": "<sha-256 hex>", "signer": {"name": "…"}}
//   GET  {url}/{reference}
//   both answer             {"reference": "…", "status": "pending" | "completed" | "failed",
//                            "signedAt": "<ISO 8601>" (completed), "reason": "…" (failed, in Swedish)}

/** The settings of an HTTP signing service (src/config.ts reads them from the environment). */
export interface HttpSigningSettings {
  url: string;
  /** What the signature records as its method, and the page names ("Väntar på signering hos …"). */
  method: string;
  /** How long one request may take; a signer waiting at the page should not wait longer. */
  timeoutMs: number;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string;
}

const Answer = z.object({
  reference: z.string().min(1).max(500),
  status: z.enum(["pending", "completed", "failed"]),
  signedAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().max(1000).optional(),
});

function stateOf(answer: z.infer<typeof Answer>, reference: string): SigningState {
  if (answer.status === "completed")
    return {
      status: "completed",
      reference,
      signedAt: answer.signedAt ? new Date(answer.signedAt) : new Date(),
    };
  if (answer.status === "failed")
    return { status: "failed", reference, reason: answer.reason || "signeringstjänsten avbröt signeringen" };
  return { status: "pending", reference };
}

/** One request to the service: its answer, or null for no usable answer (unreachable, too slow, not JSON). */
async function ask(settings: HttpSigningSettings, path: string, body?: unknown) {
  try {
    const response = await fetch(`${settings.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: "error",
    });
    const parsed = Answer.safeParse(await response.json());
    if (!parsed.success) return null;
    // A refusal may come with an error status; anything else only with a success.
    if (!response.ok && parsed.data.status !== "failed") return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/**
 * A SigningProvider that asks a signing service over HTTP. Starting without an answer writes nothing: the use case
 * is refused with a Swedish message and its transaction rolls back. Checking without an answer is "still pending",
 * so a service that is down for a while only delays the signature (the time limit ends it in the end).
 */
export function httpSigning(settings: HttpSigningSettings): SigningProvider {
  const url = settings.url.replace(/\/+$/, "");
  const s = { ...settings, url };
  return {
    method: settings.method,
    async start(request) {
      const answer = await ask(s, "", {
        subject: request.subject,
        hash: request.hash,
        signer: { name: request.signer.name },
      });
      if (!answer) throw new DomainError("signing_service_unavailable", { service: settings.method });
      return stateOf(answer, answer.reference);
    },
    async check(reference) {
      const answer = await ask(s, `/${encodeURIComponent(reference)}`);
      return answer ? stateOf(answer, reference) : { status: "pending", reference };
    },
  };
}

/** The process's signing provider: the HTTP signing service when one is configured, else Paragraf's own. */
export function signingProvider(settings: HttpSigningSettings | undefined): SigningProvider {
  return settings ? httpSigning(settings) : builtInSigning;
}
