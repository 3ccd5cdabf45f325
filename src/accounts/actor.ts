import type { AccountRole } from "./tables.js";

export interface RoleGrant {
  role: AccountRole;
  /** null: the role holds for every body of the municipality. */
  bodyId: string | null;
}

/** Who is acting: a signed-in user, or Paragraf itself (migrations, the example loader, jobs). */
export interface Actor {
  municipalityId: string;
  userId: string | null;
  label: string;
  grants: RoleGrant[];
}

/** Paragraf acting on its own, with full rights within one municipality; its audit entries carry the label. */
export function systemActor(municipalityId: string, label = "Paragraf (system)"): Actor {
  return { municipalityId, userId: null, label, grants: [{ role: "admin", bodyId: null }] };
}
