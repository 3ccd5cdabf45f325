import { joinAnd } from "../domain/swedish.js";
import type { PositionKind } from "./tables.js";

// The wording of reservations and special statements as Swedish decision bases print them, rendered from data.

export interface PositionView {
  kind: PositionKind;
  /** Party abbreviations; more than one is a joint position, "(M+C)". */
  parties: string[];
}

const label: Record<PositionKind, string> = {
  reservation: "reservation",
  special_statement: "särskilt yttrande",
};
const order: PositionKind[] = ["reservation", "special_statement"];

function groups(positions: PositionView[]) {
  return order
    .map((kind) => ({
      kind,
      parties: positions.filter((p) => p.kind === kind).map((p) => `(${p.parties.join("+")})`),
    }))
    .filter((g) => g.parties.length > 0)
    .map((g) => `${label[g.kind]} ${joinAnd(g.parties)}`);
}

/** One line per kind, as under "Remissinstansernas yttranden": ["Reservation (M) och (SD)"]. */
export function positionLines(positions: PositionView[]): string[] {
  return groups(positions).map((g) => g.charAt(0).toUpperCase() + g.slice(1));
}

/** The tail of a decision's line in a decision basis: "med reservation (SD) och särskilt yttrande (M+C)". */
export function positionPhrase(positions: PositionView[]): string {
  const g = groups(positions);
  return g.length === 0 ? "" : `med ${joinAnd(g)}`;
}

/** Per-consultee status as people read it; "overdue" is sent and unanswered after the deadline. */
export type ConsulteeState = "pending" | "sent" | "answered" | "declined" | "overdue";

export function consulteeState(status: string, deadline: string, today: string): ConsulteeState {
  if (status === "sent" && deadline < today) return "overdue";
  return status as ConsulteeState;
}

export const stateLabel: Record<ConsulteeState, string> = {
  pending: "Ej skickad",
  sent: "Skickad",
  answered: "Svarat",
  declined: "Avböjt",
  overdue: "Försenad",
};

/**
 * The list "Remissinstansernas yttranden" of an official report: every consultee that answered, with the
 * reservations and special statements made where it decided its answer.
 */
export function respondentList(
  consultees: { name: string; state: ConsulteeState; positionLines: string[] }[],
): { name: string; lines: string[] }[] {
  return consultees
    .filter((c) => c.state === "answered")
    .map((c) => ({ name: c.name, lines: c.positionLines }));
}

/** A consultee's name as the register and the overview print it: its body's name, or the organisation's. */
export function consulteeName(r: { c: { organisationName: string | null }; bodyName: string | null }) {
  return r.bodyName ?? r.c.organisationName ?? "";
}
