import type { Database, Executor } from "@tvr/db";
import { type SQL, sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { SeriesListQuery, SeriesSort, SeriesSummary } from "./schemas.ts";
import { MARTS, SOURCE_KEYS, SOURCES, type SourceKey } from "./sources.ts";

/** How close a title must come to a search (pg_trgm word similarity, 0-1). */
const SEARCH_THRESHOLD = 0.45;

const raw = (name: string) => sql.raw(name);
const latest = (column: string) => sql`d.${raw(`latest_${column}`)}`;

/** The expression each sort orders by; every one is a number so a cursor can hold it. */
function sortExpression(sort: SeriesSort): SQL {
  if (sort === "relevance") return sql`c.relevance`;
  if (sort === "composite") return sql`c.composite`;
  if (sort === "votes") return sql`c.imdb_votes::double precision`;
  if (sort === "year") return sql`c.release_year::double precision`;
  return sql`c.${sql.identifier(sort)}`;
}

/**
 * Series without a value sort last in either direction (scores, votes and years
 * are never negative). Literals, not bind parameters: the sort key must match
 * the expression indexes on dim_series (dbt/models/marts/dim_series.sql).
 */
const MISSING = { desc: sql.raw("-1"), asc: sql.raw("1e12") } as const;

interface ListDeps {
  db: Database;
  martsSchema: string;
}

/**
 * The statement behind one page of series (exported for the benchmark's
 * EXPLAIN), its sort, and whether it searches (then the similarity threshold
 * must be set in the same transaction, see `inSearchTransaction`).
 */
export function seriesListStatement(deps: Pick<ListDeps, "martsSchema">, query: SeriesListQuery) {
  const sort: SeriesSort = query.sort ?? (query.search ? "relevance" : "composite");
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
  const direction = query.order;
  const key = sql`coalesce(${sortExpression(sort)}, ${MISSING[direction]})`;
  const searchText = sql`lower(immutable_unaccent(${query.search ?? ""}))`;
  const mart = (table: string) => sql`${sql.identifier(deps.martsSchema)}.${sql.identifier(table)}`;

  // Filters on the star schema, where the search, year and bridge indexes are.
  const seriesFilters: SQL[] = [];
  if (query.search) seriesFilters.push(sql`series_search_text(s.title, s.original_title) %> ${searchText}`);
  if (query.genre) {
    seriesFilters.push(
      sql`exists (select 1 from series_genre g where g.series_id = s.series_id and g.genre_id = ${query.genre})`,
    );
  }
  if (query.network) {
    seriesFilters.push(
      sql`exists (select 1 from series_network n where n.series_id = s.series_id and n.network_id = ${query.network})`,
    );
  }
  if (query.yearFrom !== undefined) seriesFilters.push(sql`s.release_year >= ${query.yearFrom}`);
  if (query.yearTo !== undefined) seriesFilters.push(sql`s.release_year <= ${query.yearTo}`);

  const pageFilters: SQL[] = [];
  const minComposite = query["minScore[composite]"];
  if (minComposite !== undefined) pageFilters.push(sql`c.composite >= ${minComposite}`);
  for (const source of SOURCE_KEYS) {
    const min = query[`minScore[${source}]`];
    if (min !== undefined) pageFilters.push(sql`c.${sql.identifier(source)} >= ${min}`);
  }
  if (cursor) {
    const comparison = direction === "desc" ? sql`<` : sql`>`;
    pageFilters.push(sql`(${key}, c.series_id) ${comparison} (${cursor.key}, ${cursor.id})`);
  }
  const where = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);
  const order = direction === "desc" ? sql`desc` : sql`asc`;
  const sourceColumns = sql.join(
    SOURCE_KEYS.map((k) => sql.identifier(k)),
    sql`, `,
  );

  const statement = sql`
    with candidates as (
      select s.series_id, s.title, s.original_title, s.release_year, d.latest_period as period,
        ${query.search ? sql`word_similarity(${searchText}, series_search_text(s.title, s.original_title))` : sql`0`}::double precision as relevance,
        d.latest_composite_score::double precision as composite,
        d.latest_tmdb_vote_count as tmdb_votes, d.latest_imdb_count as imdb_votes,
        ${sql.join(
          SOURCE_KEYS.map((k) => sql`${latest(SOURCES[k].score)}::double precision as ${sql.identifier(k)}`),
          sql`, `,
        )}
      from series s
      join ${mart(MARTS.series)} d on d.series_id = s.series_id
      ${where([sql`d.latest_period is not null`, ...seriesFilters])}
    ),
    page as (
      select c.series_id, c.title, c.original_title, c.release_year, c.period, c.composite, ${sourceColumns},
        c.tmdb_votes, c.imdb_votes, ${key} as sort_key
      from candidates c
      ${where(pageFilters)}
      order by sort_key ${order}, c.series_id ${order}
      limit ${query.limit + 1}
    )
    select page.*,
      coalesce((select json_agg(json_build_object('id', d.genre_id, 'name', d.name) order by d.name)
                from series_genre g join genre_dim d using (genre_id) where g.series_id = page.series_id), '[]') as genres,
      coalesce((select json_agg(json_build_object('id', d.network_id, 'name', d.name) order by d.name)
                from series_network n join network_dim d using (network_id) where n.series_id = page.series_id), '[]') as networks
    from page
    order by sort_key ${order}, page.series_id ${order}`;

  return { statement, sort };
}

/** Runs `work` in a transaction whose title searches use the API's similarity threshold. */
export function inSearchTransaction<T>(db: Database, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(SEARCH_THRESHOLD)}, true)`,
    );
    return work(tx);
  });
}

/**
 * One page of series with their latest scores (the marts' latest period of
 * each series), searched, filtered and sorted, with a keyset cursor.
 */
export async function listSeries(deps: ListDeps, query: SeriesListQuery) {
  const { statement, sort } = seriesListStatement(deps, query);
  const rows = await inSearchTransaction(deps.db, async (tx) => (await tx.execute<ListRow>(statement)).rows);
  const items = rows.slice(0, query.limit).map(toSummary);
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return {
    items,
    nextCursor: last ? encodeCursor({ sort, key: last.sort_key, id: last.series_id }) : null,
  };
}

type ListRow = {
  series_id: number;
  title: string;
  original_title: string | null;
  release_year: number | null;
  period: string;
  sort_key: number;
  composite: number | null;
  tmdb_votes: number | null;
  imdb_votes: number | null;
  genres: Array<{ id: number; name: string }>;
  networks: Array<{ id: number; name: string }>;
} & Record<SourceKey, number | null>;

function toSummary(row: ListRow): SeriesSummary {
  return {
    id: row.series_id,
    title: row.title,
    originalTitle: row.original_title,
    year: row.release_year,
    genres: row.genres,
    networks: row.networks,
    period: row.period,
    composite: row.composite,
    scores: Object.fromEntries(SOURCE_KEYS.map((k) => [k, row[k]])) as SeriesSummary["scores"],
    votes: { tmdb: row.tmdb_votes, imdb: row.imdb_votes },
  };
}
