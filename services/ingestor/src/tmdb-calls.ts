import type { Database } from "@tvr/db";
import { failRun } from "@tvr/runs";
import { UpstreamError } from "@tvr/upstream";
import { type PipelineQueues, stageError } from "@tvr/worker";
import { Worker } from "bullmq";

export interface TmdbCallContext {
  db: Database;
  queues: PipelineQueues;
  /** The variable that holds the credentials in use, named in errors. */
  credentialVariable: string;
}

/**
 * Turns an upstream failure into what BullMQ should do with the job: a 429
 * pauses the whole queue (every ingestor process) for Retry-After, bad
 * credentials fail the run at once, the rest retry or fail by kind.
 */
export async function callTmdb<T>(ctx: TmdbCallContext, runId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    if (error.kind === "rate_limited") {
      await ctx.queues.tmdb.rateLimit(error.retryAfterMs ?? 1_000);
      throw Worker.RateLimitError();
    }
    if (error.kind === "auth") {
      const message = `TMDB rejected the credentials in ${ctx.credentialVariable}`;
      await failRun(ctx.db, runId, message);
      throw stageError("auth", message, true);
    }
    throw stageError(error.kind, error.message, error.permanent);
  }
}
