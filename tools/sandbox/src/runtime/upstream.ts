import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Catalog } from "../catalog.ts";
import { hashToUnit } from "../random.ts";
import { type FaultInjector, requestIdentity } from "./faults.ts";
import type { HoldRegistry } from "./holds.ts";
import type { FaultKind, Knobs } from "./knobs.ts";
import type { DailyQuota, SlidingWindowLimiter } from "./limits.ts";
import type { SandboxStats } from "./stats.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Name the route is counted under in /__sandbox/stats, e.g. "tmdb.top_rated". */
    statsRoute?: string;
  }
  interface FastifyRequest {
    /** A fault that rewrites the finished response (malformed / empty). */
    sandboxFault: FaultKind | null;
  }
}

export interface SandboxCredentials {
  tmdbApiKeys: string[];
  tmdbReadTokens: string[];
  omdbApiKeys: string[];
}

/** Shared state every upstream module reads; one per sandbox instance. */
export interface SandboxContext {
  catalog: Catalog;
  seed: number;
  credentials: SandboxCredentials;
  knobs(): Knobs;
  now(): number;
  stats: SandboxStats;
  faults: FaultInjector;
  holds: HoldRegistry;
  omdbQuota: DailyQuota;
  tmdbLimiter: SlidingWindowLimiter;
}

export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * One impersonated upstream (TMDB, OMDb, Rotten Tomatoes, Metacritic).
 * Its routes get latency, fault injection and request counting for free.
 */
export interface UpstreamModule {
  /** Short name used in stats ("tmdb"). */
  family: string;
  /** Path prefix standing in for the host ("/tmdb/3"). */
  prefix: string;
  /** What this upstream sends for injected http500 / http503 faults. */
  faultResponses: Record<"http500" | "http503", CannedResponse>;
  register(scope: FastifyInstance, context: SandboxContext): void | Promise<void>;
}

/** Registers a module in its own encapsulated scope, behind the upstream hooks. */
export async function registerUpstream(
  app: FastifyInstance,
  module: UpstreamModule,
  context: SandboxContext,
): Promise<void> {
  await app.register(
    async (scope) => {
      addUpstreamHooks(scope, module, context);
      await module.register(scope, context);
    },
    { prefix: module.prefix },
  );
}

function statsRouteOf(request: FastifyRequest, family: string): string {
  return request.routeOptions.config?.statsRoute ?? `${family}.unknown`;
}

function addUpstreamHooks(scope: FastifyInstance, module: UpstreamModule, context: SandboxContext): void {
  scope.decorateRequest("sandboxFault", null);

  scope.addHook("onRequest", async (request, reply) => {
    context.stats.recordRequestTime(module.family, Date.now());
    const knobs = context.knobs();
    const identity = requestIdentity(request.method, request.url);
    const { occurrence, fault } = context.faults.observe(identity, knobs.faults);

    const jitter = Math.floor(
      knobs.latency.jitterMs * hashToUnit(context.seed, "latency", identity, occurrence),
    );
    const delay = knobs.latency.fixedMs + jitter;
    if (delay > 0 && (await context.holds.hold(reply.raw, delay)) === "client-gone") {
      return abandon(request, reply, module, context);
    }
    if (!fault) return;

    context.stats.recordFault(fault);
    switch (fault) {
      case "http500":
      case "http503": {
        const canned = module.faultResponses[fault];
        return reply.code(canned.status).type(canned.contentType).send(canned.body);
      }
      case "timeout":
        if ((await context.holds.hold(reply.raw, knobs.faults.timeoutHoldMs)) === "client-gone") {
          return abandon(request, reply, module, context);
        }
        return;
      case "malformed":
      case "empty":
        request.sandboxFault = fault;
        return;
    }
  });

  scope.addHook("onSend", async (request, reply, payload) => {
    if (request.sandboxFault === "empty") {
      reply.code(200);
      return "";
    }
    if (request.sandboxFault === "malformed") {
      reply.code(200);
      const text = typeof payload === "string" ? payload : String(payload ?? "");
      // Any proper prefix of a JSON document is invalid JSON; half of it looks like a cut connection.
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    return payload;
  });

  scope.addHook("onResponse", async (request, reply) => {
    context.stats.recordResponse(module.family, statsRouteOf(request, module.family), reply.statusCode);
  });
}

function abandon(
  request: FastifyRequest,
  reply: FastifyReply,
  module: UpstreamModule,
  context: SandboxContext,
) {
  context.stats.recordResponse(module.family, statsRouteOf(request, module.family), "aborted");
  reply.hijack();
  reply.raw.destroy();
  return reply;
}
