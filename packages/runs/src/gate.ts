import { type Database, pipelineRuns } from "@tvr/db";
import { eq } from "drizzle-orm";

/**
 * Answers "is this run still running?" for processors, cached briefly: a run
 * that failed early or was cancelled stops getting new work within a second.
 */
export function createRunGate(db: Database, ttlMs = 1_000) {
  const cache = new Map<string, { active: boolean; at: number }>();
  return {
    async isActive(runId: string): Promise<boolean> {
      const hit = cache.get(runId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.active;
      const run = await db.query.pipelineRuns.findFirst({
        columns: { status: true },
        where: eq(pipelineRuns.id, runId),
      });
      const active = run?.status === "running";
      cache.set(runId, { active, at: Date.now() });
      if (cache.size > 1_000) cache.clear();
      return active;
    },
  };
}

export type RunGate = ReturnType<typeof createRunGate>;
