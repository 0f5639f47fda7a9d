import type { UpstreamObserver } from "@tvr/metrics";
import type { SeriesRecord } from "@tvr/queues";
import { UpstreamError } from "../errors.ts";
import { DEFAULT_TIMEOUT_MS, decodeJson, type HttpRequest, send, withRequestContext } from "../http.ts";
import { parseTopRatedPage, type TopRatedPage, tmdbErrorFromResponse, toSeriesRecord } from "./parse.ts";

export interface TmdbClientOptions {
  /** e.g. https://api.themoviedb.org/3 */
  baseUrl: string;
  apiKey?: string;
  /** v4 read access token, sent as Bearer; preferred when both are given. */
  readToken?: string;
  timeoutMs?: number;
  observe?: UpstreamObserver;
  userAgent?: string;
}

export interface TmdbClient {
  topRated(page: number): Promise<TopRatedPage>;
  /** One request: GET /tv/{id}?append_to_response=external_ids */
  seriesDetails(seriesId: number): Promise<SeriesRecord>;
}

export function createTmdbClient(options: TmdbClientOptions): TmdbClient {
  const { apiKey, readToken } = options;
  if (!apiKey && !readToken) throw new Error("createTmdbClient: apiKey or readToken is required");
  const base = options.baseUrl.replace(/\/+$/, "");
  const secrets = [apiKey, readToken];

  const headers: Record<string, string> = { Accept: "application/json" };
  if (readToken) headers.Authorization = `Bearer ${readToken}`;
  if (options.userAgent) headers["User-Agent"] = options.userAgent;

  async function get<T>(
    path: string,
    params: Record<string, string>,
    parse: (json: unknown) => T,
  ): Promise<T> {
    const url = new URL(`${base}${path}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    if (!readToken && apiKey) url.searchParams.set("api_key", apiKey);
    const request: HttpRequest = {
      source: "tmdb",
      url,
      headers,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      observe: options.observe,
      secrets,
    };
    const reply = await send(request);
    try {
      const body = decodeJson(reply.text);
      if (reply.status < 200 || reply.status > 299) {
        throw tmdbErrorFromResponse(
          reply.status,
          body.kind === "json" ? body.value : undefined,
          reply.retryAfter,
        );
      }
      if (body.kind === "empty")
        throw new UpstreamError({ source: "tmdb", kind: "transient", message: "empty body" });
      if (body.kind === "invalid") {
        throw new UpstreamError({
          source: "tmdb",
          kind: "malformed",
          message: `body is not JSON: ${body.snippet}`,
        });
      }
      return parse(body.value);
    } catch (error) {
      throw withRequestContext(error, request, reply.status);
    }
  }

  return {
    async topRated(page) {
      if (!Number.isInteger(page) || page < 1) throw invalidArgument(`page ${page}`);
      return get("/tv/top_rated", { page: String(page) }, parseTopRatedPage);
    },
    async seriesDetails(seriesId) {
      if (!Number.isInteger(seriesId) || seriesId < 1) throw invalidArgument(`series id ${seriesId}`);
      return get(`/tv/${seriesId}`, { append_to_response: "external_ids" }, (json) => {
        const record = toSeriesRecord(json);
        if (record.seriesId !== seriesId) {
          throw new UpstreamError({
            source: "tmdb",
            kind: "malformed",
            message: `response is for series ${record.seriesId}`,
          });
        }
        return record;
      });
    },
  };
}

function invalidArgument(what: string): UpstreamError {
  return new UpstreamError({ source: "tmdb", kind: "bad_request", message: `invalid ${what}` });
}
