import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { lockAppropriation } from "./queries.js";
import { appropriation, callOff, type ProgressMethod } from "./tables.js";

/** What a reserve's description may become; the rest is fixed by the decision that created it. */
export interface AppropriationChanges {
  title: string;
  purpose: string;
  caseId: string | null;
  processes: string[];
  targetGroups: string[];
  themes: string[];
  progressMethod: ProgressMethod;
  illustrative: boolean;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Changes how a reserve is described: name, purpose, case, processes, target groups, themes, progress method.
 * Year, owner, decision and amount are the creating decision's and are never changed here; a theme that a
 * call-off has is kept. Writes (and audits) only when something differs, so reading the same file twice is a no-op.
 */
export async function updateAppropriation(tx: Tx, actor: Actor, id: string, changes: AppropriationChanges) {
  const before = await lockAppropriation(tx, actor.municipalityId, id);
  if (!before) throw new DomainError("appropriation_not_found");
  authorize(actor, "reserve:write", before.ownerBodyId);
  if (changes.caseId && !(await findCase(tx, actor.municipalityId, changes.caseId)))
    throw new DomainError("case_not_found", {}, "caseId");
  const themes = [...new Set(changes.themes)];
  const used = await tx
    .selectDistinct({ theme: callOff.theme })
    .from(callOff)
    .where(and(eq(callOff.appropriationId, id)));
  const dropped = used.find((u) => !themes.includes(u.theme));
  if (dropped) throw new DomainError("theme_in_use", { theme: dropped.theme }, "themes");
  const unchanged =
    before.title === changes.title &&
    before.purpose === changes.purpose &&
    before.caseId === changes.caseId &&
    same(before.processes, changes.processes) &&
    same(before.targetGroups, changes.targetGroups) &&
    same(before.themes, themes) &&
    before.progressMethod === changes.progressMethod &&
    before.illustrative === changes.illustrative;
  if (unchanged) return { row: before, changed: false };
  const [after] = await tx
    .update(appropriation)
    .set({ ...changes, themes, updatedAt: new Date() })
    .where(eq(appropriation.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "appropriation.updated",
    recordType: "appropriation",
    recordId: id,
    before,
    after,
  });
  return { row: after!, changed: true };
}
