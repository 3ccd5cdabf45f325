import { and, asc, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/connect.js";
import { body } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";
import { type AssignmentStatus, assignment, decisionReference } from "./tables.js";

const givenRef = alias(decisionReference, "given_ref");
const givenBody = alias(body, "given_body");
const closedRef = alias(decisionReference, "closed_ref");
const closedBody = alias(body, "closed_body");

/**
 * Assignments with their case, their body and both decision references, in one statement however many rows
 * match: every list and page of assignments loads through here.
 */
function selectAssignmentRows(tx: Tx, municipalityId: string, where: SQL | undefined) {
  return tx
    .select({
      a: assignment,
      caseNumber: registerCase.number,
      caseTitle: registerCase.title,
      casePublicTitle: registerCase.publicTitle,
      caseSecrecyProvision: registerCase.secrecyProvision,
      caseResponsibleBodyId: registerCase.responsibleBodyId,
      bodyName: body.name,
      bodySlug: body.slug,
      given: givenRef,
      givenBody: {
        name: givenBody.name,
        shortName: givenBody.shortName,
        kind: givenBody.kind,
        slug: givenBody.slug,
      },
      closed: closedRef,
      closedBody: {
        name: closedBody.name,
        shortName: closedBody.shortName,
        kind: closedBody.kind,
        slug: closedBody.slug,
      },
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
}

export type AssignmentRow = Awaited<ReturnType<typeof selectAssignmentRows>>[number];

export async function findAssignmentRow(tx: Tx, municipalityId: string, id: string) {
  const [row] = await selectAssignmentRows(tx, municipalityId, eq(assignment.id, id));
  return row;
}

/** Assignments, optionally of one body, one case or one status. */
export function listAssignmentRows(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; caseId?: string; status?: AssignmentStatus } = {},
) {
  return selectAssignmentRows(
    tx,
    municipalityId,
    and(
      filter.bodyId ? eq(assignment.bodyId, filter.bodyId) : undefined,
      filter.caseId ? eq(assignment.caseId, filter.caseId) : undefined,
      filter.status ? eq(assignment.status, filter.status) : undefined,
    ),
  );
}

/**
 * Assignments the council gave on or before a year's last day that were not closed by then: still open, or
 * closed by a decision taken after it.
 */
export function listUnfinishedCouncilAssignmentRows(tx: Tx, municipalityId: string, yearEnd: string) {
  return selectAssignmentRows(
    tx,
    municipalityId,
    and(
      eq(givenBody.kind, "council"),
      lte(givenRef.decidedOn, yearEnd),
      or(isNull(assignment.closedById), gt(closedRef.decidedOn, yearEnd)),
    ),
  );
}
