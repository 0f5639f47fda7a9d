import { type Database, type Executor, pipelineRuns, runFailures, runPages, runSeries } from "@tvr/db";
import { queues as contract, isoWeekOf, jobId, parsePayload } from "@tvr/queues";
import { and, desc, eq, sql } from "drizzle-orm";
import type { PipelineQueues } from "./queues.ts";

export type RunMode = "sandbox" | "live";
export type RunStatus = (typeof pipelineRuns.$inferSelect)["status"];
export type Run = typeof pipelineRuns.$inferSelect;

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
export async function startRun(
  deps: { db: Database; queues: PipelineQueues },
  input: StartRunInput,
): Promise<{ run: Run; created: boolean }> {
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

/** Ends a run early (bad credentials, cancelled): workers skip its remaining jobs. */
export async function endRunEarly(
  db: Database,
  runId: string,
  status: "failed" | "cancelled",
  error: string | null,
): Promise<boolean> {
  const updated = await db
    .update(pipelineRuns)
    .set({ status, error, finishedAt: sql`now()` })
    .where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.status, "running")))
    .returning({ id: pipelineRuns.id });
  return updated.length > 0;
}

/** Discovered series from one top-rated page; the lowest rank wins for duplicates. */
export async function recordDiscoveredSeries(
  db: Database,
  runId: string,
  page: number,
  entries: ReadonlyArray<{ seriesId: number; rank: number }>,
): Promise<void> {
  const unique = new Map<number, number>();
  for (const e of entries) unique.set(e.seriesId, Math.min(unique.get(e.seriesId) ?? e.rank, e.rank));
  if (unique.size === 0) return;
  await db
    .insert(runSeries)
    .values([...unique].map(([seriesId, rank]) => ({ runId, seriesId, page, rank })))
    .onConflictDoUpdate({
      target: [runSeries.runId, runSeries.seriesId],
      set: { page: sql`excluded.page`, rank: sql`excluded.rank` },
      setWhere: sql`excluded.rank < ${runSeries.rank}`,
    });
}

export async function recordPageOutcome(
  db: Database,
  runId: string,
  page: number,
  outcome: { status: "done"; seriesCount: number } | { status: "failed"; reason: string },
): Promise<void> {
  const values =
    outcome.status === "done"
      ? { runId, page, status: "done" as const, seriesCount: outcome.seriesCount, reason: null }
      : { runId, page, status: "failed" as const, seriesCount: 0, reason: outcome.reason };
  await db
    .insert(runPages)
    .values(values)
    .onConflictDoUpdate({
      target: [runPages.runId, runPages.page],
      set: { status: values.status, seriesCount: values.seriesCount, reason: values.reason },
    });
}

export async function setTotalPages(db: Database, runId: string, totalPages: number): Promise<void> {
  await db.update(pipelineRuns).set({ totalPages }).where(eq(pipelineRuns.id, runId));
}

export interface FailureRecord {
  runId: string;
  seriesId: number;
  stage: string;
  kind: "absent" | "failed";
  reason: string;
  detail?: string | null;
  attempts?: number;
}

export async function recordFailures(db: Executor, records: ReadonlyArray<FailureRecord>): Promise<void> {
  if (records.length === 0) return;
  await db
    .insert(runFailures)
    .values(records.map((r) => ({ ...r, detail: r.detail ?? null, attempts: r.attempts ?? 1 })))
    .onConflictDoUpdate({
      target: [runFailures.runId, runFailures.seriesId, runFailures.stage],
      set: {
        kind: sql`excluded.kind`,
        reason: sql`excluded.reason`,
        detail: sql`excluded.detail`,
        attempts: sql`excluded.attempts`,
      },
    });
}

/** A series whose details could not be fetched is finished as failed. */
export async function markSeriesFailed(db: Database, runId: string, seriesId: number): Promise<void> {
  await db
    .update(runSeries)
    .set({ outcome: "failed", finishedAt: sql`now()` })
    .where(and(eq(runSeries.runId, runId), eq(runSeries.seriesId, seriesId)));
}

/**
 * Closes the run when discovery is complete and every discovered series is
 * loaded or failed. Takes the run's row lock first so that, of two workers
 * finishing the last series at once, the later one sees both outcomes.
 */
export async function finalizeRunIfComplete(db: Database, runId: string): Promise<RunStatus | null> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ status: RunStatus; total_pages: number | null }>(
      sql`select status, total_pages from pipeline_runs where id = ${runId} for update`,
    );
    const run = locked.rows[0];
    if (run?.status !== "running" || run.total_pages === null) return null;
    const state = await tx.execute<{
      pages: number;
      failed_pages: number;
      pending: boolean;
      failures: boolean;
    }>(sql`
      select
        (select count(*)::int from run_pages where run_id = ${runId}) as pages,
        (select count(*)::int from run_pages where run_id = ${runId} and status = 'failed') as failed_pages,
        exists (select 1 from run_series where run_id = ${runId} and outcome is null) as pending,
        exists (select 1 from run_failures where run_id = ${runId} and kind = 'failed') as failures`);
    const s = state.rows[0];
    if (!s || s.pages < run.total_pages) return null;
    await tx.execute(
      sql`update pipeline_runs set discovered_at = coalesce(discovered_at, now()) where id = ${runId}`,
    );
    if (s.pending) return null;
    const status: RunStatus = s.failures || s.failed_pages > 0 ? "partial" : "succeeded";
    await tx.execute(
      sql`update pipeline_runs set status = ${status}, finished_at = now() where id = ${runId}`,
    );
    return status;
  });
}
