import { genitive, inRunningText, joinAnd } from "../domain/swedish.js";
import type { BallotChoice, Capacity, MotionKind, StatementKind } from "./tables.js";

// The Swedish sentences of minutes, made from data. Nothing here reads the database; present.ts feeds it.

/** "Katrin Stjernfeldt Jammeh (S)". */
export function personLabel(p: { name: string; partyAbbreviation?: string | null }): string {
  return p.partyAbbreviation ? `${p.name} (${p.partyAbbreviation})` : p.name;
}

/** A body's name as the owner of something, in running text: "Kommunstyrelsen" → "kommunstyrelsens". */
export function ownerInText(name: string): string {
  return genitive(inRunningText(name));
}

/** Whose minutes: "fullmäktiges" for the council, otherwise the body's genitive. */
export function minutesOwner(b: { kind: string; name: string }): string {
  return b.kind === "council" ? "fullmäktiges" : ownerInText(b.name);
}

/**
 * What a decision carries with it: "med reservation (SD) och särskilt yttrande (M+C)", "med särskilt yttrande
 * (M+C) och (SD)". Reservations are grouped per party; each special statement shows its parties joined by "+".
 */
export function attribution(reservationParties: string[], statementGroups: string[][]): string {
  const parts: string[] = [];
  const parties = [...new Set(reservationParties)];
  if (parties.length > 0) parts.push(`reservation ${joinAnd(parties.map((p) => `(${p})`))}`);
  if (statementGroups.length > 0)
    parts.push(`särskilt yttrande ${joinAnd(statementGroups.map((g) => `(${g.join("+")})`))}`);
  return parts.length > 0 ? `med ${parts.join(" och ")}` : "";
}

/** What a motion asks for, as the object of "yrkar …" and of a question put. */
export function motionObject(kind: MotionKind, text: string | null, proposal: string): string {
  switch (kind) {
    case "approve":
      return text ? `bifall till ${text}` : `bifall till ${proposal}`;
    case "reject":
      return text ? `avslag på ${text}` : `avslag på ${proposal}`;
    case "amend":
      return `ändring: ${text}`;
    case "add":
      return `tillägg: ${text}`;
    case "refer_back":
      return text ? `återremiss med motiveringen: ${text}` : "återremiss";
    case "table":
      return text ? `bordläggning med motiveringen: ${text}` : "bordläggning";
  }
}

/** "Katrin Stjernfeldt Jammeh (S) och Roko Kursar (L) yrkar bifall till kommunstyrelsens förslag." */
export function motionSentence(
  movers: string[],
  supporters: string[],
  kind: MotionKind,
  text: string | null,
  proposal: string,
): string {
  const object = motionObject(kind, text, proposal).replace(/[.:]$/, "");
  const main = `${joinAnd(movers)} yrkar ${object}.`;
  return supporters.length > 0 ? `${main} ${joinAnd(supporters)} instämmer i yrkandet.` : main;
}

/** What a motion is called when it is put: "kommunstyrelsens förslag", "återremissyrkandet från Ledamot 2 (M)". */
export function motionName(movers: string[], kind: MotionKind, proposal: string): string {
  if (kind === "approve") return proposal;
  const noun: Record<MotionKind, string> = {
    approve: "bifallsyrkandet",
    reject: "avslagsyrkandet",
    amend: "ändringsyrkandet",
    add: "tilläggsyrkandet",
    refer_back: "återremissyrkandet",
    table: "bordläggningsyrkandet",
  };
  return `${noun[kind]} från ${joinAnd(movers)}`;
}

/** One step of the order of questions, with its outcome. */
export function questionSentence(
  bodyName: string,
  motion: string,
  against: string | null,
  winner: string,
): string {
  const lowerBody = inRunningText(bodyName);
  if (!against)
    return `Ordföranden ställer proposition på ${motion} och finner att ${lowerBody} bifaller det.`;
  return `Ordföranden ställer proposition på ${motion} mot ${against} och finner att ${lowerBody} bifaller ${winner}.`;
}

/** The outcome of a vote in words: counts, result, and a casting vote or lots when they decided. */
export function voteSentence(v: {
  yes: number;
  no: number;
  abstain: number;
  absent: number;
  yesMeans: string;
  noMeans: string;
  result: "yes" | "no";
  decidedBy: "majority" | "casting_vote" | "lots";
  election: boolean;
  secret: boolean;
  bodyName: string;
}): string[] {
  const lowerBody = inRunningText(v.bodyName);
  const lines = [
    `${v.secret ? "Sluten omröstning" : "Omröstning"} begärs och verkställs. Den som vill bifalla ${v.yesMeans} röstar ja, den som vill bifalla ${v.noMeans} röstar nej.`,
    `Omröstningen ger ${v.yes} ja, ${v.no} nej och ${v.abstain} som avstår; ${v.absent} tjänstgörande deltar inte.`,
  ];
  if (v.decidedBy === "casting_vote")
    lines.push("Rösterna är lika. Ordföranden har utslagsröst (KL 5 kap. 54 §).");
  if (v.decidedBy === "lots") lines.push("Rösterna är lika i ett val. Lotten avgör (KL 5 kap. 55 §).");
  lines.push(`Därmed har ${lowerBody} beslutat att bifalla ${v.result === "yes" ? v.yesMeans : v.noMeans}.`);
  return lines;
}

export const choiceLabel: Record<BallotChoice, string> = { yes: "Ja", no: "Nej", abstain: "Avstår" };

export const capacityLabel: Record<Capacity, string> = {
  member: "Ledamot",
  serving_substitute: "Tjänstgörande ersättare",
  substitute: "Ersättare",
  official: "Tjänsteperson",
  other: "Övrig närvarande",
};

export const statementLabel: Record<StatementKind, { noun: string; definite: string; article: string }> = {
  special_statement: { noun: "särskilt yttrande", definite: "Det särskilda yttrandet", article: "ett" },
  protocol_note: { noun: "protokollsanteckning", definite: "Protokollsanteckningen", article: "en" },
};

export const motionKindLabel: Record<MotionKind, string> = {
  approve: "Bifall",
  reject: "Avslag",
  amend: "Ändring",
  add: "Tillägg",
  refer_back: "Återremiss",
  table: "Bordläggning",
};

/** How a recipient body is named in "Beslutet skickas till": companies by short name, departments under their administration. */
export function recipientName(
  b: { kind: string; name: string; shortName: string | null },
  parent: { name: string } | null,
): string {
  if (b.kind === "company" && b.shortName) return b.shortName;
  if ((b.kind === "department" || b.kind === "unit") && parent)
    return `${parent.name}, ${inRunningText(b.name)}`;
  return b.name;
}
