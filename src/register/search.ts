import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import type { SecretAccess } from "./access.js";
import type { CaseStatus, RecordDirection, RecordType } from "./tables.js";

// The diarium's search (X6): Swedish full-text search with stemming over case titles, record descriptions and
// the text of attached files, plus exact and prefix match on case and record numbers.
//
// Secrecy (OSL 5 kap. 2 §): a reader without access to a secret row is matched only against its public_tsv,
// which holds nothing but the public title or public description; titles, descriptions and snippets are taken
// from the same public fields. Secret text is never selected for such a reader, so it cannot reach a page, the
// API or a log through the search.

export const searchSorts = ["relevance", "newest", "oldest", "number"] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchParams {
  q?: string | null;
  bodyId?: string | null;
  year?: number | null;
  recordType?: RecordType | null;
  direction?: RecordDirection | null;
  status?: CaseStatus | null;
  kind?: "case" | "record" | null;
  sort?: SearchSort | null;
  page?: number | null;
  perPage?: number | null;
}

/** A piece of a snippet; the pieces that matched the query are marked. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  kind: "case" | "record";
  id: string;
  number: string;
  caseNumber: string;
  /** The case title, or the public title when it is secret and the reader has no access. */
  caseTitle: string;
  /** For a record: its description (or public description); for a case: its title as shown. */
  heading: string;
  datedOn: string;
  recordType: RecordType | null;
  direction: RecordDirection | null;
  status: CaseStatus;
  bodyName: string | null;
  /** Secrecy-marked (the marking itself is public). */
  secret: boolean;
  /** Some of the entry is withheld from this reader. */
  withheld: boolean;
  snippet: SnippetPart[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of hits, counted up to countCap. */
  total: number;
  totalCapped: boolean;
  page: number;
  perPage: number;
}

