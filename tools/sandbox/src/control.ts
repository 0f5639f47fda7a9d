import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Knobs } from "./runtime/knobs.ts";
import type { SandboxStats } from "./runtime/stats.ts";

export const CONTROL_PREFIX = "/__sandbox";

export interface ControlPlane {
  seed: number;
  catalogSize: number;
  stats: SandboxStats;
  knobs(): Knobs;
  /** Throws a ZodError on invalid input. */
  updateKnobs(patch: unknown): Knobs;
  reset(): void;
  /** Serialized once per `sites` knobs: the catalog never changes while the server runs. */
  truthJson(): string;
}

function describeInvalid(error: z.ZodError): { error: string; issues: string[] } {
  const issues = error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
  return { error: `invalid sandbox config: ${issues.join("; ")}`, issues };
}

/** The sandbox's own routes; never delayed, faulted or counted. */
export function registerControlRoutes(app: FastifyInstance, plane: ControlPlane): void {
  app.get(`${CONTROL_PREFIX}/health`, async () => ({
    status: "ok",
    seed: plane.seed,
    catalogSize: plane.catalogSize,
  }));

  app.get(`${CONTROL_PREFIX}/truth`, async (_request, reply) =>
    reply.type("application/json; charset=utf-8").send(plane.truthJson()),
  );

  // ?requestTimes=false leaves out the per-family arrival times (up to 50,000 each).
  app.get<{ Querystring: { requestTimes?: string } }>(`${CONTROL_PREFIX}/stats`, async (request) =>
    plane.stats.snapshot({ requestTimes: request.query.requestTimes !== "false" }),
  );

  app.post(`${CONTROL_PREFIX}/reset`, async () => {
    plane.reset();
    return { reset: true };
  });

  app.get(`${CONTROL_PREFIX}/config`, async () => plane.knobs());

  app.put(`${CONTROL_PREFIX}/config`, async (request, reply) => {
    try {
      return plane.updateKnobs(request.body ?? {});
    } catch (error) {
      if (error instanceof z.ZodError) return reply.code(400).send(describeInvalid(error));
      throw error;
    }
  });
}
