import path from "node:path";
import { fixturesDir, requireFixtures } from "@tvr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog, buildTruth, type Catalog, loadDatasets } from "../src/index.ts";
import { getJson, OMDB_KEY, omdbUrl, type RunningSandbox, startSandbox, tmdbUrl } from "./helpers.ts";

const haveFixtures = requireFixtures();
const datasetsDir = path.join(fixturesDir, "datasets");

describe.runIf(haveFixtures)("dataset mode", () => {
  let catalog: Catalog;
  let running: RunningSandbox;

  beforeAll(async () => {
    catalog = buildCatalog({ seed: 42, size: 1200, datasets: loadDatasets(datasetsDir) });
    running = await startSandbox({ catalog });
  });
  afterAll(() => running?.close());

  it("parses both CSVs with their quirks", () => {
    const datasets = loadDatasets(datasetsDir);
    expect(datasets?.imdb).toHaveLength(1419);
    expect(datasets?.metacritic.length).toBe(3200);
    const chernobyl = datasets?.imdb.find((row) => row.imdbId === "tt7366338");
    expect(chernobyl).toEqual({
      title: "Chernobyl",
      firstYear: 2019,
      lastYear: 2019,
      runtimeMinutes: 330,
      genres: ["Drama", "History", "Thriller"],
      rating: 9.4,
      votes: 653_836,
      imdbId: "tt7366338",
    });
    const utopia = datasets?.imdb.find((row) => row.imdbId === "tt2384811");
    expect(utopia).toMatchObject({ title: "Utopia", firstYear: 2013, lastYear: 2014 });
    const running = datasets?.imdb.find((row) => row.imdbId === "tt9471404");
    expect(running).toMatchObject({ title: "The Chosen", firstYear: 2017, lastYear: null });
  });

  it("serves real titles, IMDb ids, ratings and vote counts", async () => {
    const record = catalog.series.find((series) => series.omdb?.imdbId === "tt7366338");
    expect(record?.name).toBe("Chernobyl");
    const details = await getJson(tmdbUrl(running.urls, `/tv/${record?.id}/external_ids`));
    expect(details.body.imdb_id).toBe("tt7366338");
    const omdb = await getJson(omdbUrl(running.urls, { i: "tt7366338", apikey: OMDB_KEY }));
    expect(omdb.body).toMatchObject({
      Title: "Chernobyl",
      Year: "2019",
      imdbRating: "9.4",
      imdbVotes: "653,836",
    });
  });

  it("keeps the real same-title pairs and matches showcase series to their dataset rows", () => {
    const truth = buildTruth(catalog);
    const shameless = truth.series.filter((series) => series.title === "Shameless");
    expect(shameless.map((series) => [series.release_year, series.imdb_id]).sort()).toEqual([
      [2004, "tt0377260"],
      [2011, "tt1586680"],
    ]);
    const moneyHeist = truth.series.find((series) => series.original_title === "La casa de papel");
    expect(moneyHeist?.imdb_id).toBe("tt6468322");
    expect(truth.usesDatasets).toBe(true);
  });

  it("attaches Metacritic rows where title and year match", () => {
    const matched = catalog.series.filter((series) => series.metacritic !== null);
    expect(matched.length).toBeGreaterThan(300);
    const mrRobot = catalog.series.find((series) => series.name === "Mr. Robot");
    expect(mrRobot?.metacritic).toMatchObject({ title: "Mr. Robot", releaseDate: "2015-06-24" });
    expect(mrRobot?.metacritic?.metascore).toBeGreaterThan(0);
    const elite = catalog.series.find((series) => series.name === "Élite");
    expect(elite?.metacritic?.title).toBe("Elite");
    expect(
      catalog.series.filter((series) => series.source === "generated").every((series) => !series.metacritic),
    ).toBe(true);
  });

  it("tops up with generated series past the dataset's size", () => {
    const large = buildCatalog({ seed: 42, size: 2000, datasets: loadDatasets(datasetsDir) });
    const count = (source: string) => large.series.filter((series) => series.source === source).length;
    expect(count("dataset") + count("showcase")).toBeGreaterThanOrEqual(1419);
    expect(count("generated")).toBe(2000 - count("dataset") - count("showcase"));
    expect(count("generated")).toBeGreaterThan(500);
  });
});
