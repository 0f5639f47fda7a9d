/**
 * Read API benchmark (not a test): BENCH_SERIES series (10,000) with
 * BENCH_WEEKS weekly snapshots (52) in a bench database, the marts built by
 * dbt, then p50/p95 latency per endpoint over real HTTP, and the plans of the
 * main queries, then the dashboard's first view per view in Chromium.
 * `pnpm bench:api`; DBT_BIN names dbt when it is not in .venv.
 */
import { createLogger } from "@tvr/config";
import { connectDatabase, ensureDatabaseExists, migrateDatabase } from "@tvr/db";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { SeriesListQuery } from "../src/catalog/schemas.ts";
import { inSearchTransaction, seriesListStatement } from "../src/catalog/series-list.ts";
import { loadApiEnv } from "../src/env.ts";
import { startApi } from "../src/service.ts";
import { buildMarts } from "../test/read-model.ts";
import { FIRST_VIEW_BUDGET_MS, measureFirstViews } from "./dashboard-first-view.ts";

const SERIES = Number(process.env.BENCH_SERIES ?? 10_000);
const WEEKS = Number(process.env.BENCH_WEEKS ?? 52);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const base = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/tv_ratings");
base.pathname = "/tvr_bench_read_api";
const databaseUrl = base.toString();
const TOKEN = "bench-token-0123456789abcdef";
const BASIC = { username: "bench", password: "bench-password" };
/** Loads of each dashboard view: the first in a fresh browser context, the rest warm. */
const DASHBOARD_LOADS = Number(process.env.BENCH_DASHBOARD_LOADS ?? 5);
/** A series the profile endpoints are measured on. */
const PROFILE_ID = Math.min(4242, SERIES);

async function dropBench() {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query('drop database if exists "tvr_bench_read_api" with (force)');
  await client.end();
}

async function recreateDatabase() {
  await dropBench();
  await ensureDatabaseExists(databaseUrl);
}

