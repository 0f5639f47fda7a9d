import { readQuotaState, readStageCounts, startRun, summarizeRun } from "@tvr/pipeline";
import type { Command } from "commander";
import { openContext } from "../context.ts";
import { formatQuota, formatSummary } from "../format.ts";

const positiveInt = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${v}"`);
  return n;
};

export function registerRunCommand(program: Command) {
  program
    .command("run")
    .description("start a pipeline run (services must be running)")
    .option("--max-pages <n>", "read at most this many top-rated pages", positiveInt)
    .option("--idempotency-key <key>", "return the existing run for this key instead of starting another")
    .option(
      "--wait",
      "wait for the run to finish, showing progress; exit non-zero unless it succeeded or was partial",
    )
    .option("--timeout <seconds>", "give up waiting after this long", positiveInt)
    .action(
      async (opts: { maxPages?: number; idempotencyKey?: string; wait?: boolean; timeout?: number }) => {
        const ctx = openContext();
        try {
          const { run, created } = await startRun(
            { db: ctx.database.db, queues: ctx.queues },
            {
              mode: ctx.env.PIPELINE_MODE,
              maxPages: opts.maxPages ?? null,
              idempotencyKey: opts.idempotencyKey ?? null,
            },
          );
          console.log(
            `${created ? "started" : "existing"} run ${run.id} (${run.mode}${run.maxPages ? `, max ${run.maxPages} pages` : ""})`,
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

/** Polls the run until it ends: a progress line every few seconds, then the summary. */
async function waitForRun(ctx: ReturnType<typeof openContext>, runId: string, timeoutSeconds?: number) {
  const deadline = timeoutSeconds ? Date.now() + timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
  const interval = process.stdout.isTTY ? 1_000 : 5_000;
  for (;;) {
    const summary = await summarizeRun(ctx.database.db, runId);
    if (!summary) throw new Error(`run ${runId} disappeared`);
    if (summary.status !== "running") {
      console.log(formatSummary(summary));
      return summary.status;
    }
    const stages = await readStageCounts(ctx.redis, ctx.env.QUEUE_PREFIX, runId);
    const quota = formatQuota(await readQuotaState(ctx.redis, ctx.env.QUEUE_PREFIX));
    console.log(
      `[${summary.durationSeconds.toFixed(0)}s] pages ${summary.pages.done}/${summary.pages.total ?? "?"} · discovered ${summary.series.discovered} · fetched ${stages["tmdb:details"] ?? 0} · enriched ${stages["omdb:lookup"] ?? 0} · loaded ${summary.series.loaded}${summary.series.failed ? ` · failed ${summary.series.failed}` : ""}${quota ? ` · ${quota}` : ""}`,
    );
    if (Date.now() > deadline) {
      console.error(
        `gave up waiting after ${timeoutSeconds}s; the run goes on (pnpm etl runs show ${runId})`,
      );
      return "timeout";
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
