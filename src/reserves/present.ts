import { bodyDecisionCode } from "../domain/citation.js";
import {
  combinedProgress,
  formatIndicatorValue,
  formatPermille,
  indicatorProgress,
  periodLabel,
  progressMethodText,
  reportingPeriods,
} from "../domain/follow-up.js";
import { formatKronor } from "../domain/money.js";
import { registerTitle } from "../domain/secrecy.js";
import type { SecretAccess } from "../register/access.js";
import { mayReadSecret } from "../register/access.js";
import { callOffStatusWords, statusWords, unitWords } from "./columns.js";
import type { LoadedFollowUp } from "./read-follow-up.js";
import type { CallOffStatus, IndicatorUnit, ProgressMethod, ReportPeriod, ReportStatus } from "./tables.js";

export const followUpPath = "/uppfoljning";
export const reservePath = (id: string) => `${followUpPath}/reserver/${id}`;
export const callOffPath = (id: string) => `${followUpPath}/insatser/${id}`;

export interface MoneyView {
  appropriatedOre: number;
  grantedOre: number;
  paidOre: number;
  remainingOre: number;
  appropriated: string;
  granted: string;
  paid: string;
  remaining: string;
}

function money(appropriated: number, granted: number, paid: number): MoneyView {
  return {
    appropriatedOre: appropriated,
    grantedOre: granted,
    paidOre: paid,
    remainingOre: appropriated - granted,
    appropriated: formatKronor(appropriated),
    granted: formatKronor(granted),
    paid: formatKronor(paid),
    remaining: formatKronor(appropriated - granted),
  };
}

export interface PathPoint {
  label: string;
  value: number;
  kind: "baseline" | "report" | "target";
}

export interface IndicatorView {
  id: string;
  externalId: string;
  name: string;
  unit: IndicatorUnit;
  unitText: string;
  baseline: number;
  target: number;
  latest: number | null;
  progressPermille: number | null;
  source: string;
  weight: number;
  /** Baseline, each report's value in order, and the target: the indicator's path for its chart. */
  path: PathPoint[];
  format: (v: number) => string;
}

export interface ReportView {
  id: string;
  externalId: string;
  year: number;
  period: ReportPeriod;
  label: string;
  status: ReportStatus;
  statusText: string;
  progressPermille: number;
  progressText: string;
  moneyUsedOre: number;
  moneyUsed: string;
  narrative: string;
  reportedOn: string;
  values: { indicatorExternalId: string; indicatorName: string; value: number; text: string }[];
}

/** A grant reduced or withdrawn, or a payment corrected, by a decision: a ledger entry of its own. */
export interface ReversalView {
  date: string;
  kind: "grant" | "payment";
  kindText: string;
  amountOre: number;
  amount: string;
  decision: string | null;
  reason: string;
}

export interface TimelineEvent {
  date: string;
  text: string;
}

export interface CallOffView {
  id: string;
  externalId: string;
  appropriationId: string;
  reserveExternalId: string;
  reserveTitle: string;
  caseNumber: string;
  title: string;
  /** What the intervention does; null when the case is secret and the reader may not see it. */
  description: string | null;
  applyingBodyName: string;
  theme: string;
  targetGroup: string;
  areas: string[];
  process: string;
  appliedOn: string;
  startsOn: string;
  endsOn: string;
  requestedOre: number;
  requested: string;
  status: CallOffStatus;
  statusText: string;
  decision: string | null;
  money: {
    grantedOre: number;
    paidOre: number;
    unpaidOre: number;
    /** What decisions have taken back of the grant, returned to the reserve. */
    reversedOre: number;
    granted: string;
    paid: string;
    unpaid: string;
    reversed: string;
  };
  reversals: ReversalView[];
  progressPermille: number | null;
  progressText: string | null;
  progressMethod: ProgressMethod;
  progressMethodText: string;
  illustrative: boolean;
  indicators: IndicatorView[];
  reports: ReportView[];
  /** The reports still owed on the follow-up calendar, with their due dates. */
  reportsDue: { label: string; dueOn: string }[];
  timeline: TimelineEvent[];
}

