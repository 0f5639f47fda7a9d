import { describe, expect, it } from "vitest";
import { buildCatalog, buildTruth, EDGE_CASE_SHARES, MAX_PAGES, PAGE_SIZE, titleKey } from "../src/index.ts";

const SIZE = 1200;
const catalog = buildCatalog({ seed: 42, size: SIZE });
const truth = buildTruth(catalog);

const withCase = (edgeCase: string) =>
  truth.series.filter((series) => series.edge_cases.includes(edgeCase as never));

describe("catalog generation", () => {
  it("is byte-identical for the same seed and size, and differs for another seed", () => {
    const again = buildCatalog({ seed: 42, size: SIZE });
    expect(JSON.stringify(buildTruth(again))).toBe(JSON.stringify(truth));
    expect(JSON.stringify(again.series)).toBe(JSON.stringify(catalog.series));
    const other = buildTruth(buildCatalog({ seed: 43, size: SIZE }));
    expect(other.listing).not.toEqual(truth.listing);
  });

  it("has distinct TMDB ids and distinct IMDb ids", () => {
    expect(new Set(catalog.series.map((series) => series.id)).size).toBe(SIZE);
    const imdbIds = catalog.series.flatMap((series) =>
      series.externalIds.imdbId ? [series.externalIds.imdbId] : [],
    );
    expect(new Set(imdbIds).size).toBe(imdbIds.length);
    for (const id of imdbIds) expect(id).toMatch(/^tt\d{7,8}$/);
  });

  it("gives each assigned edge case its share of the catalog, flagged in the truth", () => {
    for (const [edgeCase, share] of Object.entries(EDGE_CASE_SHARES)) {
      expect(withCase(edgeCase), edgeCase).toHaveLength(Math.ceil(SIZE * share));
    }
  });

  it("makes the IMDb absences consistent with what TMDB and OMDb hold", () => {
    const noId = withCase("no_imdb_id");
    expect(noId.every((series) => series.imdb_id === null && series.imdb_absence === "no_imdb_id")).toBe(
      true,
    );
    const sentAsEmpty = noId.filter(
      (series) => catalog.byId.get(series.series_id)?.externalIds.imdbId === "",
    );
    expect(sentAsEmpty.length).toBeGreaterThan(0);
    expect(sentAsEmpty.length).toBeLessThan(noId.length);

    const unknown = withCase("imdb_id_unknown_to_omdb");
    for (const series of unknown) {
      expect(series.imdb_id).toMatch(/^tt\d+$/);
      expect(series.imdb_absence).toBe("not_found");
      expect(catalog.byImdbId.has(series.imdb_id as string)).toBe(false);
    }

    const notAvailable = withCase("imdb_rating_na");
    for (const series of notAvailable) {
      expect(series.imdb_absence).toBeNull();
      expect([series.imdb_rating, series.imdb_count]).toEqual([null, null]);
    }
    const rated = truth.series.filter(
      (series) => series.imdb_absence === null && series.imdb_rating !== null,
    );
    expect(rated.length).toBe(SIZE - noId.length - unknown.length - notAvailable.length);
  });

  it("applies the TMDB-side edge cases to what is served", () => {
    for (const series of withCase("empty_overview")) expect(series.plot).toBeNull();
    for (const series of withCase("no_first_air_date")) {
      expect([series.first_air_date, series.release_year]).toEqual([null, null]);
    }
    for (const series of withCase("no_networks")) expect(series.networks).toEqual([]);
    for (const series of withCase("no_genres")) expect(series.genres).toEqual([]);
  });

  it("includes the naming cases later stages must handle", () => {
    const titles = truth.series.map((series) => series.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Élite",
        "Law & Order: Special Victims Unit",
        "Grey's Anatomy",
        "Mr. Robot",
        "The Office",
      ]),
    );
    const moneyHeist = truth.series.find((series) => series.title === "Money Heist");
    expect(moneyHeist?.original_title).toBe("La casa de papel");
    expect(
      withCase("original_title_differs").some((series) =>
        /\p{Script=Han}|\p{Script=Hangul}/u.test(series.original_title),
      ),
    ).toBe(true);

    const shameless = truth.series.filter((series) => series.title === "Shameless");
    expect(shameless.map((series) => series.release_year).sort()).toEqual([2004, 2011]);
    expect(shameless.map((series) => series.origin_country[0]).sort()).toEqual(["GB", "US"]);
    for (const series of withCase("shared_title")) {
      const twins = truth.series.filter((other) => titleKey(other.title) === titleKey(series.title));
      expect(twins.length).toBeGreaterThan(1);
    }
    for (const edgeCase of ["accented_title", "punctuated_title", "leading_article"]) {
      expect(withCase(edgeCase).length, edgeCase).toBeGreaterThan(10);
    }
  });

  it("lists every series at least once, repeating a page's last series first on the next page", () => {
    expect(new Set(truth.listing).size).toBe(SIZE);
    expect(truth.series).toHaveLength(SIZE);
    const pages = Math.ceil(truth.listing.length / PAGE_SIZE);
    let repeats = 0;
    for (let page = 1; page < pages; page++) {
      if (truth.listing[page * PAGE_SIZE - 1] === truth.listing[page * PAGE_SIZE]) repeats += 1;
    }
    expect(repeats).toBe(truth.listing.length - SIZE);
    expect(repeats / (pages - 1)).toBeGreaterThan(0.15);
    expect(repeats / (pages - 1)).toBeLessThan(0.5);
    expect(withCase("listing_duplicate")).toHaveLength(repeats);
  });

  it("serves 10,000 series within TMDB's 500-page cap and reports the unreachable rest", () => {
    const large = buildCatalog({ seed: 7, size: 10_000 });
    const largeTruth = buildTruth(large);
    expect(large.totalPages).toBe(MAX_PAGES);
    expect(largeTruth.listing).toHaveLength(MAX_PAGES * PAGE_SIZE);
    expect(largeTruth.series.length + largeTruth.unreachableSeriesIds.length).toBe(10_000);
    const reachable = new Set(largeTruth.listing);
    const pastTheCap = new Set(large.listing.slice(MAX_PAGES * PAGE_SIZE).filter((id) => !reachable.has(id)));
    expect(largeTruth.unreachableSeriesIds.length).toBeGreaterThan(0);
    expect(new Set(largeTruth.unreachableSeriesIds)).toEqual(pastTheCap);
    for (const id of largeTruth.unreachableSeriesIds) {
      expect(large.byId.get(id)?.edgeCases).toContain("beyond_page_cap");
    }
  });

  it("rejects sizes outside 1..50,000", () => {
    expect(() => buildCatalog({ seed: 1, size: 0 })).toThrow(RangeError);
    expect(() => buildCatalog({ seed: 1, size: 1.5 })).toThrow(RangeError);
  });
});
