import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { formatKronor } from "../domain/money.js";
import { findBody } from "../organisation/queries.js";
import { findCase } from "../register/queries.js";
import { registerNewCase } from "../register/register-case.js";
import { saveIndicator } from "./define-indicators.js";
import { parseInput } from "./parse-input.js";
import { findAppropriation, findCallOffByExternalId, listAreasByIds } from "./queries.js";
import { CallOffInput } from "./schemas.js";
import { callOff, callOffArea, type indicator } from "./tables.js";

/**
 * Records a committee's application to draw on a reserve (avrop): a case in the diarium (a new one in the given
 * series, or one already registered), with theme, target group, areas, amount, period, what the intervention
 * does, the process it strengthens and its indicators. No money moves until the application is decided.
 */
export async function applyForCallOff(tx: Tx, actor: Actor, raw: CallOffInput) {
  const input = parseInput(CallOffInput, raw);
  const reserve = await findAppropriation(tx, actor.municipalityId, input.appropriationId);
  if (!reserve) throw new DomainError("appropriation_not_found", {}, "appropriationId");
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  if (!(await findBody(tx, actor.municipalityId, input.applyingBodyId)))
    throw new DomainError("body_not_found", {}, "applyingBodyId");
  if (!reserve.themes.includes(input.theme))
    throw new DomainError(
      "theme_not_allowed",
      { theme: input.theme, allowed: reserve.themes.join(", ") },
      "theme",
    );
  if (Number(input.startsOn.slice(0, 4)) !== reserve.year)
    throw new DomainError("call_off_outside_year", { year: reserve.year }, "startsOn");
  const remaining = reserve.amountOre - reserve.grantedOre;
  if (input.requestedOre > remaining)
    throw new DomainError(
      "amount_above_remaining",
      { amount: formatKronor(input.requestedOre), remaining: formatKronor(remaining) },
      "requestedOre",
    );
  const areaIds = [...new Set(input.areaIds)];
  const areas = await listAreasByIds(tx, actor.municipalityId, areaIds);
  if (areas.length !== areaIds.length) throw new DomainError("area_not_found", {}, "areaIds");
  if (await findCallOffByExternalId(tx, actor.municipalityId, input.externalId))
    throw new DomainError(
      "external_id_taken",
      { externalId: input.externalId, what: "ett annat avrop" },
      "externalId",
    );
  const seen = new Set<string>();
  for (const [i, ind] of input.indicators.entries()) {
    if (seen.has(ind.externalId))
      throw new DomainError(
        "external_id_taken",
        { externalId: ind.externalId, what: "en annan indikator" },
        `indicators.${i}.externalId`,
      );
    seen.add(ind.externalId);
  }

  let caseId = input.caseId ?? null;
  if (caseId) {
    if (!(await findCase(tx, actor.municipalityId, caseId)))
      throw new DomainError("case_not_found", {}, "caseId");
  } else {
    const registered = await registerNewCase(tx, actor, {
      seriesCode: input.seriesCode!,
      title: input.title,
      responsibleBodyId: reserve.ownerBodyId,
      openedOn: input.appliedOn,
    });
    caseId = registered.id;
  }
  const [created] = await tx
    .insert(callOff)
    .values({
      municipalityId: actor.municipalityId,
      externalId: input.externalId,
      appropriationId: reserve.id,
      caseId,
      applyingBodyId: input.applyingBodyId,
      theme: input.theme,
      targetGroup: input.targetGroup,
      process: input.process,
      description: input.description,
      appliedOn: input.appliedOn,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      requestedOre: input.requestedOre,
      progressMethod: input.progressMethod,
      illustrative: input.illustrative,
    })
    .returning();
  if (areaIds.length > 0)
    await tx.insert(callOffArea).values(areaIds.map((areaId) => ({ callOffId: created!.id, areaId })));
  await recordAudit(tx, actor, {
    action: "call_off.applied",
    recordType: "call_off",
    recordId: created!.id,
    after: { ...created, areaIds },
  });
  const indicators: (typeof indicator.$inferSelect)[] = [];
  for (const [i, ind] of input.indicators.entries())
    await saveIndicator(tx, actor, created!.id, ind, `indicators.${i}`, indicators);
  return created!;
}
