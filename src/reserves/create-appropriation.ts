import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { resolveDecisionReference } from "../assignments/resolve-decision-reference.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findCase } from "../register/queries.js";
import { parseInput } from "./parse-input.js";
import { findAppropriationByExternalId } from "./queries.js";
import { AppropriationInput } from "./schemas.js";
import { appropriation, ledgerEntry } from "./tables.js";

/**
 * Sets up a reserve (anslag till förfogande) as the decision that created it says: owner body, year, amount,
 * purpose, processes, target groups and the themes call-offs may have. The amount is the ledger's first entry.
 */
export async function createAppropriation(tx: Tx, actor: Actor, raw: AppropriationInput) {
  const input = parseInput(AppropriationInput, raw);
  authorize(actor, "reserve:write", input.ownerBodyId);
  if (!(await findBody(tx, actor.municipalityId, input.ownerBodyId)))
    throw new DomainError("body_not_found", {}, "ownerBodyId");
  if (input.caseId && !(await findCase(tx, actor.municipalityId, input.caseId)))
    throw new DomainError("case_not_found", {}, "caseId");
  if (await findAppropriationByExternalId(tx, actor.municipalityId, input.externalId))
    throw new DomainError(
      "external_id_taken",
      { externalId: input.externalId, what: "en annan reserv" },
      "externalId",
    );
  const decidedBy = await resolveDecisionReference(tx, actor, input.decidedBy, "decidedBy");
  const [created] = await tx
    .insert(appropriation)
    .values({
      municipalityId: actor.municipalityId,
      externalId: input.externalId,
      ownerBodyId: input.ownerBodyId,
      caseId: input.caseId ?? null,
      decidedById: decidedBy.id,
      year: input.year,
      title: input.title,
      purpose: input.purpose,
      processes: input.processes,
      targetGroups: input.targetGroups,
      themes: [...new Set(input.themes)],
      amountOre: input.amountOre,
      progressMethod: input.progressMethod,
      illustrative: input.illustrative,
    })
    .returning();
  await tx.insert(ledgerEntry).values({
    municipalityId: actor.municipalityId,
    appropriationId: created!.id,
    kind: "appropriated",
    amountOre: input.amountOre,
    bookedOn: input.decidedBy.decidedOn,
    decisionId: decidedBy.id,
  });
  await recordAudit(tx, actor, {
    action: "appropriation.created",
    recordType: "appropriation",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
