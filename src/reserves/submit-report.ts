import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import {
  calendarPeriod,
  combinedProgress,
  indicatorProgress,
  periodLabel,
  unitNames,
  unitProblem,
} from "../domain/follow-up.js";
import { formatKronor } from "../domain/money.js";
import { loadCalendar } from "./calendar.js";
import { parseInput } from "./parse-input.js";
import { findAppropriation, listCallOffIndicators, lockCallOff } from "./queries.js";
import { ReportInput } from "./schemas.js";
import { appropriation, callOff, followUpReport, indicatorValue } from "./tables.js";

/**
 * Files (or corrects) a call-off's report for a period of the follow-up calendar: indicator values, status,
 * money used and a short narrative. Its progress is computed from the values by the call-off's stated method
 * and stored with it; the reserve's progress is computed from its call-offs' by the reserve's method and stored.
 */
export async function submitReport(
  tx: Tx,
  actor: Actor,
  callOffId: string,
  raw: ReportInput,
  options: { today?: string } = {},
) {
  const input = parseInput(ReportInput, raw);
  const owner = await lockCallOff(tx, actor.municipalityId, callOffId);
  if (!owner) throw new DomainError("call_off_not_found");
  const reserve = (await findAppropriation(tx, actor.municipalityId, owner.appropriationId))!;
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  if (owner.grantedOre === 0) throw new DomainError("report_before_grant");
  const period = calendarPeriod(await loadCalendar(tx, actor.municipalityId), input.year, input.period);
  const today = options.today ?? todayInStockholm();
  const label = periodLabel(input.year, input.period);
  if (period.startsOn > today || period.startsOn > input.reportedOn)
    throw new DomainError("report_period_not_begun", { label, startsOn: period.startsOn }, "year");
  if (input.moneyUsedOre > owner.paidOre)
    throw new DomainError("report_money_above_paid", { paid: formatKronor(owner.paidOre) }, "moneyUsedOre");
  const indicators = await listCallOffIndicators(tx, owner.id);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const parts = [];
  for (const [n, v] of input.values.entries()) {
    const ind = byId.get(v.indicatorId);
    if (!ind) throw new DomainError("indicator_not_found", {}, `values.${n}.indicatorId`);
    if (seen.has(ind.id)) throw new DomainError("indicator_twice", {}, `values.${n}.indicatorId`);
    seen.add(ind.id);
    const rule = unitProblem(ind.unit, v.value);
    if (rule)
      throw new DomainError(
        "indicator_value_wrong_unit",
        { name: ind.name, unit: unitNames[ind.unit], rule },
        `values.${n}.value`,
      );
    parts.push({ permille: indicatorProgress(ind.baseline, ind.target, v.value), weight: ind.weight });
  }
  const progress = combinedProgress(parts, owner.progressMethod) ?? 0;
  const values = {
    status: input.status,
    progressPermille: progress,
    moneyUsedOre: input.moneyUsedOre,
    narrative: input.narrative,
    reportedOn: input.reportedOn,
  };
  const [before] = await tx
    .select()
    .from(followUpReport)
    .where(
      and(
        eq(followUpReport.callOffId, owner.id),
        eq(followUpReport.year, input.year),
        eq(followUpReport.period, input.period),
      ),
    );
  if (before) {
    // Filed again exactly as it stands (an export imported again): nothing to write, nothing to audit.
    const stored = await tx.select().from(indicatorValue).where(eq(indicatorValue.reportId, before.id));
    const sameValues =
      stored.length === input.values.length &&
      input.values.every((v) => stored.some((s) => s.indicatorId === v.indicatorId && s.value === v.value));
    if (sameValues && (Object.keys(values) as (keyof typeof values)[]).every((k) => before[k] === values[k]))
      return before;
  }
  const [saved] = before
    ? await tx
        .update(followUpReport)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(followUpReport.id, before.id))
        .returning()
    : await tx
        .insert(followUpReport)
        .values({
          municipalityId: actor.municipalityId,
          externalId: input.externalId ?? `${owner.externalId}:${input.year}:${input.period}`,
          callOffId: owner.id,
          year: input.year,
          period: input.period,
          ...values,
        })
        .returning();
  if (before) await tx.delete(indicatorValue).where(eq(indicatorValue.reportId, before.id));
  if (input.values.length > 0)
    await tx
      .insert(indicatorValue)
      .values(input.values.map((v) => ({ reportId: saved!.id, indicatorId: v.indicatorId, value: v.value })));
  await refreshProgress(tx, owner.id, reserve.id, reserve.progressMethod);
  await recordAudit(tx, actor, {
    action: before ? "follow_up_report.corrected" : "follow_up_report.filed",
    recordType: "follow_up_report",
    recordId: saved!.id,
    before,
    after: { ...saved, values: input.values },
  });
  return saved!;
}

/**
 * Stores the call-off's progress (its latest report's) and the reserve's, made from its call-offs' by the
 * reserve's stated method, weighted by the money granted to each.
 */
async function refreshProgress(
  tx: Tx,
  callOffId: string,
  appropriationId: string,
  method: "weighted" | "average",
) {
  const [latest] = await tx
    .select({ progress: followUpReport.progressPermille })
    .from(followUpReport)
    .where(eq(followUpReport.callOffId, callOffId))
    .orderBy(desc(followUpReport.year), sql`${followUpReport.period} = 'annual' DESC`)
    .limit(1);
  await tx
    .update(callOff)
    .set({ progressPermille: latest?.progress ?? null })
    .where(eq(callOff.id, callOffId));
  const rows = await tx
    .select({ permille: callOff.progressPermille, weight: callOff.grantedOre })
    .from(callOff)
    .where(and(eq(callOff.appropriationId, appropriationId), isNotNull(callOff.progressPermille)));
  const progress = combinedProgress(
    rows.map((r) => ({ permille: r.permille!, weight: r.weight })),
    method,
  );
  await tx
    .update(appropriation)
    .set({ progressPermille: progress })
    .where(eq(appropriation.id, appropriationId));
}
