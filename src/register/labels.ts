import type { CaseStatus, RecordDirection, RecordType } from "./tables.js";

// The diarium's words as people read them.

export const directionLabel: Record<RecordDirection, string> = {
  incoming: "Inkommande",
  drawn_up: "Upprättad",
  outgoing: "Utgående",
};

export const recordTypeLabel: Record<RecordType, string> = {
  official_report: "Tjänsteskrivelse",
  consultation_response: "Remissvar",
  decision: "Beslut/protokollsutdrag",
  special_statement: "Särskilt yttrande",
  reservation: "Reservation",
  attachment: "Bilaga",
  letter: "Skrivelse",
  other: "Övrigt",
};

export const statusLabel: Record<CaseStatus, string> = { open: "Pågående", closed: "Avslutat" };

export const sortLabel = {
  relevance: "Relevans",
  newest: "Nyast först",
  oldest: "Äldst först",
  number: "Diarienummer",
} as const;

/** Swedish file size: 1,2 MB, 340 kB. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
