import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { NotFoundError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import { findBodyBySlug } from "../organisation/queries.js";
import { secretAccess } from "../register/access.js";
import {
  type AssignmentReader,
  type AssignmentView,
  presentAssignment,
  presentUnfinished,
} from "./present.js";
import { findAssignmentRow, listAssignmentRows, listUnfinishedCouncilAssignmentRows } from "./queries.js";
import type { AssignmentStatus } from "./tables.js";

// The read models of assignments: each loads what one view needs in a fixed number of statements (one for the
// assignments, whatever their number) and returns it as presented to the reader.

/** The reader a request has: its actor's secret access (none when anonymous), today in Stockholm. */
export function assignmentReader(actor: Actor | null, today: string = todayInStockholm()): AssignmentReader {
  return { access: secretAccess(actor), today };
}

/** A reader without secret access, today in Stockholm: what an anonymous visitor sees. */
export function publicReader(today: string = todayInStockholm()): AssignmentReader {
  return assignmentReader(null, today);
}

/** Assignments, optionally of one body, one case or one status. */
export async function readAssignments(
  tx: Tx,
  municipalityId: string,
  filter: { bodyId?: string; caseId?: string; status?: AssignmentStatus } = {},
  reader: AssignmentReader = publicReader(),
): Promise<AssignmentView[]> {
  const rows = await listAssignmentRows(tx, municipalityId, filter);
  return rows.map((row) => presentAssignment(row, reader));
}

/** One assignment; not found when the id is malformed or names no assignment of the municipality. */
export async function readAssignment(
  tx: Tx,
  municipalityId: string,
  id: string,
  reader: AssignmentReader = publicReader(),
): Promise<AssignmentView> {
  const row = isUuid(id) ? await findAssignmentRow(tx, municipalityId, id) : undefined;
  if (!row) throw new NotFoundError("assignment");
  return presentAssignment(row, reader);
}

/** The auditor's annual list of the council's assignments not finished when the year ended. */
export async function readUnfinishedCouncilAssignments(
  tx: Tx,
  municipalityId: string,
  year: number,
  reader: AssignmentReader = publicReader(),
): Promise<AssignmentView[]> {
  const rows = await listUnfinishedCouncilAssignmentRows(tx, municipalityId, `${year}-12-31`);
  return presentUnfinished(rows, reader, year);
}

/** A body and every assignment given to it; not found when no body has the slug. */
export async function readBodyAssignments(
  tx: Tx,
  municipalityId: string,
  slug: string,
  reader: AssignmentReader = publicReader(),
) {
  const found = await findBodyBySlug(tx, municipalityId, slug);
  if (!found) throw new NotFoundError("body");
  const rows = await listAssignmentRows(tx, municipalityId, { bodyId: found.id });
  return {
    body: { id: found.id, name: found.name, slug: found.slug },
    assignments: rows.map((row) => presentAssignment(row, reader)),
  };
}
