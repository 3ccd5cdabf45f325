import type { BodyKind, MembershipRole } from "./tables.js";

/** Swedish names of body kinds, as a person reads them. */
export const bodyKindLabel: Record<BodyKind, string> = {
  council: "Fullmäktige",
  executive_board: "Styrelse",
  working_committee: "Utskott",
  preparatory_committee: "Beredning",
  committee: "Nämnd",
  company: "Kommunalt bolag",
  administration: "Förvaltning",
  department: "Avdelning",
  unit: "Enhet",
};

export const bodyKindPlural: Record<BodyKind, string> = {
  council: "Fullmäktige",
  executive_board: "Styrelse",
  working_committee: "Utskott",
  preparatory_committee: "Beredningar",
  committee: "Nämnder",
  company: "Kommunala bolag",
  administration: "Förvaltningar",
  department: "Avdelningar",
  unit: "Enheter",
};

export const roleLabel: Record<MembershipRole, string> = {
  chair: "Ordförande",
  vice_chair: "Vice ordförande",
  member: "Ledamot",
  substitute: "Ersättare",
};
