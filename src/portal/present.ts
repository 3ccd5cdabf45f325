import { bodyDecisionCode } from "../domain/citation.js";
import { maskPersonalData } from "../domain/personal-data.js";
import { registerTitle } from "../domain/secrecy.js";

// What the portal pages show of a decision: its code, address and public title. Pure. A secret case shows its public
// title only (OSL 5 kap. 2 §), and every title is screened for personal data (L31).

export interface DecisionRow {
  paragraphId?: string;
  id?: string;
  year: number;
  number: number;
  heldOn: string;
  itemTitle: string;
  caseSecret: boolean;
  casePublicTitle: string | null;
  bodyName: string;
  bodyShortName: string | null;
  bodySlug: string;
}

/** The public title of a decision's case. */
export function publicTitle(r: Pick<DecisionRow, "itemTitle" | "caseSecret" | "casePublicTitle">): string {
  return maskPersonalData(
    registerTitle({ secret: r.caseSecret, title: r.itemTitle, publicTitle: r.casePublicTitle }, false),
  );
}

/** A decision as a link: "KS 260107 § 16", its address and its public title. */
export function presentDecisionLink(r: DecisionRow) {
  return {
    code: bodyDecisionCode({ shortName: r.bodyShortName, name: r.bodyName }, r.heldOn, r.number),
    path: `/protokoll/${r.bodySlug}/${r.year}/${r.number}`,
    title: publicTitle(r),
    heldOn: r.heldOn,
    bodyName: r.bodyName,
  };
}

/** A meeting's readable address; with its time when the body holds more than one meeting that day. */
export function meetingAddress(bodySlug: string, heldOn: string, startsAt?: string | null): string {
  const path = `/sammantraden/${bodySlug}/${heldOn}`;
  return startsAt ? `${path}?kl=${encodeURIComponent(startsAt)}` : path;
}

export const choiceLabel: Record<string, string> = { yes: "Ja", no: "Nej", abstain: "Avstår" };
export const membershipRoleLabel: Record<string, string> = {
  chair: "Ordförande",
  vice_chair: "Vice ordförande",
  member: "Ledamot",
  substitute: "Ersättare",
};
export const motionKindLabel: Record<string, string> = {
  approve: "Bifall",
  reject: "Avslag",
  amend: "Ändringsyrkande",
  add: "Tilläggsyrkande",
  refer_back: "Återremiss",
  table: "Bordläggning",
};
