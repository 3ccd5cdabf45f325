// The columns of the reserves' tables, the same out (CSV, XLSX) and in (import by external id), and the Swedish
// words their coded cells use. Pure.

import type { IndicatorUnit, ReportPeriod, ReportStatus } from "./tables.js";

export const areaColumns = ["externt_id", "namn", "typ"] as const;
export const indicatorColumns = [
  "externt_id",
  "avrop_externt_id",
  "namn",
  "enhet",
  "utgångsvärde",
  "målvärde",
  "källa",
  "vikt",
] as const;
export const reportColumns = [
  "externt_id",
  "avrop_externt_id",
  "år",
  "period",
  "status",
  "använda_medel_kr",
  "berättelse",
  "rapportdatum",
  "indikator_externt_id",
  "värde",
] as const;
export const reserveColumns = [
  "externt_id",
  "år",
  "namn",
  "syfte",
  "organ",
  "beslut",
  "diarienummer",
  "anslaget_kr",
  "beviljat_kr",
  "utbetalt_kr",
  "återstår_kr",
  "processer",
  "teman",
  "målgrupper",
  "framsteg_procent",
  "beräkning",
  "illustrativt",
] as const;
export const callOffColumns = [
  "externt_id",
  "reserv_externt_id",
  "diarienummer",
  "rubrik",
  "nämnd",
  "tema",
  "målgrupp",
  "områden",
  "process",
  "beskrivning",
  "ansökt",
  "start",
  "slut",
  "sökt_kr",
  "status",
  "beslut",
  "beviljat_kr",
  "återfört_kr",
  "utbetalt_kr",
  "framsteg_procent",
  "illustrativt",
] as const;

export const progressMethodWords = { weighted: "vägt med beviljat belopp", average: "medelvärde" } as const;

export const areaKindWords = {
  district: "stadsområde",
  neighbourhood: "delområde",
  city: "hela staden",
} as const;
export const unitWords: Record<IndicatorUnit, string> = {
  percent: "procent",
  people: "personer",
  count: "antal",
};
export const periodWords: Record<ReportPeriod, string> = { interim: "delårsrapport", annual: "årsanalys" };
export const statusWords: Record<ReportStatus, string> = {
  on_track: "enligt plan",
  at_risk: "risk för avvikelse",
  off_track: "avviker",
  completed: "avslutad",
};
export const callOffStatusWords = {
  applied: "ansökt",
  granted: "beviljat",
  partly_granted: "delvis beviljat",
  rejected: "avslaget",
  withdrawn: "återkallat",
} as const;

/** The code of a Swedish word in a table of words, case and spacing forgiven; null when it is none of them. */
export function codeOf<K extends string>(words: Record<K, string>, text: string): K | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [code, word] of Object.entries(words) as [K, string][])
    if (word === t || code === t) return code;
  return null;
}

/** "ja"/"nej" (or empty, which is "nej") as a boolean; null for anything else. */
export function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === "ja" || t === "true") return true;
  if (t === "" || t === "nej" || t === "false") return false;
  return null;
}

/**
 * A decision's code as the export writes it ("KF 260122 § 8", "Kulturnämnden 250617", or with the date written
 * out: "KS 2026-03-15 § 112") as the body's name or short name, the day and the paragraph; null if it is not one.
 */
export function parseDecisionCode(
  text: string,
): { body: string; decidedOn: string; paragraphNumber: number | null } | null {
  const m = /^(.+?)\s+(\d{6}|\d{4}-\d{2}-\d{2})(?:\s*§\s*(\d{1,5}))?$/.exec(text.trim());
  if (!m) return null;
  const day = m[2]!.length === 6 ? `20${m[2]!.slice(0, 2)}-${m[2]!.slice(2, 4)}-${m[2]!.slice(4, 6)}` : m[2]!;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) return null;
  return { body: m[1]!, decidedOn: day, paragraphNumber: m[3] ? Number(m[3]) : null };
}

/** Öre as a spreadsheet's number of kronor: exact, since öre are whole. */
export function kronorCell(ore: number): number {
  return ore / 100;
}
