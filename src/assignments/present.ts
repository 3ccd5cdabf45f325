import { bodyDecisionCode } from "../domain/citation.js";
import { registerTitle } from "../domain/secrecy.js";
import { mayReadSecret, type SecretAccess } from "../register/access.js";
import { daysBetween, isOverdue } from "./deadlines.js";
import type { AssignmentRow } from "./queries.js";
import type { AssignmentStatus } from "./tables.js";
import type { Table } from "./tabular.js";

// What a reader sees of assignments. Pure: the read models load rows, these functions shape them, and the pages,
// the JSON API and the CSV/XLSX downloads all take the shaped value.

/** Who reads and on which day: secret case titles depend on the first, age and overdue on the second. */
export interface AssignmentReader {
  access: SecretAccess;
  /** The Stockholm day (todayInStockholm()) the reader reads on. */
  today: string;
}

export interface DecisionRefView {
  id: string;
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  decidedOn: string;
  paragraphNumber: number | null;
  /** The citation, "KF 240926 § 189". */
  code: string;
  /** The public page of the paragraph when the decision is in Paragraf's minutes. */
  href: string | null;
}

export interface AssignmentView {
  id: string;
  caseId: string;
  caseNumber: string;
  /** The case title as this reader may see it: a secret case's public title to a reader without access. */
  caseTitle: string;
  bodyId: string;
  bodyName: string;
  bodySlug: string;
  text: string;
  deadline: string | null;
  status: AssignmentStatus;
  overdue: boolean;
  /** Days from the decision that gave it to `asOf` (the reader's today unless a list says otherwise) or to its closing. */
  ageDays: number;
  givenBy: DecisionRefView;
  closedBy: DecisionRefView | null;
}

export const statusLabel: Record<AssignmentStatus, string> = {
  open: "Pågår",
  reported: "Anses återrapporterat",
  lapsed: "Faller",
  written_off: "Avskrivet",
};

/** The page of an assignment. */
export function assignmentPath(id: string): string {
  return `/uppdrag/${id}`;
}

/** The assignments given to one body. */
export function bodyAssignmentsPath(slug: string): string {
  return `/uppdrag/organ/${slug}`;
}

function decisionRef(
  ref: NonNullable<AssignmentRow["closed"]>,
  b: NonNullable<AssignmentRow["closedBody"]>,
): DecisionRefView {
  return {
    id: ref.id,
    bodyId: ref.bodyId,
    bodyName: b.name,
    bodyKind: b.kind,
    decidedOn: ref.decidedOn,
    paragraphNumber: ref.paragraphNumber,
    code: bodyDecisionCode(b, ref.decidedOn, ref.paragraphNumber),
    href:
      ref.paragraphId && ref.paragraphNumber
        ? `/protokoll/${b.slug}/${ref.decisionYear}/${ref.paragraphNumber}`
        : null,
  };
}

/** One assignment as the reader may see it, aged and judged overdue as of `asOf`. */
export function presentAssignment(
  row: AssignmentRow,
  reader: AssignmentReader,
  asOf: string = reader.today,
): AssignmentView {
  const a = row.a;
  return {
    id: a.id,
    caseId: a.caseId,
    caseNumber: row.caseNumber,
    // OSL 5 kap. 2 §: a secret case shows its public title to a reader without access.
    caseTitle: registerTitle(
      { secret: row.caseSecrecyProvision !== null, title: row.caseTitle, publicTitle: row.casePublicTitle },
      mayReadSecret(reader.access, row.caseResponsibleBodyId),
    ),
    bodyId: a.bodyId,
    bodyName: row.bodyName,
    bodySlug: row.bodySlug,
    text: a.text,
    deadline: a.deadline,
    status: a.status,
    overdue: isOverdue(a.status, a.deadline, asOf),
    // A closed assignment's age stops at the decision that closed it.
    ageDays: Math.max(
      0,
      daysBetween(
        row.given.decidedOn,
        row.closed && row.closed.decidedOn < asOf ? row.closed.decidedOn : asOf,
      ),
    ),
    givenBy: decisionRef(row.given, row.givenBody),
    closedBy: row.closed && row.closedBody ? decisionRef(row.closed, row.closedBody) : null,
  };
}

/** The day the auditor's list of a year is taken on: the year's last day, or today while the year runs. */
export function unfinishedAsOf(year: number, today: string): string {
  const yearEnd = `${year}-12-31`;
  return yearEnd < today ? yearEnd : today;
}

/**
 * The auditor's annual list: age and overdue as of the year's last day. An assignment closed after the year
 * ended was still overdue then if its deadline had passed.
 */
export function presentUnfinished(
  rows: AssignmentRow[],
  reader: AssignmentReader,
  year: number,
): AssignmentView[] {
  const asOf = unfinishedAsOf(year, reader.today);
  return rows.map((row) => {
    const view = presentAssignment(row, reader, asOf);
    return { ...view, overdue: view.deadline !== null && view.deadline < asOf };
  });
}

/** Assignments grouped by the body that carries them out, in the order the bodies first appear. */
export function groupByBody(views: AssignmentView[]) {
  const groups = new Map<
    string,
    { bodyId: string; bodyName: string; bodySlug: string; rows: AssignmentView[] }
  >();
  for (const a of views) {
    const group = groups.get(a.bodyId) ?? {
      bodyId: a.bodyId,
      bodyName: a.bodyName,
      bodySlug: a.bodySlug,
      rows: [],
    };
    group.rows.push(a);
    groups.set(a.bodyId, group);
  }
  return [...groups.values()].map((g) => ({ ...g, overdue: g.rows.filter((a) => a.overdue).length }));
}

/** The auditor's table: the same columns in the page, the CSV and the XLSX. */
export function unfinishedTable(year: number, rows: AssignmentView[]): Table {
  return {
    sheet: `Ej slutförda ${year}`,
    header: [
      "Beslut",
      "Beslutsdatum",
      "Ärende",
      "Organ",
      "Uppdrag",
      "Sista dag",
      "Ålder (dagar)",
      "Försenat",
      "Status i dag",
    ],
    rows: rows.map((a) => [
      a.givenBy.code,
      a.givenBy.decidedOn,
      a.caseNumber,
      a.bodyName,
      a.text,
      a.deadline,
      a.ageDays,
      a.overdue ? "ja" : "nej",
      a.closedBy ? `${statusLabel[a.status]} (${a.closedBy.code})` : statusLabel[a.status],
    ]),
  };
}
