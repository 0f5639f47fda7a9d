import type { UpstreamObserver } from "@tvr/metrics";
import type { OmdbAnswer } from "@tvr/queues";
import { UpstreamError } from "../errors.ts";
import { DEFAULT_TIMEOUT_MS, decodeJson, type HttpRequest, send, withRequestContext } from "../http.ts";
import { parseOmdbResponse } from "./parse.ts";

export interface OmdbClientOptions {
  /** e.g. https://www.omdbapi.com/ */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  observe?: UpstreamObserver;
}

export interface OmdbClient {
  /** GET ?i=tt…&apikey=… */
  byImdbId(imdbId: string): Promise<OmdbAnswer>;
}

export function createOmdbClient(options: OmdbClientOptions): OmdbClient {
  if (!options.apiKey) throw new Error("createOmdbClient: apiKey is required");
  const secrets = [options.apiKey];

  return {
    async byImdbId(imdbId) {
      if (!/^tt\d+$/.test(imdbId)) {
        throw new UpstreamError({
          source: "omdb",
          kind: "bad_request",
          message: `invalid IMDb id "${imdbId}"`,
        });
      }
      const url = new URL(options.baseUrl);
      url.searchParams.set("i", imdbId);
      url.searchParams.set("apikey", options.apiKey);
      const request: HttpRequest = {
        source: "omdb",
        url,
        headers: { Accept: "application/json" },
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        observe: options.observe,
        secrets,
      };
      const reply = await send(request);
      try {
        const body = decodeJson(reply.text);
        const ok = reply.status >= 200 && reply.status <= 299;
        if (ok && body.kind === "empty") {
          throw new UpstreamError({ source: "omdb", kind: "transient", message: "empty body" });
        }
        if (ok && body.kind === "invalid") {
          throw new UpstreamError({
            source: "omdb",
            kind: "malformed",
            message: `body is not JSON: ${body.snippet}`,
          });
        }
        return parseOmdbResponse(
          reply.status,
          body.kind === "json" ? body.value : undefined,
          reply.retryAfter,
        );
      } catch (error) {
        throw withRequestContext(error, request, reply.status);
      }
    },
  };
}
