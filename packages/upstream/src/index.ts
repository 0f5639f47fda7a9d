export {
  kindForHttpStatus,
  parseRetryAfter,
  UpstreamError,
  type UpstreamErrorInit,
  type UpstreamErrorKind,
  type UpstreamSource,
} from "./errors.ts";
export { createOmdbClient, type OmdbClient, type OmdbClientOptions } from "./omdb/client.ts";
export { parseOmdbResponse } from "./omdb/parse.ts";
export { createTmdbClient, type TmdbClient, type TmdbClientOptions } from "./tmdb/client.ts";
export {
  normalizeImdbId,
  parseTopRatedPage,
  type TopRatedPage,
  tmdbErrorFromResponse,
  toSeriesRecord,
} from "./tmdb/parse.ts";
