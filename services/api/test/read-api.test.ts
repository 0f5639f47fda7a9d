import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "./helpers.ts";
import { buildMarts, type ReadModelFixture, startReadModel } from "./read-model.ts";

let f: ReadModelFixture;
const inject = (options: InjectOptions) => f.api.app.inject({ headers: bearer, ...options });
const getJson = async (url: string) => {
  const res = await inject({ url });
  return { status: res.statusCode, body: res.json() };
};
const query = <T extends Record<string, unknown>>(statement: ReturnType<typeof sql>) =>
  f.harness.database.db.execute<T>(statement).then((r) => r.rows);

const one = async <T extends Record<string, unknown>>(statement: ReturnType<typeof sql>) => {
  const [row] = await query<T>(statement);
  if (!row) throw new Error("the query returned no row");
  return row;
};

beforeAll(async () => {
  f = await startReadModel();
}, 240_000);
afterAll(async () => {
  await f?.close();
});

describe("before the marts are built", () => {
  it("answers 503 saying the marts are not built yet", async () => {
    for (const url of ["/series", "/series/1399", "/marts/fct_series_ratings"]) {
      const { status, body } = await getJson(url);
      expect(status, url).toBe(503);
      expect(body.message).toMatch(/marts are not built yet.*transform stage/);
    }
    const { body } = await getJson("/marts");
    expect(body.every((m: { built: boolean }) => !m.built)).toBe(true);
  });
});

