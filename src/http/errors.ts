import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { earliestDay, latestDay } from "../domain/dates-range.js";
import { DomainError } from "../domain/errors.js";
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
  // Refusals of hostile or broken input (src/http/hostile-input.ts), before any capability sees it.
  request_too_large: {
    status: 413,
    text: (d) => `Begäran är för stor. Största tillåtna storlek är ${d.limit}.`,
  },
  unreadable_body: {
    status: 400,
    text: () => "Begäran kunde inte läsas (ogiltig JSON eller formulärdata).",
  },
  malformed_address: {
    status: 400,
    text: () => "Adressen kunde inte läsas: den innehåller en felaktig procentkodning (%).",
  },
  forbidden_character: {
    status: 400,
    text: () =>
      "Texten innehåller ett tecken som inte kan sparas (ett nolltecken eller ett ensamt surrogattecken). Ta bort det och försök igen.",
  },
  date_out_of_range: {
    status: 400,
    text: () => `Datumet måste ligga mellan ${earliestDay} och ${latestDay}.`,
  },
  // What PostgreSQL refused in a value that could only have come from the request (see databaseInputError).
  date_not_accepted: {
    status: 400,
    text: () =>
      `Ett datum eller en tidpunkt är ogiltig. Ange ett datum mellan ${earliestDay} och ${latestDay}.`,
  },
  number_out_of_range: { status: 400, text: () => "Ett tal är för stort eller för litet." },
  value_not_accepted: { status: 400, text: () => "Ett värde har fel form." },
  text_not_accepted: {
    status: 400,
    text: () => "En text innehåller tecken som inte kan sparas eller är för lång.",
  },
};

/** "1 sekund", "30 sekunder", "2 minuter": how long to wait, as a person says it. */
function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 sekund" : `${seconds} sekunder`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minut" : `${minutes} minuter`;
}

// SQLSTATEs that only a value from outside can cause, once the code is right: PostgreSQL's own input checks.
const databaseInputCodes: Record<string, string> = {
  "22007": "date_not_accepted", // invalid_datetime_format
  "22008": "date_not_accepted", // datetime_field_overflow (0000-01-01, 2026-02-30)
  "22003": "number_out_of_range", // numeric_value_out_of_range (an int column given 2^40)
  "22P02": "value_not_accepted", // invalid_text_representation ('abc'::uuid, 'x'::int)
  "22P05": "text_not_accepted", // untranslatable_character
  "22021": "text_not_accepted", // character_not_in_repertoire (NUL, broken UTF-8)
  "22001": "text_not_accepted", // string_data_right_truncation (varchar(n))
  "54000": "text_not_accepted", // program_limit_exceeded (a text too long for its index or tsvector)
  PF001: "minutes_approved_locked", // migration 0013's trigger: a change to approved minutes' proceedings
};

/**
 * The domain error for a database error that rejects a value from the request, or null for any other error.
 * Drizzle wraps the driver's error (pg and PGlite alike) and keeps it as `cause`, which carries the SQLSTATE as
 * `code`; a query run on the driver directly throws it unwrapped.
 */
export function databaseInputError(error: unknown): DomainError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && "severity" in current) {
      const mapped = databaseInputCodes[code];
      return mapped ? new DomainError(mapped, { sqlState: code }) : null;
    }
    current = current.cause;
  }
  return null;
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
