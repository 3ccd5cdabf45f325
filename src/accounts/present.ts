import type { listUsers } from "./queries.js";
import type { AccountRole } from "./tables.js";

// What the admin sees of accounts: never a password hash (listUsers does not load it), roles in Swedish.

type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export const roleName: Record<AccountRole, string> = {
  admin: "Administratör",
  registrar: "Registrator",
  case_officer: "Handläggare",
  secretary: "Nämndsekreterare",
  member: "Förtroendevald",
  installation_admin: "Installationsadministratör",
};

/** "Registrator (Kulturnämnden)", or the role alone when it holds for every body. */
export function grantText(
  grant: { role: AccountRole; bodyId: string | null },
  bodyNames: Map<string, string>,
): string {
  if (!grant.bodyId) return roleName[grant.role];
  return `${roleName[grant.role]} (${bodyNames.get(grant.bodyId) ?? "okänt organ"})`;
}

/** The accounts as the admin's list shows them: name, e-mail and roles in words. */
export function presentAccounts(users: UserRow[], bodies: { id: string; name: string }[]) {
  const bodyNames = new Map(bodies.map((b) => [b.id, b.name]));
  return users.map((u) => ({
    id: u.id,
    displayName: u.displayName,
    email: u.email,
    roles: u.grants.map((g) => grantText(g, bodyNames)).join(", "),
    disabled: u.disabledAt !== null,
  }));
}