/** A synthetic catalog: pseudo-random but deterministic titles, dims and weekly scores. */
async function generate(db: ReturnType<typeof connectDatabase>["db"]) {
  const columns = await db.execute<{
    column_name: string;
  }>(sql`select column_name from information_schema.columns
    where table_name = 'pipeline_runs' and column_name in ('period', 'holds_period')`);
  const hasPeriod = columns.rows.length === 2;
  await db.execute(sql`insert into genre_dim (genre_id, name)
    select g, 'Genre ' || g from generate_series(1, 16) g`);
  await db.execute(sql`insert into network_dim (network_id, name)
    select n, 'Network ' || n from generate_series(1, 60) n`);
  await db.execute(sql`insert into series (series_id, title, original_title, release_year, first_air_date)
    select i,
      (array['The','A','Dark','Bright','Silent','Lost','Hidden','Last','Northern','Golden'])[1 + i % 10] || ' ' ||
      (array['Harbor','Lantern','Orchard','Strangers','Heirs','River','Crown','Signal','Garden','Empire','Winter','Station'])[1 + (i / 10) % 12] || ' ' ||
      (array['Chronicles','Files','Affair','Story','Club','Years','Project','Days'])[1 + (i / 120) % 8] || ' ' || (i % 97),
      null, 1960 + (i * 7) % 64, make_date(1960 + (i * 7) % 64, 1 + i % 12, 1)
    from generate_series(1, ${SERIES}) i`);
  await db.execute(sql`update series set title = v.t, original_title = v.o from (values
    (1, 'Élite', 'Élite'), (2, 'Who Killed Sara?', '¿Quién mató a Sara?'), (3, 'Narcos: Mexico', 'Narcos: México'))
    as v(id, t, o) where series_id = v.id`);
  await db.execute(
    sql`insert into series_genre select i, 1 + (i * 13) % 16 from generate_series(1, ${SERIES}) i`,
  );
  await db.execute(sql`insert into series_genre select i, 1 + (i * 5 + 3) % 16 from generate_series(1, ${SERIES}) i
    where i % 3 = 0 and 1 + (i * 5 + 3) % 16 <> 1 + (i * 13) % 16`);
  await db.execute(
    sql`insert into series_network select i, 1 + (i * 17) % 60 from generate_series(1, ${SERIES}) i`,
  );
  const period = sql`to_char(now() - (${WEEKS} - w) * interval '7 days', 'IYYY-"W"IW')`;
  await db.execute(sql`insert into pipeline_runs (mode, status, started_at, finished_at
      ${hasPeriod ? sql`, period, holds_period` : sql``})
    select 'sandbox', 'succeeded', now() - (${WEEKS} - w) * interval '7 days',
      now() - (${WEEKS} - w) * interval '7 days' + interval '1 hour'
      ${hasPeriod ? sql`, ${period}, true` : sql``}
    from generate_series(1, ${WEEKS}) w`);
  const score = (salt: string, scale: number) =>
    sql`round((least(greatest((abs(hashtext(s.i || ${salt})) % 600) / 100.0 + 3.5 + sin(r.n / 6.0 + s.i) * 0.3, 0), 10) * ${scale / 10})::numeric, ${scale === 100 ? 0 : 1})`;
  await db.execute(sql`insert into ratings (run_id, series_id, collected_at
      ${hasPeriod ? sql`, period` : sql``},
      tmdb_vote_average, tmdb_vote_count, imdb_rating, imdb_count, tomatoes_critic, tomatoes_audience, metacritic, metauser)
    select r.id, s.i, r.started_at ${hasPeriod ? sql`, r.period` : sql``},
      ${score("t", 10)}, abs(hashtext(s.i || 'tv')) % 5000, ${score("i", 10)}, abs(hashtext(s.i || 'iv')) % 200000,
      case when s.i % 3 = 0 then null else ${score("r", 100)} end, ${score("a", 100)},
      case when s.i % 4 = 0 then null else ${score("m", 100)} end, ${score("u", 10)}
    from (select id, started_at, row_number() over (order by started_at) as n ${hasPeriod ? sql`, period` : sql``}
          from pipeline_runs) r
    cross join generate_series(1, ${SERIES}) s(i)`);
  await db.execute(sql`analyze`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function time(url: string): Promise<{ p50: number; p95: number; status: number }> {
  let status = 0;
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 5; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    await res.arrayBuffer();
    status = res.status;
    if (i >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), status };
}

const dialect = new PgDialect();
async function explain(
  handle: ReturnType<typeof connectDatabase>,
  label: string,
  statement: ReturnType<typeof sql>,
) {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const plan = await inSearchTransaction(handle.db, async (tx) => {
    const rows = await tx.execute<{ "QUERY PLAN": string }>(
      sql.raw(`explain (analyze, costs off, timing off, summary on) ${inline(text, params)}`),
    );
    return rows.rows.map((r) => r["QUERY PLAN"]);
  });
  console.log(`\n-- EXPLAIN ${label}`);
  console.log(
    plan.filter((line) => /Scan|Join|Loop|Execution Time|Index Cond|Recheck/.test(line)).join("\n"),
  );
}

/** EXPLAIN takes no bind parameters; the bench's own values are inlined as literals. */
const inline = (text: string, params: unknown[]) =>
  text.replace(/\$(\d+)/g, (_, n: string) =>
    pg.Client.prototype.escapeLiteral(String(params[Number(n) - 1])),
  );

// BENCH_REUSE=1 measures the database a previous BENCH_KEEP_DATABASE=1 run left.
if (!process.env.BENCH_REUSE) await recreateDatabase();
const handle = connectDatabase(databaseUrl, { max: 4 });
if (!process.env.BENCH_REUSE) {
  await migrateDatabase(handle);
  let started = Date.now();
  await generate(handle.db);
  console.log(
    `generated ${SERIES} series x ${WEEKS} weeks in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  started = Date.now();
  await buildMarts(databaseUrl);
  console.log(`dbt build in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const api = await startApi(
  loadApiEnv({
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: "tvrbench",
    API_PORT: "0",
    API_HOST: "127.0.0.1",
    API_TOKEN: TOKEN,
    API_BASIC_USER: BASIC.username,
    API_BASIC_PASSWORD: BASIC.password,
    LOG_LEVEL: "silent",
  }),
  createLogger({ name: "bench", level: "silent" }),
);
const [{ period } = { period: "" }] = (
  await handle.db.execute<{ period: string }>(sql`select max(latest_period) as period from marts.dim_series`)
).rows;
const cases = [
  "/series",
  "/series?sort=votes",
  "/series?genre=3&sort=imdb",
  "/series?network=7&yearFrom=2000&yearTo=2015&minScore[imdb]=7",
  `/series?search=${encodeURIComponent("quien mato a sara")}`,
  "/series?search=elyte",
  `/series?search=${encodeURIComponent("hiden orchard")}`,
  `/series/${PROFILE_ID}`,
  "/facets",
  `/marts/mart_top_rated_by_network?filter[period]=${period}&filter[network_id]=7`,
  `/marts/fct_series_ratings?filter[series_id]=${PROFILE_ID}`,
  `/marts/mart_genre_rating_distribution?filter[period]=${period}`,
];
console.log(`\n${"endpoint".padEnd(80)} status   p50 ms   p95 ms  (${REQUESTS} requests each)`);
for (const path of cases) {
  const { p50, p95, status } = await time(`${api.url}${path}`);
  console.log(
    `${path.padEnd(80)} ${String(status).padStart(6)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}`,
  );
}

const firstViews = await measureFirstViews({
  apiUrl: api.url,
  credentials: BASIC,
  views: {
    top: "?view=top",
    genres: "?view=genres",
    trends: "?view=trends",
    sources: "?view=sources",
    [`show ${PROFILE_ID}`]: `?view=show&id=${PROFILE_ID}`,
  },
  loads: DASHBOARD_LOADS,
});
console.log(
  `\n${"dashboard view".padEnd(16)} first load ms  median ms  under ${FIRST_VIEW_BUDGET_MS} ms  (${DASHBOARD_LOADS} loads, navigation start to first chart with data)`,
);
for (const { view, firstMs, medianMs } of firstViews) {
  const under = firstMs < FIRST_VIEW_BUDGET_MS && medianMs < FIRST_VIEW_BUDGET_MS ? "yes" : "no";
  console.log(
    `${view.padEnd(16)} ${firstMs.toFixed(0).padStart(13)} ${medianMs.toFixed(0).padStart(10)}  ${under}`,
  );
}

const query = (params: Record<string, string>) => SeriesListQuery.parse(params);
await explain(
  handle,
  "default list (composite)",
  seriesListStatement({ martsSchema: "marts" }, query({})).statement,
);
await explain(
  handle,
  "sorted by IMDb votes",
  seriesListStatement({ martsSchema: "marts" }, query({ sort: "votes" })).statement,
);
await explain(
  handle,
  "search",
  seriesListStatement({ martsSchema: "marts" }, query({ search: "quien mato a sara" })).statement,
);
await explain(
  handle,
  "genre filter, sorted by IMDb",
  seriesListStatement({ martsSchema: "marts" }, query({ genre: "3", sort: "imdb" })).statement,
);
await explain(
  handle,
  "profile history",
  sql`select * from marts.fct_series_ratings where series_id = ${PROFILE_ID} order by period`,
);

await api.close();
await handle.close();
if (!process.env.BENCH_KEEP_DATABASE) await dropBench();
