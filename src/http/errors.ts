import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { DomainError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";
import type { FieldError } from "./validation.js";

type Message = { status: ContentfulStatusCode; text: (d: Record<string, unknown>) => string };

const what: Record<string, string> = {
  body: "Organet",
  party: "Partiet",
  person: "Personen",
  membership: "Uppdraget",
  official: "Tjänstepersonen",
  user: "Kontot",
  page: "Sidan",
};

/** Every domain error code, with its HTTP status and what a person is told, in Swedish. */
export const errorMessages: Record<string, Message> = {
  not_found: { status: 404, text: (d) => `${what[String(d.what)] ?? "Det du söker"} finns inte.` },
  unauthenticated: { status: 401, text: () => "Du måste logga in för att göra detta." },
  forbidden: { status: 403, text: () => "Du har inte behörighet att göra detta." },
  csrf_failed: { status: 403, text: () => "Formuläret hade gått ut. Ladda om sidan och försök igen." },
  unsupported_media_type: {
    status: 415,
    text: () => "API:et tar emot JSON (Content-Type: application/json).",
  },
  invalid_input: { status: 400, text: () => "Uppgifterna är inte kompletta. Rätta de markerade fälten." },
  login_failed: { status: 401, text: () => "Fel e-postadress eller lösenord." },
  login_throttled: {
    status: 429,
    text: (d) =>
      `För många misslyckade inloggningar. Vänta ${waitText(Number(d.seconds ?? 60))} och försök igen.`,
  },
  email_taken: { status: 409, text: () => "Det finns redan ett konto med den e-postadressen." },
  municipality_exists: { status: 409, text: (d) => `Kommunen ${d.slug} finns redan.` },
  slug_taken: { status: 409, text: (d) => `Adressen /organ/${d.slug} används redan av ett annat organ.` },
  slug_empty: { status: 400, text: () => "Namnet måste innehålla bokstäver eller siffror." },
  parent_not_found: { status: 400, text: () => "Det överordnade organet finns inte." },
  parent_cycle: { status: 400, text: () => "Ett organ kan inte ligga under sig självt." },
  body_has_children: {
    status: 409,
    text: (d) => `Organet har ${d.count} underordnade organ. Flytta eller ta bort dem först.`,
  },
  body_not_found: { status: 400, text: () => "Organet finns inte." },
  party_not_found: { status: 400, text: () => "Partiet finns inte." },
  person_not_found: { status: 400, text: () => "Personen finns inte." },
  abbreviation_taken: {
    status: 409,
    text: (d) => `Det finns redan ett parti med förkortningen ${d.abbreviation}.`,
  },
  term_ends_before_start: { status: 400, text: () => "Uppdraget kan inte sluta innan det börjar." },
  official_needs_administration: {
    status: 400,
    text: () => "En tjänsteperson hör till en förvaltning, avdelning eller enhet.",
  },
};

/** "1 sekund", "30 sekunder", "2 minuter": how long to wait, as a person says it. */
function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 sekund" : `${seconds} sekunder`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minut" : `${minutes} minuter`;
}

/** Registers more codes; each capability adds its own. */
export function defineErrors(more: Record<string, Message>): void {
  for (const [code, message] of Object.entries(more)) {
    if (errorMessages[code]) throw new Error(`Error code ${code} defined twice`);
    errorMessages[code] = message;
  }
}

export function describeError(error: DomainError): { status: ContentfulStatusCode; message: string } {
  const entry = errorMessages[error.code];
  if (!entry) return { status: 400, message: "Åtgärden kunde inte genomföras." };
  return { status: entry.status, message: entry.text(error.details) };
}

/** RFC 9457 problem details, in Swedish. */
export function problem(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  errors?: FieldError[],
) {
  return c.json(
    {
      type: `about:blank#${code}`,
      title: detail,
      status,
      code,
      detail,
      requestId: c.get("requestId"),
      errors,
    },
    status,
    { "Content-Type": "application/problem+json; charset=utf-8" },
  );
}

export function domainProblem(c: Context<AppEnv>, error: DomainError) {
  const { status, message } = describeError(error);
  const errors = error.field ? [{ field: error.field, message }] : undefined;
  return problem(c, status, error.code, message, errors);
}
