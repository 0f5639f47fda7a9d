import { clamp, createRandom, type Random, roundTo } from "../random.ts";
import { imdbGenresForTmdbGenres, TV_GENRES } from "../reference/genres.ts";
import { countryNames, languageByCode } from "../reference/locales.ts";
import { type Network, networkById, networksForCountry } from "../reference/networks.ts";
import { episodeName, madeUpWord, overview, personName, tagline } from "./names.ts";
import { CATALOG_YEAR, type SeriesPlan } from "./plan.ts";
import type {
  AssignedEdgeCase,
  Creator,
  Episode,
  ExternalIds,
  OmdbTitle,
  ProductionCompany,
  Season,
  SeriesRecord,
  SeriesStatus,
  SeriesType,
} from "./types.ts";

/** The day the catalog "was recorded": last/next episodes fall either side of it. */
export const CATALOG_AS_OF = `${CATALOG_YEAR}-07-15`;

export interface SeriesIdentity {
  id: number;
  /** The IMDb id the series has (TMDB may still hide it, see edge cases). */
  imdbId: string;
  randomSeed: number;
  edgeCases: ReadonlySet<AssignedEdgeCase>;
}

/**
 * Builds the full record for one planned series. All draws come from the
 * series' own random stream, and edge cases only override finished values,
 * so assigning a case never changes anything else about the series.
 */
export function buildSeries(plan: SeriesPlan, identity: SeriesIdentity): SeriesRecord {
  const rng = createRandom(identity.randomSeed);
  const type = plan.type ?? typeFor(plan, rng);
  const status = statusFor(plan, rng);
  const runtime = plan.runtimeMinutes ?? runtimeFor(plan, rng);
  const premiereDate = dateInYear(rng, plan.firstYear);
  const lastAirDate = lastAirDateFor(plan, premiereDate, rng);
  const seasons = seasonsFor(plan, type, runtime, premiereDate, lastAirDate, identity.id, rng);
  const regularSeasons = seasons.filter((season) => season.seasonNumber > 0);
  const lastSeason = regularSeasons[regularSeasons.length - 1];
  const numberOfEpisodes = regularSeasons.reduce((sum, season) => sum + season.episodeCount, 0);
  const country = plan.countries[0] ?? "US";
  const fullOverview = overview(rng, rng.chance(0.5) ? madeUpWord(rng) : countryNames(country).omdbName);
  const createdBy = creatorsFor(rng);
  const networks = plan.networkIds ? plan.networkIds.map(networkById) : networksFor(country, rng);
  const { voteAverage, voteCount, popularity } = tmdbVotesFor(plan, rng);
  const lastEpisodeToAir = lastSeason
    ? episodeFor(rng, lastSeason, lastSeason.episodeCount, lastAirDate, runtime)
    : null;
  const nextEpisodeToAir =
    status === "Returning Series" && lastSeason && rng.chance(0.4)
      ? episodeFor(
          rng,
          lastSeason,
          lastSeason.episodeCount + 1,
          dateBetween(rng, "2023-08-01", "2023-12-20"),
          runtime,
        )
      : null;

  const record: SeriesRecord = {
    id: identity.id,
    source: plan.source,
    randomSeed: identity.randomSeed,
    name: plan.title,
    originalName: plan.originalTitle,
    originalLanguage: plan.language,
    originCountry: [...plan.countries],
    spokenLanguages: [plan.language],
    overview: fullOverview,
    tagline: tagline(rng),
    homepage: rng.chance(0.5)
      ? `https://www.${slug(networks[0]?.name ?? "tv")}.com/shows/${slug(plan.title)}`
      : "",
    posterPath: imagePath(rng, "jpg"),
    backdropPath: rng.chance(0.97) ? imagePath(rng, "jpg") : null,
    firstAirDate: premiereDate,
    lastAirDate,
    status,
    type,
    inProduction: status === "Returning Series" || status === "In Production",
    episodeRunTime: rng.chance(0.85) ? [runtime] : [],
    genres: [...plan.genres],
    networks,
    productionCompanies: companiesFor(rng, country),
    createdBy,
    seasons,
    numberOfSeasons: regularSeasons.length,
    numberOfEpisodes,
    lastEpisodeToAir,
    nextEpisodeToAir,
    popularity,
    voteAverage,
    voteCount,
    externalIds: externalIdsFor(rng, plan, identity.imdbId),
    omdb: null,
    metacritic: null,
    edgeCases: [],
    rtPage: null,
    mcPage: null,
  };
  record.omdb = omdbTitleFor(rng, plan, record, identity.imdbId, fullOverview, runtime);
  applyEdgeCases(record, identity.edgeCases);
  return record;
}

