import type { Tx } from "../db/connect.js";
import type { SecretAccess } from "../register/access.js";
import { presentRoute, type RouteRows } from "./present.js";
import { listParagraphsOfCases, listRoutesOfCases } from "./queries.js";
import { loadParagraphRows } from "./read-paragraphs.js";

/** The decision routes of the cases with the paragraphs decided in them, in two queries for any number of cases. */
export async function loadRoutes(
  tx: Tx,
  municipalityId: string,
  caseIds: readonly string[],
): Promise<RouteRows> {
  const ids = [...new Set(caseIds)];
  return {
    steps: await listRoutesOfCases(tx, municipalityId, ids),
    paragraphs: await listParagraphsOfCases(tx, municipalityId, ids),
  };
}

/** A case's decision route (M6), each step with its meeting and paragraph once they exist; empty when none is planned. */
export async function routeView(tx: Tx, municipalityId: string, caseId: string, access: SecretAccess) {
  const route = await loadRoutes(tx, municipalityId, [caseId]);
  const rows = await loadParagraphRows(tx, municipalityId, [], {
    cite: route.paragraphs.map((p) => p.id),
  });
  return presentRoute(caseId, route, rows, access);
}
