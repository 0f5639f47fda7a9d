import type { Database } from "@tvr/db";
import { cancelRun, listRuns, periodHolder, type RunMode, startRun } from "@tvr/runs";
import type { PipelineQueues } from "@tvr/worker";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Redis } from "ioredis";
import { z } from "zod";
import { buildRunDetail, toRunItem } from "../run-view.ts";
import {
  ErrorBody,
  errorResponses,
  ListRunsQuery,
  RunDetail,
  RunIdParams,
  RunList,
  StartedRun,
  StartRunBody,
} from "../schemas.ts";

export interface RunRoutesOptions {
  db: Database;
  redis: Redis;
  queues: PipelineQueues;
  defaultMode: RunMode;
}

const notFound = (id: string) => ({ error: "Not Found", message: `no run ${id}` });

export const runRoutes: FastifyPluginAsyncZod<RunRoutesOptions> = async (app, deps) => {
  const view = { db: deps.db, redis: deps.redis, prefix: deps.queues.prefix, quality: deps.queues.quality };

  app.post(
    "/runs",
    {
      schema: {
        summary: "Start a run (idempotent per key)",
        tags: ["runs"],
        body: StartRunBody,
        response: {
          200: StartedRun.describe("a run with this idempotency key already exists"),
          201: StartedRun.describe(
            "a new run was started; once loaded it holds its week, superseding periodHolderRunId if set",
          ),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { run, created } = await startRun(
        { db: deps.db, queues: deps.queues },
        {
          mode: request.body.mode ?? deps.defaultMode,
          maxPages: request.body.maxPages ?? null,
          idempotencyKey: request.body.idempotencyKey ?? null,
          period: request.body.period ?? null,
        },
      );
      request.log.info({ runId: run.id, created }, created ? "run started" : "existing run returned");
      const periodHolderRunId = run.holdsPeriod ? run.id : await periodHolder(deps.db, run.period);
      return reply.code(created ? 201 : 200).send({ ...toRunItem(run), periodHolderRunId });
    },
  );

  app.get(
    "/runs",
    {
      schema: {
        summary: "Runs, newest first",
        tags: ["runs"],
        querystring: ListRunsQuery,
        response: { 200: RunList, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const rows = await listRuns(deps.db, { limit: limit + 1, offset });
      return {
        items: rows.slice(0, limit).map(toRunItem),
        limit,
        offset,
        nextOffset: rows.length > limit ? offset + limit : null,
      };
    },
  );

  app.get(
    "/runs/:id",
    {
      schema: {
        summary: "One run: status, counts per stage and source, failures by reason, ETA",
        tags: ["runs"],
        params: RunIdParams,
        response: { 200: RunDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const detail = await buildRunDetail(view, request.params.id);
      return detail ?? reply.code(404).send(notFound(request.params.id));
    },
  );

  app.post(
    "/runs/:id/cancel",
    {
      schema: {
        summary: "Cancel a running run: no new work is scheduled, jobs in flight finish",
        tags: ["runs"],
        params: z.object({ id: z.uuid() }),
        response: {
          200: RunDetail,
          409: ErrorBody.extend({ status: z.string() }).describe("the run has already ended"),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await cancelRun(deps.db, id, "cancelled through the API");
      if (result.outcome === "not_found") return reply.code(404).send(notFound(id));
      if (result.outcome === "already_ended") {
        return reply.code(409).send({
          error: "Conflict",
          message: `run ${id} has already ended (${result.status})`,
          status: result.status,
        });
      }
      request.log.info({ runId: id }, "run cancelled");
      const detail = await buildRunDetail(view, id);
      return detail ?? reply.code(404).send(notFound(id));
    },
  );
};
