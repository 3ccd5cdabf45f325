// `npx tsx bench/explain.ts "detaljplan Limhamn" [numbers]`: the plans of one search (count, ranked page,
// newest-first page) on the benchmark database
// (BENCH_DATABASE_URL, default paragraf_bench), as an anonymous reader, for looking into a slow query.
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { searchQueries } from "../src/register/search.js";

const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/paragraf_bench";
const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows } = await client.query("SELECT id FROM municipality WHERE slug = 'bench'");
const words = process.argv[3] !== "numbers";
const built = searchQueries(rows[0].id, { all: false, bodyIds: [] }, { q: process.argv[2] ?? "" }, { words });
const dialect = new PgDialect();
await client.query("BEGIN");
// As the search runs them: sequential scans off for the count and the ranked page (see preferIndexes).
await client.query("SELECT set_config('enable_seqscan', 'off', true)");
for (const statement of [built!.countQuery, built!.pageQuery(true), built!.pageQuery(false)]) {
  const query = dialect.sqlToQuery(statement);
  const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
  console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"), "\n");
}
await client.query("ROLLBACK");
await client.end();
