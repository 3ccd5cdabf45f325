import { and, asc, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/connect.js";
import { body } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";
import { daysBetween, decisionCode, isOverdue } from "./decision-code.js";
import { type AssignmentStatus, assignment, decisionReference } from "./tables.js";

const givenRef = alias(decisionReference, "given_ref");
const givenBody = alias(body, "given_body");
const closedRef = alias(decisionReference, "closed_ref");
const closedBody = alias(body, "closed_body");

export interface DecisionRefView {
  id: string;
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  decidedOn: string;
  paragraphNumber: number | null;
  code: string;
  /** The public page of the paragraph when the decision is in Paragraf's minutes. */
  href: string | null;
}

function paragraphHref(
  ref: { paragraphId: string | null; decisionYear: number; paragraphNumber: number | null },
  bodySlug: string,
) {
  return ref.paragraphId && ref.paragraphNumber
    ? `/protokoll/${bodySlug}/${ref.decisionYear}/${ref.paragraphNumber}`
    : null;
}

export interface AssignmentView {
  id: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  bodyId: string;
  bodyName: string;
  bodySlug: string;
  text: string;
  deadline: string | null;
  status: AssignmentStatus;
  overdue: boolean;
  /** Days from the decision that gave it to `asOf` (today unless a list says otherwise) or to its closing. */
  ageDays: number;
  givenBy: DecisionRefView;
  closedBy: DecisionRefView | null;
}

export function today(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}

async function selectAssignments(tx: Tx, municipalityId: string, where: SQL | undefined, asOf: string) {
  const rows = await tx
    .select({
      a: assignment,
      caseNumber: registerCase.number,
      caseTitle: registerCase.title,
      casePublicTitle: registerCase.publicTitle,
      caseSecret: registerCase.secrecyProvision,
      bodyName: body.name,
      bodySlug: body.slug,
      given: givenRef,
      givenBodyName: givenBody.name,
      givenBodyShort: givenBody.shortName,
      givenBodyKind: givenBody.kind,
      givenBodySlug: givenBody.slug,
      closed: closedRef,
      closedBodyName: closedBody.name,
      closedBodyShort: closedBody.shortName,
      closedBodyKind: closedBody.kind,
      closedBodySlug: closedBody.slug,
    })
    .from(assignment)
    .innerJoin(registerCase, eq(registerCase.id, assignment.caseId))
    .innerJoin(body, eq(body.id, assignment.bodyId))
    .innerJoin(givenRef, eq(givenRef.id, assignment.givenById))
    .innerJoin(givenBody, eq(givenBody.id, givenRef.bodyId))
    .leftJoin(closedRef, eq(closedRef.id, assignment.closedById))
    .leftJoin(closedBody, eq(closedBody.id, closedRef.bodyId))
    .where(and(eq(assignment.municipalityId, municipalityId), where))
    .orderBy(asc(givenRef.decidedOn), asc(givenRef.paragraphNumber), asc(assignment.createdAt));
  return rows.map(
    (r): AssignmentView => ({
      id: r.a.id,
      caseId: r.a.caseId,
      caseNumber: r.caseNumber,
      // OSL 5 kap. 2 §: a secret case shows its public title, never its real one.
      caseTitle: r.caseSecret ? (r.casePublicTitle ?? "") : r.caseTitle,
      bodyId: r.a.bodyId,
      bodyName: r.bodyName,
      bodySlug: r.bodySlug,
      text: r.a.text,
      deadline: r.a.deadline,
      status: r.a.status,
      overdue: isOverdue(r.a.status, r.a.deadline, asOf),
      // A closed assignment's age stops at the decision that closed it.
      ageDays: Math.max(
        0,
        daysBetween(r.given.decidedOn, r.closed && r.closed.decidedOn < asOf ? r.closed.decidedOn : asOf),
      ),
      givenBy: {
        id: r.given.id,
        bodyId: r.given.bodyId,
        bodyName: r.givenBodyName,
        bodyKind: r.givenBodyKind,
        decidedOn: r.given.decidedOn,
        paragraphNumber: r.given.paragraphNumber,
        code: decisionCode(r.givenBodyShort ?? r.givenBodyName, r.given.decidedOn, r.given.paragraphNumber),
        href: paragraphHref(r.given, r.givenBodySlug),
      },
      closedBy: r.closed
        ? {
            id: r.closed.id,
            bodyId: r.closed.bodyId,
            bodyName: r.closedBodyName!,
            bodyKind: r.closedBodyKind!,
            decidedOn: r.closed.decidedOn,
            paragraphNumber: r.closed.paragraphNumber,
            code: decisionCode(
              r.closedBodyShort ?? r.closedBodyName!,
              r.closed.decidedOn,
              r.closed.paragraphNumber,
            ),
            href: paragraphHref(r.closed, r.closedBodySlug!),
          }
        : null,
    }),
  );
}

export async function findAssignmentView(tx: Tx, municipalityId: string, id: string) {
  const [row] = await selectAssignments(tx, municipalityId, eq(assignment.id, id), today());
  return row;
}

/** Assignments, optionally of one body, one case or one status. */
export function listAssignments(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; caseId?: string; status?: AssignmentStatus } = {},
  asOf = today(),
) {
  return selectAssignments(
    tx,
    municipalityId,
    and(
      filter.bodyId ? eq(assignment.bodyId, filter.bodyId) : undefined,
      filter.caseId ? eq(assignment.caseId, filter.caseId) : undefined,
      filter.status ? eq(assignment.status, filter.status) : undefined,
    ),
    asOf,
  );
}

/**
 * The auditor's annual list: assignments the council gave on or before 31 December of the year that were not
 * closed by then — still open, or closed by a decision taken after the year ended. Age and overdue are as of
 * that 31 December.
 */
export async function listUnfinishedCouncilAssignments(tx: Tx, municipalityId: string, year: number) {
  const yearEnd = `${year}-12-31`;
  const asOf = yearEnd < today() ? yearEnd : today();
  const rows = await selectAssignments(
    tx,
    municipalityId,
    and(
      eq(givenBody.kind, "council"),
      lte(givenRef.decidedOn, yearEnd),
      or(isNull(assignment.closedById), gt(closedRef.decidedOn, yearEnd)),
    ),
    asOf,
  );
  return rows.map((a) => ({ ...a, overdue: a.deadline !== null && a.deadline < asOf }));
}