function applyEdgeCases(record: SeriesRecord, cases: ReadonlySet<AssignedEdgeCase>): void {
  if (cases.has("no_imdb_id")) {
    record.externalIds.imdbId = cases.has("empty_imdb_id") ? "" : null;
    record.omdb = null;
  }
  if (cases.has("imdb_id_unknown_to_omdb")) record.omdb = null;
  if (cases.has("imdb_rating_na") && record.omdb) {
    record.omdb.imdbRating = null;
    record.omdb.imdbVotes = null;
  }
  if (cases.has("empty_overview")) record.overview = "";
  if (cases.has("no_first_air_date")) {
    record.firstAirDate = "";
    record.lastAirDate = null;
    record.lastEpisodeToAir = null;
    record.nextEpisodeToAir = null;
    for (const season of record.seasons) season.airDate = null;
  }
  if (cases.has("no_networks")) record.networks = [];
  if (cases.has("no_genres")) record.genres = [];
  record.edgeCases = [...cases];
}

function typeFor(plan: SeriesPlan, rng: Random): SeriesType {
  const [first] = plan.genres;
  if (first === TV_GENRES.documentary) return "Documentary";
  if (first === TV_GENRES.reality) return "Reality";
  if (first === TV_GENRES.talk) return "Talk Show";
  if (first === TV_GENRES.news) return "News";
  if (plan.lastYear === plan.firstYear && rng.chance(0.5)) return "Miniseries";
  return "Scripted";
}

function statusFor(plan: SeriesPlan, rng: Random): SeriesStatus {
  if (plan.lastYear === null) return rng.chance(0.95) ? "Returning Series" : "In Production";
  return rng.chance(0.8) ? "Ended" : "Canceled";
}

function runtimeFor(plan: SeriesPlan, rng: Random): number {
  if (plan.genres.includes(TV_GENRES.animation)) return rng.int(11, 25);
  if (plan.genres[0] === TV_GENRES.comedy) return rng.int(20, 32);
  return rng.int(40, 62);
}

const pad2 = (value: number) => String(value).padStart(2, "0");

function dateInYear(rng: Random, year: number): string {
  const lastMonth = year === CATALOG_YEAR ? 6 : 12;
  return `${year}-${pad2(rng.int(1, lastMonth))}-${pad2(rng.int(1, 28))}`;
}

/** A date in [from, to]; both "YYYY-MM-DD". */
function dateBetween(rng: Random, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const day = 86_400_000;
  const picked = start + rng.int(0, Math.max(0, Math.floor((end - start) / day))) * day;
  return new Date(picked).toISOString().slice(0, 10);
}

function lastAirDateFor(plan: SeriesPlan, premiereDate: string, rng: Random): string {
  if (plan.lastYear === null) {
    const from = premiereDate > "2022-01-01" ? premiereDate : "2022-01-01";
    return dateBetween(rng, from, CATALOG_AS_OF);
  }
  const endOfYear = plan.lastYear === CATALOG_YEAR ? CATALOG_AS_OF : `${plan.lastYear}-12-20`;
  const from = plan.lastYear === plan.firstYear ? premiereDate : `${plan.lastYear}-01-05`;
  return dateBetween(rng, from, endOfYear);
}