export interface GroupSum {
  name: string;
  count: number;
  grantedOre: number;
  paidOre: number;
  granted: string;
  paid: string;
}

export interface ReserveView {
  id: string;
  externalId: string;
  year: number;
  title: string;
  ownerBodyName: string;
  purpose: string;
  processes: string[];
  targetGroups: string[];
  themes: string[];
  decision: string;
  /** The reserve's case in the diarium, when it has one. */
  caseNumber: string | null;
  money: MoneyView;
  progressPermille: number | null;
  progressText: string | null;
  progressMethod: ProgressMethod;
  progressMethodText: string;
  /** The sums kept on the reserve equal the ledger's. */
  ledgerChecked: boolean;
  illustrative: boolean;
  callOffs: CallOffView[];
  byTheme: GroupSum[];
  byBody: GroupSum[];
  byArea: GroupSum[];
  rounds: { id: string; title: string; deadline: string; sent: boolean }[];
  timeline: TimelineEvent[];
}

const sumOf = (rows: { amountOre: number }[]) => rows.reduce((s, r) => s + r.amountOre, 0);

function groupSums(
  callOffs: CallOffView[],
  keys: (c: CallOffView) => string[],
  names: string[] = [],
): GroupSum[] {
  const groups = new Map<string, { count: number; granted: number; paid: number }>();
  for (const n of names) groups.set(n, { count: 0, granted: 0, paid: 0 });
  for (const c of callOffs) {
    for (const key of keys(c)) {
      const g = groups.get(key) ?? { count: 0, granted: 0, paid: 0 };
      g.count++;
      g.granted += c.money.grantedOre;
      g.paid += c.money.paidOre;
      groups.set(key, g);
    }
  }
  return [...groups].map(([name, g]) => ({
    name,
    count: g.count,
    grantedOre: g.granted,
    paidOre: g.paid,
    granted: formatKronor(g.granted),
    paid: formatKronor(g.paid),
  }));
}

/**
 * Shapes loaded reserves for a reader. A call-off's title is its case's as the register shows it to this reader
 * (OSL 5 kap. 2 §: a secret case shows its public title), and what the intervention does is left out with it.
 */
