// How a decision is cited in Swedish minutes and decision bases, rendered from the reference's data so the
// citation can never disagree with the decision it names.

/** "240926" from "2024-09-26": the six-digit date of Swedish decision codes. */
export function shortDate(isoDate: string): string {
  return isoDate.slice(2, 10).replaceAll("-", "");
}

function paragraph(n: number | null): string {
  return n === null ? "" : ` § ${n}`;
}

/** "KF 240926 § 189"; "KSAU 250324" when the § number is not known. */
export function decisionCode(shortName: string, decidedOn: string, paragraphNumber: number | null): string {
  return `${shortName} ${shortDate(decidedOn)}${paragraph(paragraphNumber)}`;
}

/** Swedish genitive: "Arbetsmarknads- och socialnämndens", "Kommunfullmäktiges", "MINC i Sverige AB:s". */
export function genitive(name: string): string {
  if (/[A-ZÅÄÖ0-9]$/.test(name)) return `${name}:s`;
  if (/[sxz]$/i.test(name)) return name;
  return `${name}s`;
}

/** "Arbetsmarknads- och socialnämndens beslut 250619 § 219". */
export function decisionTitle(bodyName: string, decidedOn: string, paragraphNumber: number | null): string {
  return `${genitive(bodyName)} beslut ${shortDate(decidedOn)}${paragraph(paragraphNumber)}`;
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An open assignment whose deadline has passed stands out as overdue (KL 6 kap. 4 §: the body carries it out). */
export function isOverdue(status: string, deadline: string | null, today: string): boolean {
  return status === "open" && deadline !== null && deadline < today;
}
