// Follow-up (M13) rules shared by the reserves' reports, pages and exports: the follow-up calendar and how
// progress is computed from its parts. Pure; no I/O.

export type ReportPeriod = "interim" | "annual";
export type ProgressMethod = "weighted" | "average";

export interface CalendarPeriod {
  year: number;
  period: ReportPeriod;
  startsOn: string;
  endsOn: string;
  /** The day the report is due. */
  dueOn: string;
}

/**
 * When one period of a municipality's follow-up calendar ends and when its report is due, as a day of the year
 * (month 1–12, day 1–31). Every period begins on 1 January; the annual report's period is the whole year.
 */
export interface CalendarRule {
  endsMonth: number;
  endsDay: number;
  dueMonth: number;
  dueDay: number;
  /** The report is due the year after the period (an annual report in January). */
  dueNextYear: boolean;
}

export type FollowUpCalendar = Record<ReportPeriod, CalendarRule>;

/**
 * The common Swedish cycle, used by a municipality that has not set its own: the interim report (delårsrapport)
 * covers January to August and is due at the end of September; the annual report (årsanalys) covers the year
 * and is due at the end of January after it (KL 11 kap. 8 § on the annual accounts; LKBR 13 kap. 1 § on the
 * interim report covering at least half of the year).
 */
export const standardCalendar: FollowUpCalendar = {
  interim: { endsMonth: 8, endsDay: 31, dueMonth: 9, dueDay: 30, dueNextYear: false },
  annual: { endsMonth: 12, endsDay: 31, dueMonth: 1, dueDay: 31, dueNextYear: true },
};

/** The day in a year, with a day past the month's end (29 February in a common year) moved to its last day. */
function dayIn(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** What is wrong with a calendar rule, in Swedish, or null when it holds. */
export function calendarRuleProblem(period: ReportPeriod, rule: CalendarRule): string | null {
  // 2024 is a leap year, so 29 February is a day a calendar may name.
  const valid = (m: number, d: number) =>
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= new Date(Date.UTC(2024, m, 0)).getUTCDate();
  if (!valid(rule.endsMonth, rule.endsDay)) return "Perioden slutar på en dag som inte finns.";
  if (!valid(rule.dueMonth, rule.dueDay)) return "Rapporten ska lämnas en dag som inte finns.";
  if (period === "annual" && (rule.endsMonth !== 12 || rule.endsDay !== 31))
    return "Årsanalysen avser hela året och slutar 31 december.";
  if (!rule.dueNextYear && rule.dueMonth * 100 + rule.dueDay <= rule.endsMonth * 100 + rule.endsDay)
    return "Rapporten kan inte lämnas innan perioden har slutat; välj en senare dag eller året efter.";
  return null;
}

/** A period of the municipality's follow-up calendar in a year: when it begins and ends, and when it is due. */
export function calendarPeriod(
  calendar: FollowUpCalendar,
  year: number,
  period: ReportPeriod,
): CalendarPeriod {
  const rule = calendar[period];
  return {
    year,
    period,
    startsOn: `${year}-01-01`,
    endsOn: dayIn(year, rule.endsMonth, rule.endsDay),
    dueOn: dayIn(rule.dueNextYear ? year + 1 : year, rule.dueMonth, rule.dueDay),
  };
}

/** The periods an intervention running from startsOn to endsOn reports on, in order. */
export function reportingPeriods(
  calendar: FollowUpCalendar,
  startsOn: string,
  endsOn: string,
): CalendarPeriod[] {
  const first = Number(startsOn.slice(0, 4));
  const last = Number(endsOn.slice(0, 4));
  const periods: CalendarPeriod[] = [];
  for (let year = first; year <= last && periods.length < 40; year++) {
    const interim = calendarPeriod(calendar, year, "interim");
    if (startsOn <= interim.endsOn) periods.push(interim);
    periods.push(calendarPeriod(calendar, year, "annual"));
  }
  return periods;
}

/** Swedish name of a period: "delårsrapport 2026", "årsanalys 2026". */
export function periodLabel(year: number, period: ReportPeriod): string {
  return `${period === "interim" ? "Delårsrapport" : "Årsanalys"} ${year}`;
}

/**
 * How far an indicator has come from its baseline toward its target, in per mille (0–1000), whether the target
 * is above the baseline (more who finish school) or below it (fewer who leave early). Never below 0 or above
 * 1000: falling back is shown as no progress, passing the target as reached.
 */
export function indicatorProgress(baseline: number, target: number, value: number): number {
  if (target === baseline) return value === target ? 1000 : 0;
  const share = (value - baseline) / (target - baseline);
  return Math.max(0, Math.min(1000, Math.floor(share * 1000)));
}

export interface ProgressPart {
  permille: number;
  /** The part's weight: an indicator's stated weight, a call-off's granted öre. */
  weight: number;
}

/**
 * A parent's progress from its parts, by the method stated on the parent: "weighted" sums each part's progress
 * times its weight over the total weight; "average" is the plain mean. Null when there are no parts to go by.
 */
export function combinedProgress(parts: ProgressPart[], method: ProgressMethod): number | null {
  if (parts.length === 0) return null;
  if (method === "average") return Math.floor(parts.reduce((s, p) => s + p.permille, 0) / parts.length);
  const total = parts.reduce((s, p) => s + p.weight, 0);
  if (total <= 0) return Math.floor(parts.reduce((s, p) => s + p.permille, 0) / parts.length);
  return Math.floor(parts.reduce((s, p) => s + p.permille * p.weight, 0) / total);
}

/** How a method is stated to readers. */
export function progressMethodText(method: ProgressMethod, parts: "indicators" | "call-offs"): string {
  if (method === "average")
    return `Framsteget är medelvärdet av ${parts === "indicators" ? "indikatorernas" : "avropens"} framsteg.`;
  return parts === "indicators"
    ? "Framsteget är indikatorernas framsteg vägt med deras angivna vikt."
    : "Framsteget är avropens framsteg vägt med beviljat belopp.";
}

/** "72,5 %" from per mille. */
export function formatPermille(permille: number): string {
  const whole = Math.floor(permille / 10);
  const tenth = permille % 10;
  return `${whole}${tenth ? `,${tenth}` : ""}\u00a0%`;
}

export type IndicatorUnit = "percent" | "people" | "count";

/** Swedish name of a unit, as "mäts i …" reads it. */
export const unitNames: Record<IndicatorUnit, string> = {
  percent: "procent",
  people: "personer",
  count: "antal",
};

/** What is wrong with a value in a unit, as the rule a reader is told, or null when it fits. */
export function unitProblem(unit: IndicatorUnit, value: number): string | null {
  if (!Number.isFinite(value)) return "värdet måste vara ett tal";
  if (unit === "percent")
    return value < 0 || value > 100 ? "värdet ska vara en andel mellan 0 och 100" : null;
  if (value < 0 || !Number.isInteger(value)) return "värdet ska vara ett helt antal, 0 eller mer";
  return null;
}

/** An indicator value as Swedish text: "72,5 %", "40 personer", "12". */
export function formatIndicatorValue(unit: IndicatorUnit, value: number): string {
  const text = String(value).replace(".", ",");
  if (unit === "percent") return `${text}\u00a0%`;
  if (unit === "people") return `${text} personer`;
  return text;
}
