import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Knobs } from "./runtime/knobs.ts";
import type { SandboxStats } from "./runtime/stats.ts";
import { isIsoWeek } from "./week.ts";

export const CONTROL_PREFIX = "/__sandbox";

export interface ControlPlane {
  seed: number;
  catalogSize: number;
  /** The ISO week served now. */
  week(): string;
  stats: SandboxStats;
  knobs(): Knobs;
  /** Throws a ZodError on invalid input. */
  updateKnobs(patch: unknown): Knobs;
  reset(): void;
  /** The truth for the knobs in force (serialized once per week and knobs), or for another week. */
  truthJson(week?: string, dataAnomalies?: boolean): string;
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
    week: plane.week(),
  }));

  // ?week=YYYY-Www, ?dataAnomalies=true|false: the truth of another week or setting (same world, same knobs otherwise).
  app.get<{ Querystring: { week?: string; dataAnomalies?: string } }>(
    `${CONTROL_PREFIX}/truth`,
    async (request, reply) => {
      const { week, dataAnomalies } = request.query;
      if (week !== undefined && !isIsoWeek(week)) {
        return reply
          .code(400)
          .send({ error: `invalid week ${JSON.stringify(week)}: expected an ISO week like 2026-W10` });
      }
      if (dataAnomalies !== undefined && dataAnomalies !== "true" && dataAnomalies !== "false") {
        return reply
          .code(400)
          .send({ error: `invalid dataAnomalies ${JSON.stringify(dataAnomalies)}: expected true or false` });
      }
      const anomalies = dataAnomalies === undefined ? undefined : dataAnomalies === "true";
      return reply.type("application/json; charset=utf-8").send(plane.truthJson(week, anomalies));
    },
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