export function presentFollowUp(loaded: LoadedFollowUp, access: SecretAccess, today: string): ReserveView[] {
  const cases = new Map(loaded.cases.map((c) => [c.id, c]));
  const bodies = new Map(loaded.bodies.map((b) => [b.id, b]));
  const decisions = new Map(
    loaded.decisions.map((d) => [
      d.id,
      {
        code: bodyDecisionCode(
          { shortName: d.bodyShortName, name: d.bodyName },
          d.decidedOn,
          d.paragraphNumber,
        ),
        on: d.decidedOn,
      },
    ]),
  );
  const valuesByReport = new Map<string, typeof loaded.values>();
  for (const v of loaded.values)
    valuesByReport.set(v.reportId, [...(valuesByReport.get(v.reportId) ?? []), v]);

  const callOffView = (c: LoadedFollowUp["callOffs"][number]): CallOffView => {
    const reserve = loaded.reserves.find((r) => r.id === c.appropriationId)!;
    const kase = cases.get(c.caseId)!;
    const secret = kase.secrecyProvision !== null;
    const mayRead = mayReadSecret(access, kase.responsibleBodyId);
    const title = registerTitle({ secret, title: kase.title, publicTitle: kase.publicTitle }, mayRead);
    const indicators = loaded.indicators.filter((i) => i.callOffId === c.id);
    const reports = loaded.reports
      .filter((r) => r.callOffId === c.id)
      .sort((a, b) => a.year - b.year || (a.period === b.period ? 0 : a.period === "interim" ? -1 : 1));
    const indicatorViews: IndicatorView[] = indicators.map((i) => {
      const format = (v: number) => formatIndicatorValue(i.unit, v);
      const points: PathPoint[] = [{ label: "Utgångsvärde", value: i.baseline, kind: "baseline" }];
      for (const r of reports) {
        const v = valuesByReport.get(r.id)?.find((x) => x.indicatorId === i.id);
        if (v) points.push({ label: periodLabel(r.year, r.period), value: v.value, kind: "report" });
      }
      const latest = points.length > 1 ? points[points.length - 1]!.value : null;
      points.push({ label: "Mål", value: i.target, kind: "target" });
      return {
        id: i.id,
        externalId: i.externalId,
        name: i.name,
        unit: i.unit,
        unitText: unitWords[i.unit],
        baseline: i.baseline,
        target: i.target,
        latest,
        progressPermille: latest === null ? null : indicatorProgress(i.baseline, i.target, latest),
        source: i.source,
        weight: i.weight,
        path: points,
        format,
      };
    });
    const reportViews: ReportView[] = reports.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      year: r.year,
      period: r.period,
      label: periodLabel(r.year, r.period),
      status: r.status,
      statusText: statusWords[r.status],
      progressPermille: r.progressPermille,
      progressText: formatPermille(r.progressPermille),
      moneyUsedOre: r.moneyUsedOre,
      moneyUsed: formatKronor(r.moneyUsedOre),
      narrative: r.narrative,
      reportedOn: r.reportedOn,
      values: (valuesByReport.get(r.id) ?? []).flatMap((v) => {
        const ind = indicators.find((i) => i.id === v.indicatorId);
        return ind
          ? [
              {
                indicatorExternalId: ind.externalId,
                indicatorName: ind.name,
                value: v.value,
                text: formatIndicatorValue(ind.unit, v.value),
              },
            ]
          : [];
      }),
    }));
    const decision = c.decidedById ? (decisions.get(c.decidedById) ?? null) : null;
    const timeline: TimelineEvent[] = [
      { date: c.appliedOn, text: `Ansökan registrerad i diariet (${kase.number})` },
    ];
    const reversals: ReversalView[] = [];
    for (const e of loaded.ledger.filter((l) => l.callOffId === c.id)) {
      if (e.kind === "grant_reversed" || e.kind === "payment_reversed") {
        const code = e.decisionId ? (decisions.get(e.decisionId)?.code ?? null) : null;
        const kind = e.kind === "grant_reversed" ? "grant" : "payment";
        const kindText = kind === "grant" ? "Beviljat belopp minskat" : "Utbetalning rättad";
        reversals.push({
          date: e.bookedOn,
          kind,
          kindText,
          amountOre: e.amountOre,
          amount: formatKronor(e.amountOre),
          decision: code,
          // The reason is part of the decision, but a secret case's reader sees only what the register shows.
          reason: secret && !mayRead ? "" : (e.note ?? ""),
        });
        timeline.push({
          date: e.bookedOn,
          text: `${kindText} med ${formatKronor(e.amountOre)}${code ? ` (${code})` : ""}`,
        });
        continue;
      }
      if (e.kind === "granted")
        timeline.push({
          date: e.bookedOn,
          text: `Beviljat ${formatKronor(e.amountOre)}${decision ? ` (${decision.code})` : ""}`,
        });
      else if (e.kind === "paid")
        timeline.push({ date: e.bookedOn, text: `Utbetalt ${formatKronor(e.amountOre)}` });
    }
    if (c.status === "rejected" && decision)
      timeline.push({ date: decision.on, text: `Avslaget (${decision.code})` });
    timeline.push({ date: c.startsOn, text: "Insatsen börjar" });
    for (const r of reportViews)
      timeline.push({ date: r.reportedOn, text: `${r.label}: ${r.statusText}, framsteg ${r.progressText}` });
    if (c.endsOn <= today) timeline.push({ date: c.endsOn, text: "Insatsen slutar" });
    timeline.sort((a, b) => a.date.localeCompare(b.date));
    const filed = new Set(reports.map((r) => `${r.year}:${r.period}`));
    const owed =
      c.grantedOre > 0
        ? reportingPeriods(loaded.calendar, c.startsOn, c.endsOn).filter(
            (p) => !filed.has(`${p.year}:${p.period}`),
          )
        : [];
    return {
      id: c.id,
      externalId: c.externalId,
      appropriationId: c.appropriationId,
      reserveExternalId: reserve.externalId,
      reserveTitle: reserve.title,
      caseNumber: kase.number,
      title,
      description: secret && !mayRead ? null : c.description,
      applyingBodyName: bodies.get(c.applyingBodyId)?.name ?? "",
      theme: c.theme,
      targetGroup: c.targetGroup,
      areas: loaded.areas.filter((a) => a.callOffId === c.id).map((a) => a.name),
      process: c.process,
      appliedOn: c.appliedOn,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      requestedOre: c.requestedOre,
      requested: formatKronor(c.requestedOre),
      status: c.status,
      statusText: callOffStatusWords[c.status],
      decision: decision?.code ?? null,
      money: {
        grantedOre: c.grantedOre,
        paidOre: c.paidOre,
        unpaidOre: c.grantedOre - c.paidOre,
        reversedOre: sumOf(reversals.filter((v) => v.kind === "grant")),
        granted: formatKronor(c.grantedOre),
        paid: formatKronor(c.paidOre),
        unpaid: formatKronor(c.grantedOre - c.paidOre),
        reversed: formatKronor(sumOf(reversals.filter((v) => v.kind === "grant"))),
      },
      reversals,
      progressPermille: c.progressPermille,
      progressText: c.progressPermille === null ? null : formatPermille(c.progressPermille),
      progressMethod: c.progressMethod,
      progressMethodText: progressMethodText(c.progressMethod, "indicators"),
      illustrative: c.illustrative,
      indicators: indicatorViews,
      reports: reportViews,
      reportsDue: owed.map((p) => ({ label: periodLabel(p.year, p.period), dueOn: p.dueOn })),
      timeline,
    };
  };

  return loaded.reserves.map((r) => {
    const callOffs = loaded.callOffs.filter((c) => c.appropriationId === r.id).map(callOffView);
    const sums = loaded.sums.get(r.id)!;
    const decision = decisions.get(r.decidedById)!;
    const timeline: TimelineEvent[] = [
      { date: decision.on, text: `Reserven beslutad (${decision.code}): ${formatKronor(r.amountOre)}` },
    ];
    for (const c of callOffs)
      timeline.push(
        ...c.timeline
          .filter((e) => !e.text.startsWith("Insatsen"))
          .map((e) => ({ ...e, text: `${c.title}: ${e.text}` })),
      );
    timeline.sort((a, b) => a.date.localeCompare(b.date));
    // Stated and stored on the reserve; recomputed here only to show it from the same parts.
    const progress =
      r.progressPermille ??
      combinedProgress(
        callOffs
          .filter((c) => c.progressPermille !== null)
          .map((c) => ({ permille: c.progressPermille!, weight: c.money.grantedOre })),
        r.progressMethod,
      );
    return {
      id: r.id,
      externalId: r.externalId,
      year: r.year,
      title: r.title,
      ownerBodyName: bodies.get(r.ownerBodyId)?.name ?? "",
      purpose: r.purpose,
      processes: r.processes,
      targetGroups: r.targetGroups,
      themes: r.themes,
      decision: decision.code,
      caseNumber: r.caseId ? (cases.get(r.caseId)?.number ?? null) : null,
      money: money(r.amountOre, r.grantedOre, r.paidOre),
      progressPermille: progress,
      progressText: progress === null ? null : formatPermille(progress),
      progressMethod: r.progressMethod,
      progressMethodText: progressMethodText(r.progressMethod, "call-offs"),
      ledgerChecked:
        sums.appropriated === r.amountOre &&
        sums.granted - sums.grant_reversed === r.grantedOre &&
        sums.paid - sums.payment_reversed === r.paidOre,
      illustrative: r.illustrative,
      callOffs,
      byTheme: groupSums(
        callOffs.filter((c) => c.money.grantedOre > 0),
        (c) => [c.theme],
        r.themes,
      ),
      byBody: groupSums(
        callOffs.filter((c) => c.money.grantedOre > 0),
        (c) => [c.applyingBodyName],
      ),
      byArea: groupSums(
        callOffs.filter((c) => c.money.grantedOre > 0),
        (c) => (c.areas.length ? c.areas : ["Hela staden"]),
      ),
      rounds: loaded.rounds
        .filter((q) => q.appropriationId === r.id)
        .map((q) => ({ id: q.id, title: q.title, deadline: q.deadline, sent: q.status === "sent" })),
      timeline,
    };
  });
}
