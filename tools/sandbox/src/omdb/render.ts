import type { OmdbTitle } from "../catalog/types.ts";

/** "1666784" -> "1,666,784", as OMDb formats imdbVotes. */
export function formatVotes(votes: number): string {
  return String(votes).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export type PlotLength = "short" | "full";

/** A series as OMDb answers `?i=tt…`, keys in OMDb's order (see omdb_series_tt0388629_one_piece.json). */
export function renderOmdbSeries(title: OmdbTitle, plot: PlotLength) {
  const rating = title.imdbRating === null ? "N/A" : title.imdbRating.toFixed(1);
  return {
    Title: title.title,
    Year: title.year,
    Rated: title.rated,
    Released: title.released,
    Runtime: title.runtime,
    Genre: title.genre,
    Director: title.director,
    Writer: title.writer,
    Actors: title.actors,
    Plot: (plot === "full" ? title.plotFull : title.plotShort) || "N/A",
    Language: title.language,
    Country: title.country,
    Awards: title.awards,
    Poster: title.poster,
    // Series only ever carry the IMDb entry; OMDb drops it when there is no rating.
    Ratings: title.imdbRating === null ? [] : [{ Source: "Internet Movie Database", Value: `${rating}/10` }],
    Metascore: "N/A",
    imdbRating: rating,
    imdbVotes: title.imdbVotes === null ? "N/A" : formatVotes(title.imdbVotes),
    imdbID: title.imdbId,
    Type: "series",
    totalSeasons: title.totalSeasons,
    Response: "True",
  };
}

export const OMDB_NO_API_KEY = { Response: "False", Error: "No API key provided." };
export const OMDB_INVALID_API_KEY = { Response: "False", Error: "Invalid API key!" };
export const OMDB_REQUEST_LIMIT = { Response: "False", Error: "Request limit reached!" };
export const OMDB_INCORRECT_ID = { Response: "False", Error: "Incorrect IMDb ID." };
export const OMDB_NOT_FOUND = { Response: "False", Error: "Movie not found!" };