describe("after dbt build", () => {
  beforeAll(async () => {
    await buildMarts(f.harness.database.url);
  }, 240_000);

  it("lists series by the marts' composite score, highest first", async () => {
    const { status, body } = await getJson("/series?limit=5");
    expect(status).toBe(200);
    const expected = await query<{ series_id: number; c: number }>(sql`
      select series_id, latest_composite_score::float8 as c from marts.dim_series
      where latest_composite_score is not null order by latest_composite_score desc, series_id desc limit 5`);
    expect(body.items.map((s: { id: number; composite: number }) => [s.id, s.composite])).toEqual(
      expected.map((r) => [r.series_id, r.c]),
    );
    expect(body.items[0]).toMatchObject({ period: expect.stringMatching(/^\d{4}-W\d{2}$/) });
    expect(body.items[0].genres.length + body.items[0].networks.length).toBeGreaterThan(0);
  });

  it("finds titles typed without accents and with a letter wrong", async () => {
    const titles = async (search: string) =>
      (await getJson(`/series?search=${encodeURIComponent(search)}`)).body.items.map(
        (s: { title: string; originalTitle: string }) => `${s.title} / ${s.originalTitle}`,
      );
    expect((await titles("elite"))[0]).toBe("Élite / Élite");
    expect((await titles("ÉLITE"))[0]).toBe("Élite / Élite");
    expect((await titles("quien nato a sara"))[0]).toBe("Who Killed Sara? / ¿Quién mató a Sara?");
    expect((await titles("Mony Heist"))[0]).toBe("Money Heist / La casa de papel");
    expect(await titles("zzqxv")).toEqual([]);
  });

  it("filters by genre, network, years and a source's minimum score", async () => {
    const { genre_id: genre } = await one<{ genre_id: number }>(
      sql`select genre_id from series_genre group by genre_id order by count(*) desc limit 1`,
    );
    const byGenre = (await getJson(`/series?genre=${genre}&limit=100`)).body.items;
    expect(byGenre.length).toBeGreaterThan(0);
    expect(
      byGenre.every((s: { genres: Array<{ id: number }> }) => s.genres.some((g) => g.id === genre)),
    ).toBe(true);

    const byNetwork = (await getJson("/series?network=213&limit=100")).body.items;
    expect(byNetwork.length).toBeGreaterThan(0);
    expect(
      byNetwork.every((s: { networks: Array<{ id: number }> }) => s.networks.some((n) => n.id === 213)),
    ).toBe(true);

    const years = (await getJson("/series?yearFrom=2015&yearTo=2019&limit=100")).body.items;
    expect(years.length).toBeGreaterThan(0);
    expect(years.every((s: { year: number }) => s.year >= 2015 && s.year <= 2019)).toBe(true);

    const good = (await getJson("/series?minScore[imdb]=8.5&limit=100")).body.items;
    const { n } = await one<{ n: number }>(
      sql`select count(*)::int as n from marts.dim_series where latest_imdb_rating >= 8.5`,
    );
    expect(good).toHaveLength(n);
    expect(good.every((s: { scores: { imdb: number } }) => s.scores.imdb >= 8.5)).toBe(true);
  });

  it("sorts by IMDb votes from the marts alone, without dbt's staging views", async () => {
    const expected = await query<{ series_id: number; tmdb: number | null; imdb: number | null }>(sql`
      select series_id, latest_tmdb_vote_count as tmdb, latest_imdb_count as imdb from marts.dim_series
      where latest_period is not null
      order by coalesce(latest_imdb_count, -1) desc, series_id desc limit 5`);
    expect(expected.some((r) => r.imdb !== null)).toBe(true);
    await query(sql`alter schema staging rename to staging_hidden`);
    try {
      const { status, body } = await getJson("/series?sort=votes&limit=5");
      expect(status).toBe(200);
      expect(
        body.items.map((s: { id: number; votes: { tmdb: number | null; imdb: number | null } }) => [
          s.id,
          s.votes.tmdb,
          s.votes.imdb,
        ]),
      ).toEqual(expected.map((r) => [r.series_id, r.tmdb, r.imdb]));
    } finally {
      await query(sql`alter schema staging_hidden rename to staging`);
    }
  });

  it("pages with a cursor through every series exactly once, in each sort", async () => {
    for (const sort of ["composite", "imdb", "votes", "year"]) {
      const all = (await getJson(`/series?sort=${sort}&limit=100`)).body.items.map(
        (s: { id: number }) => s.id,
      );
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/series?sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await getJson(url)).body;
        paged.push(...page.items.map((s: { id: number }) => s.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(all);
      expect(new Set(paged).size).toBe(paged.length);
    }
    const ascending = (await getJson("/series?sort=year&order=asc&limit=100")).body.items.map(
      (s: { year: number | null }) => s.year,
    );
    const known = ascending.filter((y: number | null) => y !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    // Series without a year come last in either direction.
    expect(ascending.slice(known.length).every((y: number | null) => y === null)).toBe(true);
  });

  it("shows a profile with every source's latest score and its history across runs", async () => {
    const { series_id: id } = await one<{ series_id: number }>(
      sql`select series_id from series where title = 'Who Killed Sara?'`,
    );
    const { status, body } = await getJson(`/series/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ title: "Who Killed Sara?", originalTitle: "¿Quién mató a Sara?" });
    expect(body.links.tmdb).toBe(`https://www.themoviedb.org/tv/${id}`);
    expect(body.history).toHaveLength(2);
    expect(body.history.map((h: { runId: string }) => h.runId)).toEqual(f.runIds);
    expect(body.history[0].period < body.history[1].period).toBe(true);
    const [latest] = await query<{ imdb_rating: number; tomatoes_critic: number }>(
      sql`select imdb_rating::float8, tomatoes_critic from ratings where run_id = ${f.runIds[1]} and series_id = ${id}`,
    );
    expect(body.latest.imdb).toMatchObject({ score: latest?.imdb_rating, period: body.history[1].period });
    expect(body.latest.rtCritic.score).toBe(latest?.tomatoes_critic);
    const [mart] = await query<{ c: number }>(
      sql`select composite_score::float8 as c from marts.fct_series_ratings where series_id = ${id} order by period desc limit 1`,
    );
    expect(body.composite.score).toBe(mart?.c);
  });

  it("refuses bad input with a 400 or 404 that says why", async () => {
    const cases: Array<[string, number, RegExp]> = [
      ["/series?colour=red", 400, /colour/],
      ["/series?cursor=not-a-cursor", 400, /cursor is malformed/],
      [`/series?search=${"a".repeat(10_000)}`, 400, /search/],
      ["/series?yearFrom=2020&yearTo=2010", 400, /yearFrom/],
      ["/series?sort=relevance", 400, /needs a search/],
      ["/series?minScore[imdb]=11", 400, /minScore\[imdb\]/],
      ["/series/999999999", 404, /no series 999999999/],
      ["/series/abc", 400, /id/],
      ["/marts/pg_user", 400, /unknown mart "pg_user"/],
      ["/marts/mart_rating_trends?filter[colour]=red", 400, /unknown filter "colour"/],
      ["/marts/mart_rating_trends?filter[genre_id]=drama", 400, /filter\[genre_id\] must be a number/],
      ["/marts/mart_rating_trends?colour=red", 400, /unknown parameter "colour"/],
      ["/marts/mart_rating_trends?cursor=%7B", 400, /cursor is malformed/],
    ];
    for (const [url, status, message] of cases) {
      const res = await getJson(url);
      expect(res.status, url).toBe(status);
      expect(res.body.message, url).toMatch(message);
    }
    const sorted = (await getJson("/series?sort=imdb&limit=2")).body.nextCursor;
    const mismatch = await getJson(`/series?sort=year&cursor=${sorted}`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toMatch(/sort=imdb/);
  });

  it("serves a mart as JSON with filters and paging", async () => {
    const { body: list } = await getJson("/marts");
    expect(list.every((m: { built: boolean }) => m.built)).toBe(true);
    const { n } = await one<{ n: number }>(
      sql`select count(*)::int as n from marts.mart_rating_trends where source = 'composite'`,
    );
    const rows: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const url: string = `/marts/mart_rating_trends?filter[source]=composite&limit=25${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, body } = await getJson(url);
      expect(status).toBe(200);
      rows.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.source === "composite" && typeof r.avg_score_100 === "number")).toBe(true);
  });

  it("downloads a mart as CSV and as Parquet", async () => {
    const { n } = await one<{ n: number }>(sql`select count(*)::int as n from marts.fct_series_ratings`);
    const csv = await fetch(`${f.api.url}/marts/fct_series_ratings?format=csv`, { headers: bearer });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const records: Array<Record<string, string>> = parse(await csv.text(), { columns: true });
    expect(records).toHaveLength(n);
    expect(Object.keys(records[0] ?? {})).toEqual(
      expect.arrayContaining(["series_id", "period", "composite_score"]),
    );

    const parquet = await inject({ url: "/marts/mart_genre_rating_distribution?format=parquet" });
    expect(parquet.headers["content-type"]).toBe("application/vnd.apache.parquet");
    const objects = await parquetReadObjects({ file: new Uint8Array(parquet.rawPayload).buffer });
    const { genres } = await one<{ genres: number }>(
      sql`select count(*)::int as genres from marts.mart_genre_rating_distribution`,
    );
    expect(objects).toHaveLength(genres);
    expect(typeof objects[0]?.genre_name).toBe("string");
  });

  it("serves a column dbt adds without a code change", async () => {
    await f.harness.database.db.execute(
      sql`alter table marts.mart_source_comparison add column if not exists extra_signal integer default 7`,
    );
    const { body } = await getJson("/marts/mart_source_comparison?filter[extra_signal]=7&limit=1");
    expect(body.columns.map((c: { name: string }) => c.name)).toContain("extra_signal");
    expect(body.items[0].extra_signal).toBe(7);
  });

  it("documents the read API in OpenAPI and keeps it behind auth", async () => {
    const paths = Object.keys((await getJson("/openapi.json")).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(["/series", "/series/{id}", "/marts", "/marts/{name}", "/facets"]),
    );
    for (const url of ["/series", "/marts", "/dashboard"]) {
      expect((await f.api.app.inject({ url })).statusCode, url).toBe(401);
    }
  });
});
