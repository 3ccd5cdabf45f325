import { desc, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { listBodies, listPersons } from "../organisation/queries.js";
import type { SecretAccess } from "./access.js";
import { listSeries } from "./queries.js";
import { type SearchParams, searchRegister } from "./search.js";
import { registerCase } from "./tables.js";

// What the diarium's forms and its search page offer to choose from.

export interface Option {
  value: string;
  label: string;
}

/** What the diarium's forms offer to choose from: number series, bodies and case officers. */
export async function readChoices(tx: Tx, municipalityId: string) {
  const series = await listSeries(tx, municipalityId);
  const bodies = await listBodies(tx, municipalityId);
  const persons = await listPersons(tx, municipalityId);
  return {
    series: series.map((x): Option => ({ value: x.code, label: `${x.code} (${x.pattern})` })),
    bodies: bodies.map(
      (b): Option => ({ value: b.id, label: b.shortName ? `${b.name} (${b.shortName})` : b.name }),
    ),
    persons: persons.map((p): Option => ({ value: p.id, label: p.name })),
  };
}

/** The search page: the bodies to narrow by, and the hits when the query could be read. */
export async function readSearchPage(
  tx: Tx,
  municipalityId: string,
  access: SecretAccess,
  params: SearchParams | null,
) {
  const bodies = await listBodies(tx, municipalityId);
  // The page's help shows a number from this municipality's own diarium, never another's (a case number is
  // public even when the case's title is not).
  const [latest] = await tx
    .select({ number: registerCase.number })
    .from(registerCase)
    .where(eq(registerCase.municipalityId, municipalityId))
    .orderBy(desc(registerCase.openedOn), desc(registerCase.year), desc(registerCase.sequence))
    .limit(1);
  return {
    latestCaseNumber: latest?.number ?? null,
    bodies: bodies.map((b): Option => ({ value: b.id, label: b.name })),
    result: params ? await searchRegister(tx, municipalityId, access, params) : null,
  };
}
