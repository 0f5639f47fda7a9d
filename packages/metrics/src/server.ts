import Fastify, { type FastifyInstance } from "fastify";
import type { Metrics } from "./registry.ts";

export interface OpsServerOptions {
  metrics: Metrics;
  port: number;
  host?: string;
  /** Returns false (or throws) when the process can't do its work. */
  ready?: () => Promise<boolean>;
}

/** Small HTTP server every worker service exposes: /metrics, /healthz, /readyz. */
export async function startOpsServer(options: OpsServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    try {
      const ok = options.ready ? await options.ready() : true;
      return reply.code(ok ? 200 : 503).send({ status: ok ? "ready" : "not_ready" });
    } catch (error) {
      return reply.code(503).send({ status: "not_ready", reason: (error as Error).message });
    }
  });
  app.get("/metrics", async (_req, reply) => {
    reply.header("content-type", options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });
  await app.listen({ port: options.port, host: options.host ?? "0.0.0.0" });
  return app;
}
