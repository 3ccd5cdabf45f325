// The kinds of body a Swedish municipality has (KL 3 kap.), and the groups the rules treat alike. The organisation
// register stores them; meetings, the diarium and the assignments ask these rules.

export const bodyKinds = [
  "council",
  "executive_board",
  "working_committee",
  "preparatory_committee",
  "committee",
  "company",
  "administration",
  "department",
  "unit",
] as const;
export type BodyKind = (typeof bodyKinds)[number];

/** Offices staffed by employees: they prepare and carry out decisions, but do not decide as elected bodies. */
export const officeBodyKinds = [
  "administration",
  "department",
  "unit",
] as const satisfies readonly BodyKind[];

export function isOffice(kind: BodyKind): boolean {
  return (officeBodyKinds as readonly BodyKind[]).includes(kind);
}
