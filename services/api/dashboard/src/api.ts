/** The read API, same origin and same credentials as the page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body && typeof body.message === "string" ? body.message : `request failed (${response.status})`;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

export interface Ref {
  id: number;
  name: string;
}
export type SourceKey = "tmdb" | "imdb" | "rtCritic" | "rtAudience" | "metacritic" | "metauser";
export type Scores = Record<SourceKey, number | null>;

export interface SeriesSummary {
  id: number;
  title: string;
  originalTitle: string | null;
  year: number | null;
  genres: Ref[];
  networks: Ref[];
  period: string;
  composite: number | null;
  scores: Scores;
}

export interface SeriesList {
  items: SeriesSummary[];
  nextCursor: string | null;
}

export interface SeriesProfile extends Omit<SeriesSummary, "period" | "composite" | "scores"> {
  firstAirDate: string | null;
  status: string | null;
  seasons: number | null;
  episodes: number | null;
  overview: string | null;
  links: { tmdb: string; imdb: string | null; rottenTomatoes: string | null; metacritic: string | null };
  composite: { score: number | null; period: string | null };
  latest: Record<SourceKey, { score: number | null; votes: number | null; period: string | null }>;
  history: Array<{ period: string; composite: number | null; scores: Scores }>;
}

export interface Facets {
  genres: Array<Ref & { series: number }>;
  networks: Array<Ref & { series: number }>;
  years: { min: number | null; max: number | null };
  latestPeriod: string | null;
}

export interface MartPage<Row> {
  items: Row[];
  nextCursor: string | null;
}

export const SOURCES: Record<SourceKey, { label: string; scale: number }> = {
  tmdb: { label: "TMDB", scale: 10 },
  imdb: { label: "IMDb", scale: 10 },
  rtCritic: { label: "Tomatometer", scale: 100 },
  rtAudience: { label: "RT audience", scale: 100 },
  metacritic: { label: "Metascore", scale: 100 },
  metauser: { label: "Metacritic users", scale: 10 },
};
export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];
