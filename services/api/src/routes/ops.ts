import type { Metrics } from "@tvr/metrics";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export interface Readiness {
  postgres: boolean;
  redis: boolean;
}

export interface OpsRoutesOptions {
  metrics: Metrics;
  readiness: () => Promise<Readiness>;
}

const Health = z.object({ status: z.literal("ok") });
const Ready = z.object({ status: z.enum(["ready", "not_ready"]), postgres: z.boolean(), redis: z.boolean() });

/** Served without credentials and logged only on warnings: probes and scrapers call them all day. */
const opsRoute = { config: { public: true }, logLevel: "warn" } as const;

export const opsRoutes: FastifyPluginAsyncZod<OpsRoutesOptions> = async (app, deps) => {
  app.get(
    "/healthz",
    {
      ...opsRoute,
      schema: { summary: "The process is up", tags: ["ops"], security: [], response: { 200: Health } },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      ...opsRoute,
      schema: {
        summary: "Postgres and Redis are reachable",
        tags: ["ops"],
        security: [],
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      const state = await deps.readiness();
      const ready = state.postgres && state.redis;
      return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", ...state });
    },
  );

  app.get(
    "/metrics",
    {
      ...opsRoute,
      schema: {
        summary: "Prometheus metrics: queue depth, oldest waiting job, last run",
        tags: ["ops"],
        security: [],
        response: {
          200: {
            description: "Prometheus text exposition format",
            content: { "text/plain": { schema: z.string() } },
          },
        },
      },
    },
    async (_request, reply) => {
      reply.header("content-type", deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  );
};
