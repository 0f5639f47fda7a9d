import type { FastifyInstance } from "fastify";
import { utcDay } from "../runtime/limits.ts";
import type { SandboxContext, UpstreamModule } from "../runtime/upstream.ts";
import {
  OMDB_INCORRECT_ID,
  OMDB_INVALID_API_KEY,
  OMDB_NO_API_KEY,
  OMDB_NOT_FOUND,
  OMDB_REQUEST_LIMIT,
  renderOmdbSeries,
} from "./render.ts";

type Query = Record<string, string | string[] | undefined>;

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const IMDB_ID = /^tt\d{7,8}$/i;

function register(scope: FastifyInstance, context: SandboxContext): void {
  scope.get("/", { config: { statsRoute: "omdb.title" } }, async (request, reply) => {
    const query = request.query as Query;
    const apiKey = firstValue(query.apikey);
    if (!apiKey) return reply.code(401).send(OMDB_NO_API_KEY);

    const now = context.now();
    context.stats.recordOmdbKey(apiKey, utcDay(now));
    if (!context.credentials.omdbApiKeys.includes(apiKey)) return reply.code(401).send(OMDB_INVALID_API_KEY);
    if (!context.omdbQuota.tryConsume(apiKey, now, context.knobs().omdb.dailyQuota)) {
      return reply.code(401).send(OMDB_REQUEST_LIMIT);
    }

    const imdbId = firstValue(query.i);
    // Title search (t=/s=) is not impersonated: the pipeline looks series up by IMDb id only.
    if (imdbId === undefined && (query.t !== undefined || query.s !== undefined)) return OMDB_NOT_FOUND;
    if (!imdbId || !IMDB_ID.test(imdbId)) return OMDB_INCORRECT_ID;
    const title = context.catalog.byImdbId.get(imdbId.toLowerCase())?.omdb;
    if (!title) return OMDB_INCORRECT_ID;
    return renderOmdbSeries(title, firstValue(query.plot) === "full" ? "full" : "short");
  });
}

export const omdbUpstream: UpstreamModule = {
  family: "omdb",
  prefix: "/omdb",
  faultResponses: {
    http500: {
      status: 500,
      contentType: "text/html; charset=utf-8",
      body: "<h1>500 Internal Server Error</h1>",
    },
    http503: {
      status: 503,
      contentType: "text/html; charset=utf-8",
      body: "<h1>503 Service Unavailable</h1>",
    },
  },
  register,
};
