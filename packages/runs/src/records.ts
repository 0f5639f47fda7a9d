import { type Database, type Executor, pipelineRuns, runFailures, runPages, runSeries } from "@tvr/db";
import { and, eq, sql } from "drizzle-orm";

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