function seasonsFor(
  plan: SeriesPlan,
  type: SeriesType,
  runtime: number,
  premiereDate: string,
  lastAirDate: string,
  seriesId: number,
  rng: Random,
): Season[] {
  const span = (plan.lastYear ?? CATALOG_YEAR) - plan.firstYear + 1;
  const count = type === "Miniseries" ? 1 : clamp(Math.round(span * rng.float(0.55, 1, 2)), 1, 30);
  const perSeason = (): number =>
    type === "Miniseries" ? rng.int(3, 10) : runtime <= 32 ? rng.int(8, 24) : rng.int(6, 13);
  const seasons: Season[] = [];
  if (rng.chance(0.2)) {
    seasons.push(seasonEntry(rng, seriesId, 0, rng.int(1, 12), dateBetween(rng, premiereDate, lastAirDate)));
  }
  const startYear = Number(premiereDate.slice(0, 4));
  const endYear = Number(lastAirDate.slice(0, 4));
  let previousAirDate = premiereDate;
  for (let number = 1; number <= count; number++) {
    const year = startYear + Math.floor(((number - 1) * (endYear - startYear + 1)) / count);
    const candidate = number === 1 ? premiereDate : dateBetween(rng, `${year}-01-01`, `${year}-12-28`);
    const bounded = earlierDate(laterDate(candidate, previousAirDate), lastAirDate);
    seasons.push(seasonEntry(rng, seriesId, number, perSeason(), bounded));
    previousAirDate = bounded;
  }
  return seasons;
}

/* ISO dates ("YYYY-MM-DD") compare correctly as strings. */
const laterDate = (a: string, b: string) => (a > b ? a : b);
const earlierDate = (a: string, b: string) => (a < b ? a : b);

function seasonEntry(
  rng: Random,
  seriesId: number,
  number: number,
  episodes: number,
  airDate: string,
): Season {
  return {
    airDate,
    episodeCount: episodes,
    id: 3_000_000 + seriesId * 40 + number,
    name: number === 0 ? "Specials" : `Season ${number}`,
    overview: "",
    posterPath: rng.chance(0.9) ? imagePath(rng, "jpg") : null,
    seasonNumber: number,
    voteAverage: rng.chance(0.8) ? rng.float(6, 9, 1) : 0,
  };
}

function episodeFor(rng: Random, season: Season, number: number, airDate: string, runtime: number): Episode {
  return {
    id: rng.int(1_000_000, 4_999_999),
    name: episodeName(rng, number),
    overview: "",
    voteAverage: rng.chance(0.7) ? rng.float(5.5, 9.5, 3) : 0,
    voteCount: rng.int(0, 40),
    airDate,
    episodeNumber: number,
    productionCode: "",
    runtime: rng.chance(0.9) ? runtime : null,
    seasonNumber: season.seasonNumber,
    stillPath: rng.chance(0.8) ? imagePath(rng, "jpg") : null,
  };
}

function networksFor(country: string, rng: Random): Network[] {
  const candidates = networksForCountry(country);
  return rng.sample(candidates, rng.chance(0.1) ? 2 : 1);
}

function creatorsFor(rng: Random): Creator[] {
  const count = rng.weighted([
    [0, 2],
    [1, 5],
    [2, 2],
  ] as const);
  return Array.from({ length: count }, () => ({
    id: rng.int(10_000, 3_999_999),
    creditId: hexString(rng, 24),
    name: personName(rng),
    gender: rng.pick([1, 2]),
    profilePath: rng.chance(0.6) ? imagePath(rng, "jpg") : null,
  }));
}

const COMPANY_SUFFIXES = ["Productions", "Studios", "Pictures", "Television", "Entertainment", "Films"];

function companiesFor(rng: Random, country: string): ProductionCompany[] {
  return Array.from({ length: rng.int(1, 3) }, () => ({
    id: rng.int(1_000, 199_999),
    logoPath: rng.chance(0.4) ? imagePath(rng, "png") : null,
    name: `${madeUpWord(rng, 2)} ${rng.pick(COMPANY_SUFFIXES)}`,
    originCountry: country,
  }));
}

function tmdbVotesFor(
  plan: SeriesPlan,
  rng: Random,
): { voteAverage: number; voteCount: number; popularity: number } {
  const voteAverage = plan.imdb
    ? clamp(plan.imdb.rating - 0.15 + rng.normal() * 0.25, 1, 10)
    : clamp(7.3 + rng.normal() * 0.7, 4, 9.6);
  const voteCount = plan.imdb
    ? Math.max(20, Math.round(plan.imdb.votes / rng.float(60, 160, 3)))
    : Math.round(Math.exp(Math.log(180) + Math.abs(rng.normal()) * 1.4));
  const popularity = Math.max(4, voteCount ** 0.45 * rng.float(0.8, 3.5, 3));
  return { voteAverage: roundTo(voteAverage, 3), voteCount, popularity: roundTo(popularity, 3) };
}

