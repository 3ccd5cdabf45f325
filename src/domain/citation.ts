// How a decision is cited in Swedish minutes, decision bases and assignments. One form everywhere, so a citation
// made by the minutes and one made by the assignments register can never disagree about the same decision.
// The seed writes both "§16" and "§ 189"; Paragraf writes the paragraph sign with a space, as Swedish typography
// (Språkrådet, Svenska skrivregler) has it: "KF 240926 § 189".

import { genitive } from "./swedish.js";

/** "240926" from "2024-09-26": the six-digit date of Swedish decision codes. */
export function shortDate(isoDate: string): string {
  return isoDate.slice(2, 10).replaceAll("-", "");
}

function paragraphSuffix(n: number | null): string {
  return n === null ? "" : ` § ${n}`;
}

/** "KF 240926 § 189"; "KSAU 250324" when the § number is not known. */
export function decisionCode(shortName: string, decidedOn: string, paragraphNumber: number | null): string {
  return `${shortName} ${shortDate(decidedOn)}${paragraphSuffix(paragraphNumber)}`;
}

/** The code of a decision by a body with or without a short name: "KS 260107 § 16", "Kulturnämnden 250617 § 79". */
export function bodyDecisionCode(
  b: { shortName: string | null; name: string },
  decidedOn: string,
  paragraphNumber: number | null,
): string {
  return decisionCode(b.shortName ?? b.name, decidedOn, paragraphNumber);
}

/** "Arbetsmarknads- och socialnämndens beslut 250619 § 219". */
export function decisionTitle(bodyName: string, decidedOn: string, paragraphNumber: number | null): string {
  return `${genitive(bodyName)} beslut ${shortDate(decidedOn)}${paragraphSuffix(paragraphNumber)}`;
}
