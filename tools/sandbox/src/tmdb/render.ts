import { listingVoteAverage } from "../catalog/listing.ts";
import type { Episode, SeriesRecord } from "../catalog/types.ts";
import { countryNames, languageByCode } from "../reference/locales.ts";

/*
 * JSON bodies in TMDB's 2023 shapes. Key order follows the recorded
 * responses (tmdb_tv_top_rated_page1_2023-07, tmdb_tv_60625 ... 2023), so
 * these objects are built literally, field by field.
 */

export function renderTopRatedResult(record: SeriesRecord) {
  return {
    backdrop_path: record.backdropPath,
    first_air_date: record.firstAirDate,
    genre_ids: record.genres.map((genre) => genre.id),
    id: record.id,
    name: record.name,
    origin_country: record.originCountry,
    original_language: record.originalLanguage,
    original_name: record.originalName,
    overview: record.overview,
    popularity: record.popularity,
    poster_path: record.posterPath,
    vote_average: listingVoteAverage(record),
    vote_count: record.voteCount,
  };
}

function renderEpisode(episode: Episode | null, showId: number) {
  if (!episode) return null;
  return {
    id: episode.id,
    name: episode.name,
    overview: episode.overview,
    vote_average: episode.voteAverage,
    vote_count: episode.voteCount,
    air_date: episode.airDate,
    episode_number: episode.episodeNumber,
    production_code: episode.productionCode,
    runtime: episode.runtime,
    season_number: episode.seasonNumber,
    show_id: showId,
    still_path: episode.stillPath,
  };
}

export function renderExternalIds(record: SeriesRecord) {
  const ids = record.externalIds;
  return {
    id: record.id,
    imdb_id: ids.imdbId,
    freebase_mid: ids.freebaseMid,
    freebase_id: ids.freebaseId,
    tvdb_id: ids.tvdbId,
    tvrage_id: ids.tvrageId,
    wikidata_id: ids.wikidataId,
    facebook_id: ids.facebookId,
    instagram_id: ids.instagramId,
    twitter_id: ids.twitterId,
  };
}

export function renderTvDetails(record: SeriesRecord) {
  return {
    adult: false,
    backdrop_path: record.backdropPath,
    created_by: record.createdBy.map((creator) => ({
      id: creator.id,
      credit_id: creator.creditId,
      name: creator.name,
      gender: creator.gender,
      profile_path: creator.profilePath,
    })),
    episode_run_time: record.episodeRunTime,
    first_air_date: record.firstAirDate,
    genres: record.genres.map((genre) => ({ id: genre.id, name: genre.name })),
    homepage: record.homepage,
    id: record.id,
    in_production: record.inProduction,
    languages: record.spokenLanguages,
    last_air_date: record.lastAirDate,
    last_episode_to_air: renderEpisode(record.lastEpisodeToAir, record.id),
    name: record.name,
    next_episode_to_air: renderEpisode(record.nextEpisodeToAir, record.id),
    networks: record.networks.map((network) => ({
      id: network.id,
      logo_path: network.logoPath,
      name: network.name,
      origin_country: network.originCountry,
    })),
    number_of_episodes: record.numberOfEpisodes,
    number_of_seasons: record.numberOfSeasons,
    origin_country: record.originCountry,
    original_language: record.originalLanguage,
    original_name: record.originalName,
    overview: record.overview,
    popularity: record.popularity,
    poster_path: record.posterPath,
    production_companies: record.productionCompanies.map((company) => ({
      id: company.id,
      logo_path: company.logoPath,
      name: company.name,
      origin_country: company.originCountry,
    })),
    production_countries: record.originCountry.map((code) => ({
      iso_3166_1: code,
      name: countryNames(code).tmdbName,
    })),
    seasons: record.seasons.map((season) => ({
      air_date: season.airDate,
      episode_count: season.episodeCount,
      id: season.id,
      name: season.name,
      overview: season.overview,
      poster_path: season.posterPath,
      season_number: season.seasonNumber,
      vote_average: season.voteAverage,
    })),
    spoken_languages: record.spokenLanguages.map((code) => {
      const language = languageByCode(code);
      return { english_name: language.englishName, iso_639_1: code, name: language.nativeName };
    }),
    status: record.status,
    tagline: record.tagline,
    type: record.type,
    vote_average: record.voteAverage,
    vote_count: record.voteCount,
  };
}
