import type { Database } from "@tvr/db";
import { sql } from "drizzle-orm";
import type { SeriesProfile } from "./schemas.ts";
import { MARTS, pageLinks, SOURCE_KEYS, SOURCES, type SourceKey } from "./sources.ts";

interface ProfileDeps {
  db: Database;
  martsSchema: string;
}

type SeriesRow = {
  series_id: number;
  title: string;
  original_title: string | null;
  first_air_date: string | null;
  release_year: number | null;
  status: string | null;
  number_of_seasons: number | null;
  number_of_episodes: number | null;
  plot: string | null;
  imdb_id: string | null;
  rt_path: string | null;
  mc_path: string | null;
  genres: Array<{ id: number; name: string }>;
  networks: Array<{ id: number; name: string }>;
};

type SnapshotRow = {
  period: string;
  run_id: string;
  /** ISO 8601 (to_json), as drizzle leaves timestamps unparsed. */
  collected_at: string;
  composite: number | null;
} & Record<SourceKey, number | null> &
  Record<`${SourceKey}_votes`, number | null>;

/** A series' profile with every source's latest score and its snapshots across runs; null when unknown. */
export async function seriesProfile(deps: ProfileDeps, id: number): Promise<SeriesProfile | null> {
  const found = await deps.db.execute<SeriesRow>(sql`
    select s.series_id, s.title, s.original_title, s.first_air_date::text as first_air_date, s.release_year,
      s.status, s.number_of_seasons, s.number_of_episodes, s.plot, s.imdb_id, s.rt_path, s.mc_path,
      coalesce((select json_agg(json_build_object('id', d.genre_id, 'name', d.name) order by d.name)
                from series_genre g join genre_dim d using (genre_id) where g.series_id = s.series_id), '[]') as genres,
      coalesce((select json_agg(json_build_object('id', d.network_id, 'name', d.name) order by d.name)
                from series_network n join network_dim d using (network_id) where n.series_id = s.series_id), '[]') as networks
    from series s where s.series_id = ${id}`);
  const s = found.rows[0];
  if (!s) return null;

  const facts = sql`${sql.identifier(deps.martsSchema)}.${sql.identifier(MARTS.facts)}`;
  const history = await deps.db.execute<SnapshotRow>(sql`
    select f.period, f.run_id, to_json(f.collected_at) #>> '{}' as collected_at, f.composite_score::double precision as composite,
      ${sql.join(
        SOURCE_KEYS.flatMap((k) => [
          sql`f.${sql.raw(SOURCES[k].score)}::double precision as ${sql.identifier(k)}`,
          sql`f.${sql.raw(SOURCES[k].votes)}::double precision as ${sql.identifier(`${k}_votes`)}`,
        ]),
        sql`, `,
      )}
    from ${facts} f
    where f.series_id = ${id}
    order by f.period`);
  const snapshots = history.rows;
  const newest = snapshots.at(-1);
  const latestOf = (k: SourceKey) => {
    const snapshot = snapshots.findLast((row) => row[k] !== null);
    return {
      score: snapshot?.[k] ?? null,
      votes: snapshot?.[`${k}_votes`] ?? null,
      period: snapshot?.period ?? null,
    };
  };

  return {
    id: s.series_id,
    title: s.title,
    originalTitle: s.original_title,
    firstAirDate: s.first_air_date,
    year: s.release_year,
    status: s.status,
    seasons: s.number_of_seasons,
    episodes: s.number_of_episodes,
    overview: s.plot,
    genres: s.genres,
    networks: s.networks,
    links: pageLinks({ seriesId: s.series_id, imdbId: s.imdb_id, rtPath: s.rt_path, mcPath: s.mc_path }),
    composite: { score: newest?.composite ?? null, period: newest?.period ?? null },
    latest: Object.fromEntries(SOURCE_KEYS.map((k) => [k, latestOf(k)])) as SeriesProfile["latest"],
    history: snapshots.map((row) => ({
      period: row.period,
      runId: row.run_id,
      collectedAt: new Date(row.collected_at).toISOString(),
      composite: row.composite,
      scores: Object.fromEntries(
        SOURCE_KEYS.map((k) => [k, row[k]]),
      ) as SeriesProfile["history"][number]["scores"],
    })),
  };
}

/**
 * Genres and networks with how many series each has, the range of first-air
 * years, and the newest period in the marts (null before they are built): the
 * dashboard's filters.
 */
export async function catalogFacets({ db, martsSchema }: ProfileDeps) {
  const dimSeries = `${martsSchema}.${MARTS.series}`;
  const [genres, networks, years, period] = await Promise.all([
    db.execute<{ id: number; name: string; series: number }>(sql`
      select d.genre_id as id, d.name, count(*)::int as series
      from genre_dim d join series_genre g using (genre_id) group by d.genre_id, d.name order by d.name`),
    db.execute<{ id: number; name: string; series: number }>(sql`
      select d.network_id as id, d.name, count(*)::int as series
      from network_dim d join series_network n using (network_id)
      group by d.network_id, d.name order by count(*) desc, d.name limit 200`),
    db.execute<{ min: number | null; max: number | null }>(sql`
      select min(release_year)::int as min, max(release_year)::int as max from series`),
    db.execute<{ exists: boolean }>(sql`select to_regclass(${dimSeries}) is not null as exists`),
  ]);
  const latestPeriod = period.rows[0]?.exists
    ? ((
        await db.execute<{ period: string | null }>(
          sql`select max(latest_period) as period from ${sql.identifier(martsSchema)}.${sql.identifier(MARTS.series)}`,
        )
      ).rows[0]?.period ?? null)
    : null;
  return {
    genres: genres.rows,
    networks: networks.rows,
    years: years.rows[0] ?? { min: null, max: null },
    latestPeriod,
  };
}