export const countCap = 1000;
const startMark = "\uE000";
const stopMark = "\uE001";
const headlineOptions = `StartSel=${startMark}, StopSel=${stopMark}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** Splits ts_headline output into marked and unmarked parts. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of headline.split(new RegExp(`[${startMark}${stopMark}]`)).entries()) {
    if (piece) parts.push({ text: piece, match: i % 2 === 1 });
  }
  return parts;
}

/**
 * The text query. Plain words are each matched as stems and as the beginning of longer words, so "insats" finds
 * "insatser", "budget" finds "budgetbeslut", and a word half typed already finds something. A query with
 * quotes, "or" or a leading minus is read as web search syntax instead.
 */
function textQuery(q: string): SQL {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  const syntax = /"|(^|\s)-|\sor\s/i.test(q);
  if (!syntax && words.length > 0 && words.length <= 10) {
    const terms = words.map((w) => (w.length >= 4 ? `${w}:*` : w)).join(" & ");
    return sql`to_tsquery('swedish', ${terms})`;
  }
  return sql`websearch_to_tsquery('swedish', ${q})`;
}

/** Upper-cased query, as numbers are matched; null when it cannot be a number. */
function numberQuery(q: string): string | null {
  return /\d/.test(q) && q.length <= 60 ? q.toUpperCase() : null;
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL that is true when the reader may see the secret content of case row `c`. */
function accessSql(access: SecretAccess): SQL {
  if (access.all) return sql`true`;
  if (access.bodyIds.length === 0) return sql`false`;
  return sql`c.responsible_body_id IN (${sql.join(
    access.bodyIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Rows of a raw query; both drivers (pg and PGlite) answer with { rows }. */
async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Searches one municipality's register as the given reader sees it. */
export async function searchRegister(
  tx: Tx,
  municipalityId: string,
  access: SecretAccess,
  params: SearchParams,
): Promise<SearchResult> {
  const built = searchQueries(municipalityId, access, params);
  if (!built) return { hits: [], total: 0, totalCapped: false, page: 1, perPage: 20 };
  const { pageQuery, countQuery, page, perPage } = built;
  const rows = await queryRows<Record<string, any>>(tx, pageQuery);
  if (countQuery) {
    const [{ n }] = (await queryRows<{ n: number }>(tx, countQuery)) as [{ n: number }];
    return { hits: rows.map(toHit), total: Math.min(n, countCap), totalCapped: n > countCap, page, perPage };
  }
  // With a query every match was ranked, so the count is exact (each row of the page carries it).
  const total = rows[0]?.total ?? 0;
  return { hits: rows.map(toHit), total, totalCapped: false, page, perPage };
}

/**
 * The statements of a search, for running and for EXPLAIN.
 *
 * With a query, every match is ranked (ts_rank, number matches above text matches) in one materialized set that
 * also gives the exact count. Without one (browsing with filters), each table contributes only its first
 * rows in the requested order, read from the date indexes, and the count is capped.
 * The record side joins its case only when a filter, the number order or a reader's per-body access needs it;
 * titles, visibility and snippets are worked out for the one page of hits alone.
 */
export function searchQueries(municipalityId: string, access: SecretAccess, params: SearchParams) {
  const q = (params.q ?? "").trim().slice(0, 200);
  const page = Math.max(1, Math.min(params.page ?? 1, 50));
  const perPage = Math.max(1, Math.min(params.perPage ?? 20, 100));
  const sort: SearchSort = params.sort ?? (q ? "relevance" : "newest");
  const number = q ? numberQuery(q) : null;
  const canSee = accessSql(access);
  const partial = !access.all && access.bodyIds.length > 0;
  const none = !access.all && !partial;
  const tsq = textQuery(q);
  const joinCase = Boolean(params.bodyId || params.status || sort === "number" || partial);

  const caseMatch: SQL[] = [];
  const recordMatch: SQL[] = [];
  if (q) {
    caseMatch.push(sql`c.public_tsv @@ ${tsq}`);
    recordMatch.push(sql`r.public_tsv @@ ${tsq}`);
    // A reader without any access never gets near secret_tsv.
    if (!none) {
      caseMatch.push(sql`(c.secret_tsv @@ ${tsq} AND ${canSee})`);
      recordMatch.push(sql`(r.secret_tsv @@ ${tsq} AND ${canSee})`);
    }
    if (number) {
      caseMatch.push(sql`upper(c.number) LIKE ${likePrefix(number)}`);
      recordMatch.push(sql`upper(r.number) LIKE ${likePrefix(number)}`);
    }
  }

  const caseFilters: SQL[] = [sql`c.municipality_id = ${municipalityId}`];
  const recordFilters: SQL[] = [sql`r.municipality_id = ${municipalityId}`];
  if (caseMatch.length) caseFilters.push(sql`(${sql.join(caseMatch, sql` OR `)})`);
  if (recordMatch.length) recordFilters.push(sql`(${sql.join(recordMatch, sql` OR `)})`);
  if (params.bodyId) {
    caseFilters.push(sql`c.responsible_body_id = ${params.bodyId}`);
    recordFilters.push(sql`c.responsible_body_id = ${params.bodyId}`);
  }
  if (params.status) {
    caseFilters.push(sql`c.status = ${params.status}`);
    recordFilters.push(sql`c.status = ${params.status}`);
  }
  if (params.year) {
    caseFilters.push(sql`c.year = ${params.year}`);
    recordFilters.push(
      sql`r.dated_on >= ${`${params.year}-01-01`}::date AND r.dated_on < ${`${params.year + 1}-01-01`}::date`,
    );
  }
  if (params.recordType) recordFilters.push(sql`r.record_type = ${params.recordType}`);
  if (params.direction) recordFilters.push(sql`r.direction = ${params.direction}`);
  const withCases = params.kind !== "record" && !params.recordType && !params.direction;
  const withRecords = params.kind !== "case";
  if (!withCases && !withRecords) return null;

  const numberRank = (column: SQL, boost: number) =>
    number
      ? sql`CASE WHEN upper(${column}) = ${number} THEN ${sql.raw(String(boost + 1))}::real WHEN upper(${column}) LIKE ${likePrefix(number)} THEN ${sql.raw(String(boost))}::real ELSE 0::real END`
      : sql`0::real`;
  // Rank on what the reader may search: the full vector where the row's secret content is visible to them.
  const vector = (alias: "c" | "r") => {
    const t = (column: string) => sql.raw(`${alias}.${column}`);
    if (none) return sql`${t("public_tsv")}`;
    if (access.all) return sql`coalesce(${t("secret_tsv")}, ${t("public_tsv")})`;
    return sql`CASE WHEN ${canSee} THEN coalesce(${t("secret_tsv")}, ${t("public_tsv")}) ELSE ${t("public_tsv")} END`;
  };
  const textRank = (alias: "c" | "r") => (q ? sql`ts_rank(${vector(alias)}, ${tsq})` : sql`0::real`);

  const orderBy = (h: string) => {
    const t = (column: string) => sql.raw(h ? `${h}.${column}` : column);
    return {
      relevance: sql`${t("rank")} DESC, ${t("dated_on")} DESC, ${t("number")}`,
      newest: sql`${t("dated_on")} DESC, ${t("id")} DESC`,
      oldest: sql`${t("dated_on")} ASC, ${t("id")} ASC`,
      number: sql`${t("year")} DESC, ${t("sequence")} DESC, ${t("record_sequence")} ASC`,
    }[sort];
  };

  const caseBranch = sql`
      SELECT 'case'::text AS kind, c.id, c.number, c.id AS case_id, c.opened_on AS dated_on,
        NULL::text AS record_type, NULL::text AS direction, c.year, c.sequence, 0 AS record_sequence,
        greatest(${numberRank(sql`c.number`, 2)}, ${textRank("c")}) AS rank
      FROM register_case c
      WHERE ${sql.join(caseFilters, sql` AND `)}`;
  const recordBranch = sql`
      SELECT 'record'::text AS kind, r.id, r.number, r.case_id, r.dated_on, r.record_type, r.direction,
        ${joinCase ? sql`c.year, c.sequence` : sql`NULL::int AS year, NULL::int AS sequence`},
        r.sequence AS record_sequence,
        greatest(${numberRank(sql`r.number`, 1.5)}, ${textRank("r")}) AS rank
      FROM record r ${joinCase ? sql`JOIN register_case c ON c.id = r.case_id` : sql``}
      WHERE ${sql.join(recordFilters, sql` AND `)}`;
  const branches = [...(withCases ? [caseBranch] : []), ...(withRecords ? [recordBranch] : [])];

  let hits: SQL;
  let countQuery: SQL | null = null;
  if (q) {
    hits = sql`matches AS MATERIALIZED (${sql.join(branches, sql` UNION ALL `)}),
      chosen AS (SELECT * FROM matches ORDER BY ${orderBy("")} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}),
      total AS (SELECT count(*)::int AS n FROM matches)`;
  } else {
    const enough = page * perPage;
    const limited = branches.map((b) => sql`(${b} ORDER BY ${orderBy("")} LIMIT ${enough})`);
    hits = sql`chosen AS (SELECT * FROM (${sql.join(limited, sql` UNION ALL `)}) h
        ORDER BY ${orderBy("")} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}),
      total AS (SELECT NULL::int AS n)`;
    const capped = branches.map((b) => sql`(${b} LIMIT ${countCap + 1})`);
    countQuery = sql`SELECT count(*)::int AS n FROM (${sql.join(capped, sql` UNION ALL `)}) x`;
  }

  const caseVisible = sql`(c.secrecy_provision IS NULL OR ${canSee})`;
  const recordVisible = sql`(r.secrecy_provision IS NULL OR ${canSee})`;
  const snippetSource = sql`CASE
      WHEN h.kind = 'case' THEN CASE WHEN ${caseVisible} THEN c.title ELSE coalesce(c.public_title, '') END
      WHEN ${recordVisible} THEN r.description || E'\n' || coalesce(r.file_text, '')
      ELSE coalesce(r.public_description, '') END`;
  const pageQuery = sql`
    WITH ${hits}
    SELECT h.kind, h.id, h.number, c.number AS case_number, h.dated_on::text AS dated_on, h.record_type,
      h.direction, c.status, b.name AS body_name, (SELECT n FROM total) AS total,
      CASE WHEN h.kind = 'case' THEN c.secrecy_provision IS NOT NULL ELSE r.secrecy_provision IS NOT NULL END
        AS secret,
      ${caseVisible} AS visible, coalesce(${recordVisible}, false) AS record_visible,
      CASE WHEN ${caseVisible} THEN c.title
        ELSE coalesce(nullif(trim(c.public_title), ''), 'Sekretessmarkerat ärende') END AS case_title,
      CASE WHEN h.kind = 'record' AND NOT ${recordVisible}
        THEN coalesce(nullif(trim(r.public_description), ''), 'Sekretessmarkerad handling') ELSE r.description END
        AS description,
      ${q ? sql`ts_headline('swedish', ${snippetSource}, ${tsq}, ${headlineOptions})` : sql`NULL::text`} AS headline
    FROM chosen h
    JOIN register_case c ON c.id = h.case_id
    LEFT JOIN record r ON h.kind = 'record' AND r.id = h.id
    LEFT JOIN body b ON b.id = c.responsible_body_id
    ORDER BY ${orderBy("h")}`;
  return { pageQuery, countQuery, page, perPage };
}

function toHit(row: Record<string, any>): SearchHit {
  const isCase = row.kind === "case";
  const heading = isCase ? (row.case_title as string) : (row.description as string);
  const withheld = Boolean(row.secret && !(isCase ? row.visible : row.record_visible));
  return {
    kind: row.kind,
    id: row.id,
    number: row.number,
    caseNumber: row.case_number,
    caseTitle: row.case_title,
    heading,
    datedOn: row.dated_on,
    recordType: row.record_type,
    direction: row.direction,
    status: row.status,
    bodyName: row.body_name,
    secret: row.secret,
    withheld,
    snippet: row.headline ? snippetParts(row.headline) : [{ text: heading, match: false }],
  };
}
