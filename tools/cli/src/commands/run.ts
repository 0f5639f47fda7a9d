import { Period } from "@tvr/queues";
import {
  estimateRunEta,
  isTerminal,
  type RunSummary,
  readQuotaState,
  startRun,
  summarizeRun,
} from "@tvr/runs";
import { readStageCounts } from "@tvr/worker";
import { type Command, InvalidArgumentError } from "commander";
import { openContext } from "../context.ts";
import { formatQuota, formatSummary } from "../format.ts";
import { createProgressReporter, type ProgressSample } from "../progress.ts";

const positiveInt = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${v}"`);
  return n;
};

const period = (v: string) => {
  const parsed = Period.safeParse(v);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
};

export function registerRunCommand(program: Command) {
  program
    .command("run")
    .description("start a pipeline run (services must be running)")
    .option("--max-pages <n>", "read at most this many top-rated pages", positiveInt)
    .option("--period <YYYY-Www>", "the ISO week the run collects (default: the current UTC week)", period)
    .option("--idempotency-key <key>", "return the existing run for this key instead of starting another")
    .option(
      "--wait",
      "wait for the run to finish, showing progress; exit non-zero unless it succeeded or was partial",
    )
    .option("--timeout <seconds>", "give up waiting after this long", positiveInt)
    .action(
      async (opts: {
        maxPages?: number;
        period?: string;
        idempotencyKey?: string;
        wait?: boolean;
        timeout?: number;
      }) => {
        const ctx = openContext();
        try {
          const { run, created } = await startRun(
            { db: ctx.database.db, queues: ctx.queues },
            {
              mode: ctx.env.PIPELINE_MODE,
              maxPages: opts.maxPages ?? null,
              idempotencyKey: opts.idempotencyKey ?? null,
              period: opts.period ?? null,
            },
          );
          console.log(
            `${created ? "started" : "existing"} run ${run.id} for ${run.period} (${run.mode}${run.maxPages ? `, max ${run.maxPages} pages` : ""})`,
          );
          if (!opts.wait) return;
          const status = await waitForRun(ctx, run.id, opts.timeout);
          process.exitCode = status === "succeeded" || status === "partial" ? 0 : 1;
        } finally {
          await ctx.close();
        }
      },
    );
}

/** Polls the run until it ends, showing live per-stage progress, then prints the summary. */
async function waitForRun(ctx: ReturnType<typeof openContext>, runId: string, timeoutSeconds?: number) {
  const deadline = timeoutSeconds ? Date.now() + timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
  const interval = process.stdout.isTTY ? 1_000 : 5_000;
  const progress = createProgressReporter(process.stdout);
  for (;;) {
    const summary = await summarizeRun(ctx.database.db, runId);
    if (!summary) throw new Error(`run ${runId} disappeared`);
    const stages = await readStageCounts(ctx.redis, ctx.env.QUEUE_PREFIX, runId);
    const notice = formatQuota(await readQuotaState(ctx.redis, ctx.env.QUEUE_PREFIX));
    progress.update(progressSample(summary, stages, notice));
    if (isTerminal(summary.status)) {
      progress.done();
      console.log(formatSummary(summary));
      return summary.status;
    }
    if (Date.now() > deadline) {
      progress.done();
      console.error(
        `gave up waiting after ${timeoutSeconds}s; the run goes on (pnpm etl runs show ${runId})`,
      );
      return "timeout";
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

function progressSample(
  summary: RunSummary,
  stages: Record<string, number>,
  notice: string | null,
): ProgressSample {
  const { expectedSeries } = estimateRunEta({
    startedAt: summary.startedAt,
    now: new Date(),
    totalPages: summary.pages.total,
    pagesDone: summary.pages.done,
    discovered: summary.series.discovered,
    finished: summary.series.loaded + summary.series.failed,
  });
  return {
    at: Date.now(),
    elapsedSeconds: summary.durationSeconds,
    pages: { done: summary.pages.done, total: summary.pages.total },
    discovered: summary.series.discovered,
    loaded: summary.series.loaded,
    failed: summary.series.failed,
    expectedSeries,
    stages,
    status: summary.status,
    notice,
  };
}
