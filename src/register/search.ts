import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { registerRecordEntry, registerTitle } from "../domain/secrecy.js";
import type { SecretAccess } from "./access.js";
import type { CaseStatus, RecordDirection, RecordType } from "./tables.js";

// The diarium's search (X6): Swedish full-text search with stemming over case titles, record descriptions and
// the text of attached files, plus exact and prefix match on case and record numbers.
//
// Secrecy (OSL 5 kap. 2 §): a reader without access to a secret row is matched only against its public_tsv,
// which holds nothing but the public title or public description; titles, descriptions and snippets are taken
// from the same public fields. Secret text is never selected for such a reader, so it cannot reach a page, the
// API or a log through the search; what the reader sees in its place is decided by registerTitle and
// registerRecordEntry (src/domain/secrecy.ts), as on the case pages.

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

export const countCap = 500;
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
 * The text query. Each plain word must match, either by its Swedish stem or as written: the Snowball stemmer
 * gives "insats" and "insatser" different stems, and the word as written meets the stem of its plural.
 * Stop words drop out. Whole words only, so that a query stays cheap on the GIN index. A query with quotes,
 * "or" or a leading minus is read as web search syntax instead.
 */
function textQuery(q: string): SQL {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  const syntax = /"|(^|\s)-|\sor\s/i.test(q);
  if (syntax || words.length === 0 || words.length > 10) return sql`websearch_to_tsquery('swedish', ${q})`;
  const terms = words.map(
    (w) => sql`(CASE WHEN numnode(to_tsquery('swedish', ${w})) = 0 THEN ''::tsquery
      ELSE to_tsquery('swedish', ${w}) || to_tsquery('simple', ${w}) END)`,
  );
  return sql`(${sql.join(terms, sql` && `)})`;
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
  const q = (params.q ?? "").trim();
  // A query shaped like a number (STK-2024-13, 2011/KS 0206) looks for numbers first, and for words only when
  // no number begins that way.
  if (looksLikeNumber(q)) {
    const numbers = await runSearch(tx, searchQueries(municipalityId, access, params, { words: false }));
    if (numbers.total > 0) return numbers;
  }
  return runSearch(tx, searchQueries(municipalityId, access, params, { words: true }));
}

/** True for queries that contain a digit and a separator, as case and record numbers do. */
export function looksLikeNumber(q: string): boolean {
  return /\d/.test(q) && /[-/.]/.test(q) && q.length <= 60;
}

/**
 * Runs fn with sequential scans discouraged. With a LIMIT the planner tends to read a table front to back and
 * test every row against the text query, trusting its selectivity estimate; the GIN index answers faster.
 */
async function preferIndexes<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const [{ was }] = (await queryRows<{ was: string }>(
    tx,
    sql`SELECT current_setting('enable_seqscan') AS was, set_config('enable_seqscan', 'off', true)`,
  )) as [{ was: string }];
  try {
    return await fn();
  } finally {
    await tx.execute(sql`SELECT set_config('enable_seqscan', ${was}, true)`);
  }
}

