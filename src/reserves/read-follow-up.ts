import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { area } from "../areas/tables.js";
import { decisionReference } from "../assignments/tables.js";
import { consultation } from "../consultations/tables.js";
import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import { body } from "../organisation/tables.js";
import type { SecretAccess } from "../register/access.js";
import { registerCase } from "../register/tables.js";
import { loadCalendar } from "./calendar.js";
import { presentFollowUp } from "./present.js";
import { ledgerSums } from "./queries.js";
import {
  appropriation,
  callOff,
  callOffArea,
  followUpReport,
  indicator,
  indicatorValue,
  ledgerEntry,
  questionRound,
} from "./tables.js";

/** Awaits each query in turn (drizzle's builders start only when awaited) and gives their results in order. */
async function inOrder<T extends readonly unknown[]>(
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const q of queries) results.push(await q);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** Which part of the follow-up one view needs: every reserve, one reserve, or one call-off (with its reserve). */
export type FollowUpScope = { all: true } | { appropriationId: string } | { callOffId: string };

/**
 * Loads reserves with everything their views show: call-offs, their cases (for the title the reader may see),
 * bodies, decisions, areas, indicators, reports and values, the ledger and its sums, and question rounds. One
 * statement per kind of row, whatever the number of reserves or call-offs.
 */
export async function loadFollowUp(tx: Tx, municipalityId: string, scope: FollowUpScope) {
  let callOffFilter: string | null = null;
  let appropriationFilter: string | null = null;
  if ("callOffId" in scope) {
    const [row] = await tx
      .select({ id: callOff.id, appropriationId: callOff.appropriationId })
      .from(callOff)
      .where(and(eq(callOff.municipalityId, municipalityId), eq(callOff.id, scope.callOffId)));
    if (!row) return null;
    callOffFilter = row.id;
    appropriationFilter = row.appropriationId;
  } else if ("appropriationId" in scope) appropriationFilter = scope.appropriationId;

  const reserves = await tx
    .select()
    .from(appropriation)
    .where(
      and(
        eq(appropriation.municipalityId, municipalityId),
        appropriationFilter ? eq(appropriation.id, appropriationFilter) : undefined,
      ),
    )
    .orderBy(asc(appropriation.year), asc(appropriation.title));
  if (appropriationFilter && reserves.length === 0) return null;
  const reserveIds = reserves.map((r) => r.id);
  const callOffs =
    reserveIds.length === 0
      ? []
      : await tx
          .select()
          .from(callOff)
          .where(
            and(
              inArray(callOff.appropriationId, reserveIds),
              callOffFilter ? eq(callOff.id, callOffFilter) : undefined,
            ),
          )
          .orderBy(asc(callOff.appliedOn), asc(callOff.externalId));
  const callOffIds = callOffs.map((c) => c.id);
  const caseIds = [
    ...new Set([...callOffs.map((c) => c.caseId), ...reserves.flatMap((r) => (r.caseId ? [r.caseId] : []))]),
  ];
  const bodyIds = [
    ...new Set([...reserves.map((r) => r.ownerBodyId), ...callOffs.map((c) => c.applyingBodyId)]),
  ];
  const decisionIds = [
    ...new Set([
      ...reserves.map((r) => r.decidedById),
      ...callOffs.flatMap((c) => (c.decidedById ? [c.decidedById] : [])),
    ]),
  ];
  const none = Promise.resolve([]);
  // Drizzle's queries run when awaited, so inOrder runs them one after another: a transaction is one connection,
  // which runs one statement at a time. ledgerSums is an async function, so it is called last, on its own.
  const [cases, bodies, decisions, areas, indicators, reports, ledger, rounds] = await inOrder([
    caseIds.length === 0
      ? none
      : tx
          .select({
            id: registerCase.id,
            number: registerCase.number,
            title: registerCase.title,
            publicTitle: registerCase.publicTitle,
            secrecyProvision: registerCase.secrecyProvision,
            responsibleBodyId: registerCase.responsibleBodyId,
          })
          .from(registerCase)
          .where(inArray(registerCase.id, caseIds)),
    bodyIds.length === 0
      ? none
      : tx
          .select({ id: body.id, name: body.name, shortName: body.shortName, slug: body.slug })
          .from(body)
          .where(inArray(body.id, bodyIds)),
    decisionIds.length === 0
      ? none
      : tx
          .select({
            id: decisionReference.id,
            decidedOn: decisionReference.decidedOn,
            paragraphNumber: decisionReference.paragraphNumber,
            bodyName: body.name,
            bodyShortName: body.shortName,
          })
          .from(decisionReference)
          .innerJoin(body, eq(body.id, decisionReference.bodyId))
          .where(
            or(
              inArray(decisionReference.id, decisionIds),
              // The decisions that reduced a grant or corrected a payment, cited on the entry itself.
              inArray(
                decisionReference.id,
                tx
                  .select({ id: ledgerEntry.decisionId })
                  .from(ledgerEntry)
                  .where(
                    and(
                      inArray(ledgerEntry.appropriationId, reserveIds),
                      inArray(ledgerEntry.kind, ["grant_reversed", "payment_reversed"]),
                      isNotNull(ledgerEntry.decisionId),
                    ),
                  ),
              ),
            ),
          ),
    callOffIds.length === 0
      ? none
      : tx
          .select({ callOffId: callOffArea.callOffId, id: area.id, name: area.name })
          .from(callOffArea)
          .innerJoin(area, eq(area.id, callOffArea.areaId))
          .where(inArray(callOffArea.callOffId, callOffIds))
          .orderBy(asc(area.name)),
    callOffIds.length === 0
      ? none
      : tx
          .select()
          .from(indicator)
          .where(inArray(indicator.callOffId, callOffIds))
          .orderBy(asc(indicator.position)),
    callOffIds.length === 0
      ? none
      : tx
          .select()
          .from(followUpReport)
          .where(inArray(followUpReport.callOffId, callOffIds))
          .orderBy(asc(followUpReport.year), asc(followUpReport.period)),
    reserveIds.length === 0
      ? none
      : tx
          .select()
          .from(ledgerEntry)
          .where(
            and(
              inArray(ledgerEntry.appropriationId, reserveIds),
              callOffFilter ? eq(ledgerEntry.callOffId, callOffFilter) : undefined,
            ),
          )
          .orderBy(asc(ledgerEntry.position)),
    reserveIds.length === 0 || callOffFilter
      ? none
      : tx
          .select({
            appropriationId: questionRound.appropriationId,
            id: consultation.id,
            title: consultation.title,
            deadline: consultation.deadline,
            status: consultation.status,
          })
          .from(questionRound)
          .innerJoin(consultation, eq(consultation.id, questionRound.consultationId))
          .where(inArray(questionRound.appropriationId, reserveIds)),
  ] as const);
  const sums = await ledgerSums(tx, reserveIds);
  const calendar = await loadCalendar(tx, municipalityId);
  const reportIds = reports.map((r) => r.id);
  const values =
    reportIds.length === 0
      ? []
      : await tx.select().from(indicatorValue).where(inArray(indicatorValue.reportId, reportIds));
  return {
    reserves,
    callOffs,
    cases,
    bodies,
    decisions,
    areas,
    indicators,
    reports,
    values,
    ledger,
    rounds,
    sums,
    calendar,
  };
}

