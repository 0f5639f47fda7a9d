import { queues as contract, OmdbResult, ScrapeResult } from "@tvr/queues";
import type { FailureRecord } from "@tvr/runs";
import { parseFailureReason } from "@tvr/worker";
import type { Job, Queue } from "bullmq";

/** What the enrichment children of one load job returned, by source. */
export interface ChildOutcomes {
  omdb: OmdbResult | null;
  rt: ScrapeResult | null;
  mc: ScrapeResult | null;
  failed: Array<{ stage: string; reason: string; detail: string | null; attempts: number }>;
}

const SCRAPE_SOURCES: Record<string, "rt" | "mc"> = {
  [contract.scrapeRt.name]: "rt",
  [contract.scrapeMc.name]: "mc",
};

// Keys look like "<prefix>:<queue>:<job id>"; job ids never contain ':'.
const queueNameOf = (key: string) => key.split(":").at(-2) ?? "";
const jobIdOf = (key: string) => key.split(":").at(-1) ?? "";

export async function readChildOutcomes(
  job: Job,
  childQueues: Record<string, Queue>,
): Promise<ChildOutcomes> {
  const outcomes: ChildOutcomes = { omdb: null, rt: null, mc: null, failed: [] };
  for (const [key, value] of Object.entries(await job.getChildrenValues())) {
    // A value that doesn't parse is a child that skipped its work because the run had ended.
    const queue = queueNameOf(key);
    if (queue === contract.omdb.name) {
      outcomes.omdb = OmdbResult.safeParse(value).data ?? null;
      continue;
    }
    const site = SCRAPE_SOURCES[queue];
    if (site) outcomes[site] = ScrapeResult.safeParse(value).data ?? null;
  }
  for (const [key, failedReason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const stage = queueNameOf(key);
    const child = await childQueues[stage]?.getJob(jobIdOf(key));
    outcomes.failed.push({ stage, ...parseFailureReason(failedReason), attempts: child?.attemptsMade ?? 1 });
  }
  return outcomes;
}

/** Failures and absences to record for a series, from its children and its own data. */
export function failureRecords(
  runId: string,
  seriesId: number,
  hasImdbId: boolean,
  outcomes: ChildOutcomes,
): FailureRecord[] {
  const records: FailureRecord[] = outcomes.failed.map((f) => ({ runId, seriesId, kind: "failed", ...f }));
  const absent = (stage: string, reason: string, detail: string | null = null) =>
    records.push({ runId, seriesId, stage, kind: "absent", reason, detail });
  if (!hasImdbId) absent(contract.omdb.name, "no_imdb_id");
  else if (outcomes.omdb?.status === "absent") absent(contract.omdb.name, outcomes.omdb.reason);
  for (const [site, queue] of [
    ["rt", contract.scrapeRt.name],
    ["mc", contract.scrapeMc.name],
  ] as const) {
    const result = outcomes[site];
    if (result?.status === "absent") {
      absent(queue, result.reason, result.tried.map((t) => `${t.path} (${t.outcome})`).join("; "));
    }
  }
  return records;
}
