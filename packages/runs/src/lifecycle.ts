import { type Database, pipelineRuns, type RUN_STATUSES, runStages } from "@tvr/db";
import { queues as contract, isoWeekOf, jobId, parsePayload } from "@tvr/queues";
import type { PipelineQueues } from "@tvr/worker";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

export type RunMode = "sandbox" | "live";
export type RunStatus = (typeof RUN_STATUSES)[number];
export type Run = typeof pipelineRuns.$inferSelect;

/** What the lifecycle needs to move a run on: its row, and the queues that carry its next work. */
export interface RunDeps {
  db: Database;
  queues: PipelineQueues;
}

export const TERMINAL_STATUSES = ["succeeded", "partial", "failed", "cancelled"] as const;
export const isTerminal = (status: RunStatus) => (TERMINAL_STATUSES as readonly string[]).includes(status);

export interface StartRunInput {
  mode: RunMode;
  maxPages?: number | null;
  idempotencyKey?: string | null;
  /** The ISO week the run collects (validated by callers with `Period`); default: the current UTC week. */
  period?: string | null;
}

/**
 * Creates a run and enqueues its first top-rated page. The same idempotency
 * key returns the existing run, so a retried trigger never doubles a week.
 */
export async function startRun(deps: RunDeps, input: StartRunInput): Promise<{ run: Run; created: boolean }> {
  const [inserted] = await deps.db
    .insert(pipelineRuns)
    .values({
      mode: input.mode,
      maxPages: input.maxPages ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      period: input.period ?? isoWeekOf(new Date()),
    })
    .onConflictDoNothing({ target: pipelineRuns.idempotencyKey })
    .returning();
  const run =
    inserted ??
    (await deps.db.query.pipelineRuns.findFirst({
      where: eq(pipelineRuns.idempotencyKey, input.idempotencyKey ?? ""),
    }));
  if (!run) throw new Error("run insert returned nothing");
  // Enqueued for existing runs too: if the first attempt crashed before this
  // line, the retry completes it; the deterministic job id makes it a no-op otherwise.
  const payload = parsePayload("tmdb", "page", { runId: run.id, page: 1 });
  await deps.queues.tmdb.add("page", payload, { ...contract.tmdb.options, jobId: jobId(run.id, "page", 1) });
  return { run, created: Boolean(inserted) };
}

export async function getRun(db: Database, idOrLatest: string): Promise<Run | undefined> {
  if (idOrLatest === "latest") {
    return db.query.pipelineRuns.findFirst({ orderBy: desc(pipelineRuns.startedAt) });
  }
  if (!/^[0-9a-f-]{36}$/i.test(idOrLatest)) return undefined;
  return db.query.pipelineRuns.findFirst({ where: eq(pipelineRuns.id, idOrLatest) });
}

export async function listRuns(db: Database, options: { limit: number; offset: number }): Promise<Run[]> {
  return db.query.pipelineRuns.findMany({
    orderBy: desc(pipelineRuns.startedAt),
    limit: options.limit,
    offset: options.offset,
  });
}

/** The run that holds a week (the last one to finish loading it), if any. */
export async function periodHolder(db: Database, period: string): Promise<string | null> {
  const holder = await db.query.pipelineRuns.findFirst({
    columns: { id: true },
    where: and(eq(pipelineRuns.period, period), eq(pipelineRuns.holdsPeriod, true)),
  });
  return holder?.id ?? null;
}

/** Stops a run that is still discovering/loading (workers skip its remaining jobs through their gate). */
async function endWhileRunning(
  db: Database,
  runId: string,
  status: "failed" | "cancelled",
  error: string,
): Promise<boolean> {
  const updated = await db
    .update(pipelineRuns)
    .set({ status, error, finishedAt: sql`now()` })
    .where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.status, "running")))
    .returning({ id: pipelineRuns.id });
  return updated.length > 0;
}

/** The run cannot go on (bad credentials, no page 1): it ends `failed` with the reason. */
export const failRun = (db: Database, runId: string, error: string) =>
  endWhileRunning(db, runId, "failed", error);

export type CancelOutcome =
  | { outcome: "cancelled" }
  | { outcome: "not_found" }
  | { outcome: "already_ended"; status: RunStatus };

/**
 * Cancels a run that is discovering or loading; jobs already in flight finish.
 * Once loaded, a run is validated and transformed to the end (those stages are
 * bounded by their timeout), so it can no longer be cancelled.
 */
export async function cancelRun(db: Database, runId: string, reason = "cancelled"): Promise<CancelOutcome> {
  if (await endWhileRunning(db, runId, "cancelled", reason)) return { outcome: "cancelled" };
  const run = await db.query.pipelineRuns.findFirst({
    columns: { status: true },
    where: eq(pipelineRuns.id, runId),
  });
  return run ? { outcome: "already_ended", status: run.status } : { outcome: "not_found" };
}

/**
 * Called whenever a page or series of the run is settled. When discovery is
 * complete and every discovered series is loaded or failed, loading is over:
 * the run takes its week (superseding the previous holder), moves to
 * `validating` and hands over to its stage job on the `runs` queue. Takes the
 * run's row lock first so that, of two workers settling the last series at
 * once, the later one sees both outcomes.
 */