function externalIdsFor(rng: Random, plan: SeriesPlan, imdbId: string): ExternalIds {
  const old = plan.firstYear < 2014;
  const handle = slug(plan.title).replaceAll("-", "");
  return {
    imdbId,
    freebaseMid: old && rng.chance(0.7) ? `/m/0${base36(rng, 5)}` : null,
    freebaseId: old && rng.chance(0.5) ? `/en/${slug(plan.title).replaceAll("-", "_")}` : null,
    tvdbId: rng.chance(0.95) ? rng.int(70_000, 420_000) : null,
    tvrageId: old && rng.chance(0.8) ? rng.int(2_000, 50_000) : null,
    wikidataId: rng.chance(0.8) ? `Q${rng.int(1_000_000, 119_999_999)}` : null,
    facebookId: rng.chance(0.4) ? `${handle}TV` : null,
    instagramId: rng.chance(0.4) ? handle.toLowerCase() : null,
    twitterId: rng.chance(0.4) ? handle.slice(0, 15) : null,
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function omdbDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day} ${MONTHS[Number(month) - 1]} ${year}`;
}

function omdbYears(plan: SeriesPlan): string {
  if (plan.lastYear === null) return `${plan.firstYear}–`;
  return plan.lastYear === plan.firstYear ? String(plan.firstYear) : `${plan.firstYear}–${plan.lastYear}`;
}

function omdbTitleFor(
  rng: Random,
  plan: SeriesPlan,
  record: SeriesRecord,
  imdbId: string,
  fullPlot: string,
  runtime: number,
): OmdbTitle {
  const genres = plan.imdbGenres ?? imdbGenresForTmdbGenres(plan.genres);
  const rating = plan.imdb
    ? plan.imdb.rating
    : roundTo(clamp(record.voteAverage + 0.1 + rng.normal() * 0.3, 1, 10), 1);
  const votes = plan.imdb ? plan.imdb.votes : record.voteCount * rng.int(40, 160);
  const languages = [languageByCode(plan.language).englishName];
  if (plan.language !== "en" && rng.chance(0.3)) languages.push("English");
  const wins = rng.int(0, 40);
  return {
    title: plan.title,
    year: omdbYears(plan),
    rated: rng.weighted([
      ["TV-MA", 4],
      ["TV-14", 4],
      ["TV-PG", 2],
      ["TV-G", 1],
      ["TV-Y7", 1],
      ["N/A", 1],
    ] as const),
    released: omdbDate(record.firstAirDate),
    runtime: `${runtime} min`,
    genre: genres.length > 0 ? genres.join(", ") : "N/A",
    director: "N/A",
    writer: record.createdBy.length > 0 ? record.createdBy.map((creator) => creator.name).join(", ") : "N/A",
    actors: Array.from({ length: 3 }, () => personName(rng)).join(", "),
    plotShort: firstSentence(fullPlot),
    plotFull: fullPlot,
    language: languages.join(", "),
    country: plan.countries.map((code) => countryNames(code).omdbName).join(", "),
    awards: rng.chance(0.5) ? "N/A" : `${wins} wins & ${wins + rng.int(1, 60)} nominations`,
    poster: `https://m.media-amazon.com/images/M/MV5B${base62(rng, 40)}@._V1_SX300.jpg`,
    imdbRating: rating,
    imdbVotes: votes,
    imdbId,
    totalSeasons: String(record.numberOfSeasons),
  };
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(rng: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[rng.int(0, 61)];
  return out;
}

function base36(rng: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[rng.int(0, 35)]?.toLowerCase();
  return out;
}

function hexString(rng: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[rng.int(0, 15)]?.toLowerCase();
  return out;
}

/** A TMDB image path: "/" + 27 base62 characters. */
function imagePath(rng: Random, extension: "jpg" | "png"): string {
  return `/${base62(rng, 27)}.${extension}`;
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