async function runSearch(tx: Tx, built: ReturnType<typeof searchQueries>): Promise<SearchResult> {
  if (!built) return { hits: [], total: 0, totalCapped: false, page: 1, perPage: 20 };
  const count = () =>
    preferIndexes(
      tx,
      async () => ((await queryRows<{ n: number }>(tx, built.countQuery)) as [{ n: number }])[0].n,
    );
  const result = (rows: Record<string, any>[], n: number): SearchResult => ({
    hits: rows.map(toHit),
    total: Math.min(n, countCap),
    totalCapped: n > countCap,
    page: built.page,
    perPage: built.perPage,
  });
  if (built.ranking) {
    const rows = await preferIndexes(tx, () => queryRows<Record<string, any>>(tx, built.pageQuery(true)));
    const n = rows.length > 0 ? (rows[0]!.total as number) : await count();
    // Number matches are taken along the number index, lowest first, so the first ones are the right ones.
    if (n <= countCap || built.numbersOnly) return result(rows, n);
    // Too broad to rank every match: the newest first, which the date indexes give without reading them all.
    return result(await queryRows<Record<string, any>>(tx, built.pageQuery(false)), n);
  }
  const rows = await queryRows<Record<string, any>>(tx, built.pageQuery(false));
  return result(rows, await count());
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
export function searchQueries(
  municipalityId: string,
  access: SecretAccess,
  params: SearchParams,
  options: { words: boolean } = { words: true },
) {
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
  if (q && options.words) {
    caseMatch.push(sql`c.public_tsv @@ ${tsq}`);
    recordMatch.push(sql`r.public_tsv @@ ${tsq}`);
    // A reader without any access never gets near secret_tsv.
    if (!none) {
      caseMatch.push(sql`(c.secret_tsv @@ ${tsq} AND ${canSee})`);
      recordMatch.push(sql`(r.secret_tsv @@ ${tsq} AND ${canSee})`);
    }
  }
  if (q && number) {
    caseMatch.push(sql`upper(c.number) LIKE ${likePrefix(number)}`);
    recordMatch.push(sql`upper(r.number) LIKE ${likePrefix(number)}`);
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
  if (q && caseMatch.length === 0) return null;

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
  const textRank = (alias: "c" | "r") =>
    q && options.words ? sql`ts_rank(${vector(alias)}, ${tsq})` : sql`0::real`;

  const orderBy = (h: string, ranked: boolean) => {
    const t = (column: string) => sql.raw(h ? `${h}.${column}` : column);
    const effective = sort === "relevance" && !ranked ? "newest" : sort;
    return {
      // Number matches run in number order, as a list of numbers one is typing the beginning of.
      relevance: options.words
        ? sql`${t("rank")} DESC, ${t("dated_on")} DESC, ${t("number")}`
        : sql`${t("rank")} DESC, ${t("number")}`,
      newest: sql`${t("dated_on")} DESC, ${t("id")} DESC`,
      oldest: sql`${t("dated_on")} ASC, ${t("id")} ASC`,
      number: sql`${t("year")} DESC, ${t("sequence")} DESC, ${t("record_sequence")} ASC`,
    }[effective];
  };

  const caseBranch = (ranked: boolean) => sql`
      SELECT 'case'::text AS kind, c.id, c.number, c.id AS case_id, c.opened_on AS dated_on,
        NULL::text AS record_type, NULL::text AS direction, c.year, c.sequence, 0 AS record_sequence,
        ${ranked ? sql`greatest(${numberRank(sql`c.number`, 2)}, ${textRank("c")})` : sql`0::real`} AS rank
      FROM register_case c
      WHERE ${sql.join(caseFilters, sql` AND `)}`;
  const recordBranch = (ranked: boolean) => sql`
      SELECT 'record'::text AS kind, r.id, r.number, r.case_id, r.dated_on, r.record_type, r.direction,
        ${joinCase ? sql`c.year, c.sequence` : sql`NULL::int AS year, NULL::int AS sequence`},
        r.sequence AS record_sequence,
        ${ranked ? sql`greatest(${numberRank(sql`r.number`, 1.5)}, ${textRank("r")})` : sql`0::real`} AS rank
      FROM record r ${joinCase ? sql`JOIN register_case c ON c.id = r.case_id` : sql``}
      WHERE ${sql.join(recordFilters, sql` AND `)}`;
  const branches = (ranked: boolean) => [
    ...(withCases ? [caseBranch(ranked)] : []),
    ...(withRecords ? [recordBranch(ranked)] : []),
  ];

  const capped = branches(false).map((b) => sql`(${b} LIMIT ${countCap + 1})`);
  const countQuery = sql`SELECT count(*)::int AS n FROM (${sql.join(capped, sql` UNION ALL `)}) x`;

  // Ranked: the matches (at most countCap + 1 from each table) are scored and counted, then one page is taken.
  // Otherwise each table gives its first rows in the order asked for, read along the date indexes.
  const chosen = (ranked: boolean) => {
    const offset = (page - 1) * perPage;
    if (ranked) {
      // Number matches are taken lowest first along the number index; word matches all fit under the cap.
      const byNumber = [
        ...(withCases ? [sql`ORDER BY upper(c.number) USING ~<~`] : []),
        ...(withRecords ? [sql`ORDER BY upper(r.number) USING ~<~`] : []),
      ];
      const limited = branches(true).map(
        (b, i) => sql`(${b} ${options.words ? sql`` : byNumber[i]!} LIMIT ${countCap + 1})`,
      );
      return sql`matches AS MATERIALIZED (SELECT * FROM (${sql.join(limited, sql` UNION ALL `)}) m),
        total AS (SELECT count(*)::int AS n FROM matches),
        chosen AS (SELECT * FROM matches ORDER BY ${orderBy("", true)} LIMIT ${perPage} OFFSET ${offset})`;
    }
    const limited = branches(false).map(
      (b) => sql`(${b} ORDER BY ${orderBy("", false)} LIMIT ${page * perPage})`,
    );
    return sql`total AS (SELECT NULL::int AS n),
      chosen AS (SELECT * FROM (${sql.join(limited, sql` UNION ALL `)}) h
        ORDER BY ${orderBy("", false)} LIMIT ${perPage} OFFSET ${offset})`;
  };

  const caseVisible = sql`(c.secrecy_provision IS NULL OR ${canSee})`;
  const recordVisible = sql`(r.secrecy_provision IS NULL OR ${canSee})`;
  const snippetSource = sql`CASE
      WHEN h.kind = 'case' THEN CASE WHEN ${caseVisible} THEN c.title ELSE coalesce(c.public_title, '') END
      WHEN ${recordVisible} THEN r.description || E'\n' || coalesce(r.file_text, '')
      ELSE coalesce(r.public_description, '') END`;
  const pageQuery = (ranked: boolean) => sql`
    WITH ${chosen(ranked)}
    SELECT h.kind, h.id, h.number, c.number AS case_number, h.dated_on::text AS dated_on, h.record_type,
      h.direction, c.status, b.name AS body_name, (SELECT n FROM total) AS total,
      CASE WHEN h.kind = 'case' THEN c.secrecy_provision IS NOT NULL ELSE r.secrecy_provision IS NOT NULL END
        AS secret,
      ${caseVisible} AS visible, coalesce(${recordVisible}, false) AS record_visible,
      c.secrecy_provision IS NOT NULL AS case_secret, r.secrecy_provision IS NOT NULL AS record_secret,
      CASE WHEN ${caseVisible} THEN c.title ELSE '' END AS case_title, c.public_title,
      CASE WHEN h.kind = 'record' AND ${recordVisible} THEN r.description ELSE '' END AS description,
      r.public_description,
      ${q && options.words ? sql`ts_headline('swedish', ${snippetSource}, ${tsq}, ${headlineOptions})` : sql`NULL::text`} AS headline
    FROM chosen h
    JOIN register_case c ON c.id = h.case_id
    LEFT JOIN record r ON h.kind = 'record' AND r.id = h.id
    LEFT JOIN body b ON b.id = c.responsible_body_id
    ORDER BY ${orderBy("h", ranked)}`;
  return {
    pageQuery,
    countQuery,
    page,
    perPage,
    sort,
    ranking: Boolean(q) && sort === "relevance",
    numbersOnly: !options.words,
  };
}

/** A hit as the reader may see it: titles and descriptions through the register's secrecy rules. */
function toHit(row: Record<string, any>): SearchHit {
  const isCase = row.kind === "case";
  const caseTitle = registerTitle(
    { secret: row.case_secret, title: row.case_title, publicTitle: row.public_title },
    row.visible,
  );
  const heading = isCase
    ? caseTitle
    : registerRecordEntry(
        {
          secret: row.record_secret,
          description: row.description,
          publicDescription: row.public_description,
          counterpartName: null,
          counterpartBodyId: null,
        },
        row.record_visible,
      ).description;
  const withheld = Boolean(row.secret && !(isCase ? row.visible : row.record_visible));
  return {
    kind: row.kind,
    id: row.id,
    number: row.number,
    caseNumber: row.case_number,
    caseTitle,
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