export async function completeLoadingIfDone(deps: RunDeps, runId: string): Promise<RunStatus | null> {
  const period = await deps.db.transaction(async (tx) => {
    const locked = await tx.execute<{ status: RunStatus; total_pages: number | null; period: string }>(
      sql`select status, total_pages, period from pipeline_runs where id = ${runId} for update`,
    );
    const run = locked.rows[0];
    if (run?.status !== "running" || run.total_pages === null) return null;
    const state = await tx.execute<{ pages: number; pending: boolean }>(sql`
      select
        (select count(*)::int from run_pages where run_id = ${runId}) as pages,
        exists (select 1 from run_series where run_id = ${runId} and outcome is null) as pending`);
    const s = state.rows[0];
    if (!s || s.pages < run.total_pages) return null;
    await tx.execute(
      sql`update pipeline_runs set discovered_at = coalesce(discovered_at, now()) where id = ${runId}`,
    );
    if (s.pending) return null;
    // The week's holder changes hands here; the partial unique index keeps it to one run per week.
    const previous = await tx.execute<{ id: string }>(
      sql`update pipeline_runs set holds_period = false
          where period = ${run.period} and holds_period and id <> ${runId} returning id`,
    );
    await tx.execute(sql`update pipeline_runs
      set status = 'validating', loaded_at = now(), holds_period = true,
          supersedes_run_id = ${previous.rows[0]?.id ?? null}
      where id = ${runId}`);
    return run.period;
  });
  if (period === null) return null;
  await enqueueRunStages(deps, runId, period);
  return "validating";
}

/** Adds the run's stage job; its id makes a second add (a retry, a re-delivery) a no-op. */
export async function enqueueRunStages(deps: RunDeps, runId: string, period: string): Promise<void> {
  const payload = parsePayload("runs", "stages", { runId, period });
  await deps.queues.runs.add("stages", payload, { ...contract.runs.options, jobId: `${runId}-stages` });
}

/** Moves a loaded run from `validating` to `transforming`. */
export async function enterTransforming(db: Database, runId: string): Promise<boolean> {
  const updated = await db
    .update(pipelineRuns)
    .set({ status: "transforming" })
    .where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.status, "validating")))
    .returning({ id: pipelineRuns.id });
  return updated.length > 0;
}

/**
 * Ends a loaded run (validating or transforming) by the policy: load
 * failures, a failed or missing quality stage make it `partial`; warnings
 * don't. The reasons, if any, become the run's `error`. Returns the status,
 * or null when the run had already ended (a second call changes nothing).
 */
export async function finishLoadedRun(db: Database, runId: string): Promise<RunStatus | null> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ status: RunStatus }>(
      sql`select status from pipeline_runs where id = ${runId} for update`,
    );
    const status = locked.rows[0]?.status;
    if (status !== "validating" && status !== "transforming") return null;
    const load = await tx.execute<{ failed_pages: number; failures: number }>(sql`
      select
        (select count(*)::int from run_pages where run_id = ${runId} and status = 'failed') as failed_pages,
        (select count(*)::int from run_failures where run_id = ${runId} and kind = 'failed') as failures`);
    const stages = await tx
      .select({ stage: runStages.stage, outcome: runStages.outcome, error: runStages.error })
      .from(runStages)
      .where(eq(runStages.runId, runId))
      .orderBy(runStages.startedAt);
    const reasons = [
      ...loadReasons(load.rows[0]),
      ...stages.flatMap((s) => (s.outcome === "passed" || s.outcome === "skipped" ? [] : [stageReason(s)])),
    ];
    const final: RunStatus = reasons.length ? "partial" : "succeeded";
    await tx
      .update(pipelineRuns)
      .set({ status: final, finishedAt: sql`now()`, error: reasons.length ? reasons.join("; ") : null })
      .where(eq(pipelineRuns.id, runId));
    return final;
  });
}

function loadReasons(row: { failed_pages: number; failures: number } | undefined): string[] {
  const reasons: string[] = [];
  if (row?.failed_pages) reasons.push(`${row.failed_pages} top-rated page(s) failed`);
  if (row?.failures) reasons.push(`${row.failures} series source(s) failed after retries`);
  return reasons;
}

function stageReason(s: { stage: string; outcome: string | null; error: string | null }): string {
  const what = s.stage === "validate" ? "validation" : "transform";
  return `${what} ${s.outcome ?? "unfinished"}${s.error ? `: ${s.error}` : ""}`;
}

/** Records that a quality stage began (once; a re-run of the step keeps the first start). */
export async function beginStage(db: Database, runId: string, stage: "validate" | "transform") {
  await db.insert(runStages).values({ runId, stage }).onConflictDoNothing();
}

/**
 * Records how a quality stage ended; only the first ending counts (a timeout
 * and a late result racing each other leave one outcome). True if recorded.
 */
export async function endStage(
  db: Database,
  runId: string,
  stage: "validate" | "transform",
  ending: {
    outcome: "passed" | "failed" | "error" | "timed_out" | "skipped";
    result?: unknown;
    error?: string | null;
  },
): Promise<boolean> {
  await beginStage(db, runId, stage);
  const updated = await db
    .update(runStages)
    .set({
      outcome: ending.outcome,
      result: ending.result ?? null,
      error: ending.error ?? null,
      finishedAt: sql`now()`,
    })
    .where(and(eq(runStages.runId, runId), eq(runStages.stage, stage), isNull(runStages.finishedAt)))
    .returning({ runId: runStages.runId });
  return updated.length > 0;
}

export async function readStages(db: Database, runIds: string[]) {
  if (runIds.length === 0) return [];
  return db.select().from(runStages).where(inArray(runStages.runId, runIds)).orderBy(runStages.startedAt);
}
