import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { MAX_PAGES, PAGE_SIZE } from "../catalog/listing.ts";
import type { SandboxContext, UpstreamModule } from "../runtime/upstream.ts";
import {
  TMDB_FAULT_RESPONSES,
  TMDB_INVALID_API_KEY,
  TMDB_INVALID_PAGE,
  TMDB_NOT_FOUND,
  TMDB_RATE_LIMITED,
} from "./errors.ts";
import { renderExternalIds, renderTopRatedResult, renderTvDetails } from "./render.ts";

const JSON_TYPE = "application/json;charset=utf-8";

type Query = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).type(JSON_TYPE).send(body);
}

/** `api_key` query parameter (v3 key) or `Authorization: Bearer` (v4 read access token). */
function isAuthorized(request: FastifyRequest, context: SandboxContext): boolean {
  const apiKey = firstValue((request.query as Query).api_key);
  if (apiKey !== undefined && context.credentials.tmdbApiKeys.includes(apiKey)) return true;
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1]?.trim();
  return bearer !== undefined && context.credentials.tmdbReadTokens.includes(bearer);
}

/** TMDB accepts 1..500 and answers anything else (0, 501, "x", "1.5") with status_code 22. */
function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^\d+$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 && page <= MAX_PAGES ? page : null;
}

function parseSeriesId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

function register(scope: FastifyInstance, context: SandboxContext): void {
  const { catalog } = context;

  scope.addHook("onRequest", async (request, reply) => {
    const limited = context.tmdbLimiter.tryAcquire(context.now(), context.knobs().tmdb.rateLimitPerSecond);
    if (limited) {
      reply.header("Retry-After", String(limited.retryAfterSeconds));
      return sendJson(reply, 429, TMDB_RATE_LIMITED);
    }
    if (!isAuthorized(request, context)) return sendJson(reply, 401, TMDB_INVALID_API_KEY);
  });

  scope.setNotFoundHandler((_request, reply) => sendJson(reply, 404, TMDB_NOT_FOUND));

  scope.get("/tv/top_rated", { config: { statsRoute: "tmdb.top_rated" } }, async (request, reply) => {
    const page = parsePage(firstValue((request.query as Query).page));
    if (page === null) return sendJson(reply, 400, TMDB_INVALID_PAGE);
    const start = (page - 1) * PAGE_SIZE;
    const ids = page <= catalog.totalPages ? catalog.listing.slice(start, start + PAGE_SIZE) : [];
    const results = ids.flatMap((id) => {
      const record = catalog.byId.get(id);
      return record ? [renderTopRatedResult(record)] : [];
    });
    return sendJson(reply, 200, {
      page,
      results,
      total_pages: catalog.totalPages,
      total_results: catalog.listing.length,
    });
  });

  scope.get<{ Params: { id: string } }>(
    "/tv/:id",
    { config: { statsRoute: "tmdb.tv_details" } },
    async (request, reply) => {
      const id = parseSeriesId(request.params.id);
      const record = id === null ? undefined : catalog.byId.get(id);
      if (!record) return sendJson(reply, 404, TMDB_NOT_FOUND);
      const appended = (firstValue((request.query as Query).append_to_response) ?? "")
        .split(",")
        .map((part) => part.trim());
      const details = renderTvDetails(record);
      return sendJson(
        reply,
        200,
        appended.includes("external_ids") ? { ...details, external_ids: renderExternalIds(record) } : details,
      );
    },
  );

  scope.get<{ Params: { id: string } }>(
    "/tv/:id/external_ids",
    { config: { statsRoute: "tmdb.external_ids" } },
    async (request, reply) => {
      const id = parseSeriesId(request.params.id);
      const record = id === null ? undefined : catalog.byId.get(id);
      if (!record) return sendJson(reply, 404, TMDB_NOT_FOUND);
      return sendJson(reply, 200, renderExternalIds(record));
    },
  );
}

export const tmdbUpstream: UpstreamModule = {
  family: "tmdb",
  prefix: "/tmdb/3",
  faultResponses: TMDB_FAULT_RESPONSES,
  register,
};