export type LoadedFollowUp = NonNullable<Awaited<ReturnType<typeof loadFollowUp>>>;

/** Every reserve of the municipality as this reader may see it. */
export async function readReserves(
  tx: Tx,
  municipalityId: string,
  access: SecretAccess,
  today = todayInStockholm(),
) {
  const loaded = await loadFollowUp(tx, municipalityId, { all: true });
  return presentFollowUp(loaded!, access, today);
}

/** One reserve with its call-offs; not found when the municipality has no such reserve. */
export async function readReserve(
  tx: Tx,
  municipalityId: string,
  id: string,
  access: SecretAccess,
  today = todayInStockholm(),
) {
  const loaded = await loadFollowUp(tx, municipalityId, { appropriationId: id });
  if (!loaded) throw new DomainError("appropriation_not_found");
  return presentFollowUp(loaded, access, today)[0]!;
}

/** One call-off (intervention) with its reserve's summary. */
export async function readCallOff(
  tx: Tx,
  municipalityId: string,
  id: string,
  access: SecretAccess,
  today = todayInStockholm(),
) {
  const loaded = await loadFollowUp(tx, municipalityId, { callOffId: id });
  if (!loaded) throw new DomainError("call_off_not_found");
  const reserve = presentFollowUp(loaded, access, today)[0]!;
  return { reserve, callOff: reserve.callOffs[0]! };
}
