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

/**
 * What a decision's points follow: "Kommunfullmäktige beslutar" when the body decides, and "Kommunstyrelsen föreslår
 * kommunfullmäktige besluta" when the case's route has another body decide it, so that a preparing body's decision
 * reads as the proposal it is (KL 5 kap. 26 §, check: business the council decides is prepared by a committee or the board).
 */
export function decisionIntro(
  b: { id: string; name: string },
  decider: { id: string; name: string } | null,
): string {
  if (decider && decider.id !== b.id) return `${b.name} föreslår ${inRunningText(decider.name)} besluta`;
  return `${b.name} beslutar`;
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

/** A motion's own wording quoted in running text: ”Motionen avslås” (the sentence's full stop goes after it). */
export function quoted(text: string): string {
  return `”${text.trim().replace(/[.!]+$/, "")}”`;
}

/**
 * What a motion asks for, as the object of "yrkar …". A motion's own text is quoted, in a form that reads right for
 * its kind: "bifall till följande förslag: ”…”", "avslag på kommunstyrelsens förslag och föreslår i stället: ”…”",
 * "följande ändring: ”…”", "följande tillägg: ”…”"; for a referral back or tabling the text is the reason.
 */
export function motionObject(kind: MotionKind, text: string | null, proposal: string): string {
  switch (kind) {
    case "approve":
      return text ? `bifall till följande förslag: ${quoted(text)}` : `bifall till ${proposal}`;
    case "reject":
      return text ? `avslag på ${proposal} och föreslår i stället: ${quoted(text)}` : `avslag på ${proposal}`;
    case "amend":
      return `följande ändring: ${quoted(text ?? "")}`;
    case "add":
      return `följande tillägg: ${quoted(text ?? "")}`;
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

/**
 * What a motion is called when it is put: "kommunstyrelsens förslag" for plain approval of the proposal, otherwise
 * the motion and who moved it ("återremissyrkandet från Ledamot 2 (M)", "bifallsyrkandet från …" for an approval in
 * its own words), so that two motions put against each other never have the same name.
 */
export function motionName(
  movers: string[],
  kind: MotionKind,
  proposal: string,
  text: string | null = null,
): string {
  if (kind === "approve" && !text) return proposal;
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

/** The outcome of a vote on a question in words: what yes and no meant, the counts, and who decided a tie. */
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
    lines.push(
      `Rösterna är lika. Ordföranden, som röstade ${v.result === "yes" ? "ja" : "nej"}, har utslagsröst (KL 5 kap. 54 §).`,
    );
  if (v.decidedBy === "lots") lines.push("Rösterna är lika i ett val. Lotten avgör (KL 5 kap. 55 §).");
  lines.push(`Därmed har ${lowerBody} beslutat att bifalla ${v.result === "yes" ? v.yesMeans : v.noMeans}.`);
  return lines;
}

const votesWord = (n: number) => `${n} ${n === 1 ? "röst" : "röster"}`;

/**
 * An election in words (L6): the seats, the candidates and their votes, lots drawn at the meeting for the last places
 * when they decided, and who was elected. KL 5 kap. 55 § (check)
 */
export function electionSentence(e: {
  seats: number;
  secret: boolean;
  candidates: { name: string; votes: number; elected: boolean; byLot: boolean }[];
  abstain: number;
  absent: number;
  bodyName: string;
}): string[] {
  const lowerBody = inRunningText(e.bodyName);
  const seats = e.seats === 1 ? "en plats" : `${e.seats} platser`;
  const lines = [
    `${e.secret ? "Sluten omröstning" : "Omröstning"} begärs och verkställs i valet, som gäller ${seats}. Kandidater är ${joinAnd(e.candidates.map((c) => c.name))}.`,
    `Omröstningen ger ${joinAnd(e.candidates.map((c) => `${c.name} ${votesWord(c.votes)}`))}; ${e.abstain} avstår och ${e.absent} tjänstgörande deltar inte.`,
  ];
  const drawn = e.candidates.filter((c) => c.byLot);
  if (drawn.length > 0) {
    const tiedVotes = drawn[0]!.votes;
    const tied = e.candidates.filter((c) => c.votes === tiedVotes);
    lines.push(
      `Rösterna är lika mellan ${joinAnd(tied.map((c) => c.name))}. Lotten dras vid sammanträdet och faller på ${joinAnd(drawn.map((c) => c.name))} (KL 5 kap. 55 §).`,
    );
  }
  const elected = e.candidates.filter((c) => c.elected).map((c) => c.name);
  lines.push(`Därmed har ${lowerBody} valt ${joinAnd(elected)}.`);
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
