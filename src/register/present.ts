import { registerRecordEntry, registerTitle } from "../domain/secrecy.js";
import { mayReadSecret, type SecretAccess } from "./access.js";
import type { findCaseDetails, listCaseRecords, listLinkedCases, listSeries } from "./queries.js";
import type { CaseView, RecordView } from "./schemas.js";

type CaseDetails = NonNullable<Awaited<ReturnType<typeof findCaseDetails>>>;
type CaseRecords = Awaited<ReturnType<typeof listCaseRecords>>;
type LinkedCases = Awaited<ReturnType<typeof listLinkedCases>>;
type CaseRow = CaseDetails["case"];

/** The URL of a case's public page; numbers with a slash (2011/KS 0206) are encoded. */
export function casePath(number: string): string {
  return `/diarium/${encodeURIComponent(number)}`;
}

/** The URL of one record's page within its case. */
export function recordPath(caseNumber: string, sequence: number): string {
  return `${casePath(caseNumber)}/handlingar/${sequence}`;
}

/** A link to a case: its number and its title as the reader may see it. */
export function presentCaseRef(
  c: Pick<CaseRow, "id" | "number" | "title" | "publicTitle" | "secrecyProvision" | "responsibleBodyId">,
  access: SecretAccess,
) {
  const canSee = mayReadSecret(access, c.responsibleBodyId);
  return {
    id: c.id,
    number: c.number,
    title: registerTitle(
      { secret: c.secrecyProvision !== null, title: c.title, publicTitle: c.publicTitle },
      canSee,
    ),
  };
}

function marking(
  row: { secrecyProvision: string | null; secrecyMarkedOn: string | null },
  name: string | null,
) {
  return row.secrecyProvision
    ? { provision: row.secrecyProvision, markedOn: row.secrecyMarkedOn!, markedByName: name }
    : null;
}

/** One record as the reader may see it (OSL 5 kap. 2 §): secret parts and files withheld without access. */
export function presentRecord(
  row: CaseRecords[number],
  owner: { number: string; responsibleBodyId: string | null },
  access: SecretAccess,
): RecordView {
  const r = row.record;
  const canSee = mayReadSecret(access, owner.responsibleBodyId);
  const entry = registerRecordEntry({ secret: r.secrecyProvision !== null, ...r }, canSee);
  return {
    id: r.id,
    number: r.number,
    caseId: r.caseId,
    caseNumber: owner.number,
    direction: r.direction,
    recordType: r.recordType,
    datedOn: r.datedOn,
    counterpartBody:
      entry.counterpartBodyId && row.counterpartBodyName
        ? { id: entry.counterpartBodyId, name: row.counterpartBodyName, slug: row.counterpartBodySlug! }
        : null,
    counterpartName: entry.counterpartName,
    description: entry.description,
    withheld: entry.withheld,
    secrecy: marking(r, row.markedByName),
    files: entry.withheld
      ? []
      : row.files.map((f) => ({
          sha256: f.sha256,
          fileName: f.fileName,
          mediaType: f.mediaType,
          sizeBytes: f.sizeBytes,
          url: `${recordPath(owner.number, r.sequence)}/filer/${f.position}`,
        })),
  };
}

/** A case with its records and linked cases, as the reader may see it. */
export function presentCase(
  details: CaseDetails,
  records: CaseRecords,
  linked: LinkedCases,
  access: SecretAccess,
): CaseView {
  const c = details.case;
  const canSee = mayReadSecret(access, c.responsibleBodyId);
  const secret = c.secrecyProvision !== null;
  return {
    id: c.id,
    number: c.number,
    title: registerTitle({ secret, ...c }, canSee),
    withheld: secret && !canSee,
    status: c.status,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
    responsibleBody:
      c.responsibleBodyId && details.bodyName
        ? { id: c.responsibleBodyId, name: details.bodyName, slug: details.bodySlug! }
        : null,
    caseOfficerName: details.officerName,
    secrecy: marking(c, details.markedByName),
    originCase: linked.origin ? presentCaseRef(linked.origin, access) : null,
    derivedCases: linked.derived.map((x) => presentCaseRef(x, access)),
    relatedCases: linked.related.map((x) => presentCaseRef(x, access)),
    records: records.map((r) => presentRecord(r, c, access)),
  };
}

/** The number series with their counters per year, newest year first; nothing in them is secret. */
export function presentSeries(series: Awaited<ReturnType<typeof listSeries>>) {
  return series.map((x) => ({
    id: x.id,
    code: x.code,
    prefix: x.prefix,
    pattern: x.pattern,
    ownerBodyId: x.ownerBodyId,
    counters: x.counters.map((k) => ({ year: k.year, lastValue: k.lastValue })),
  }));
}
