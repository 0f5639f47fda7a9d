/**
 * Checks a run in the configured database against the sandbox's ground truth,
 * series by series and value by value: `pnpm verify:sandbox-run [run-id|latest]`.
 * The truth comes from the running sandbox (SANDBOX_HOST:SANDBOX_PORT) when it answers,
 * otherwise it is rebuilt from the same SANDBOX_* settings the sandbox ran with.
 * OMDb answers the enricher served from its cache are compared with the truth of the
 * week they were fetched in.
 */
import { parseEnv, postgresUrl } from "@tvr/config";
import { connectDatabase, ratings } from "@tvr/db";
import { getRun } from "@tvr/runs";
import { buildSandbox, isoWeekOf, PAGE_SIZE, sandboxConfigFromEnv, type Truth } from "@tvr/sandbox";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { diffAgainstTruth } from "./truth.ts";
import { withCachedOmdbAnswers } from "./weeks.ts";

const env = parseEnv(z.object({ DATABASE_URL: postgresUrl }));
const config = sandboxConfigFromEnv(process.env);

/** The truth for a week (and dataAnomalies setting) from the running sandbox, or null when none answers. */
async function servedTruth(query: { week?: string; dataAnomalies?: boolean }): Promise<Truth | null> {
  const params = new URLSearchParams();
  if (query.week) params.set("week", query.week);
  if (query.dataAnomalies !== undefined) params.set("dataAnomalies", String(query.dataAnomalies));
  const url = `http://${config.host}:${config.port}/__sandbox/truth?${params}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as Truth;
  } catch (error) {
    if (error instanceof TypeError) return null; // nothing listening
    throw error;
  }
}

const database = connectDatabase(env.DATABASE_URL, { max: 2 });
try {
  const run = await getRun(database.db, process.argv[2] ?? "latest");
  if (!run) throw new Error(`no run ${process.argv[2] ?? "latest"}`);
  if (run.mode !== "sandbox") throw new Error(`run ${run.id} ran against the live APIs, not the sandbox`);

  let local: Awaited<ReturnType<typeof buildSandbox>> | undefined;
  const truthFor = async (query: { week?: string; dataAnomalies?: boolean } = {}): Promise<Truth> => {
    const served = await servedTruth(query);
    if (served) return served;
    local ??= await buildSandbox(config.options);
    return local.truth(query);
  };
  const fullTruth = await truthFor();
  // A run limited to N pages saw only the series on those pages.
  const listed = new Set(fullTruth.listing.slice(0, run.maxPages ? run.maxPages * PAGE_SIZE : undefined));
  const runTruth = { ...fullTruth, series: fullTruth.series.filter((s) => listed.has(s.series_id)) };

  const loaded = await database.db
    .select({
      seriesId: ratings.seriesId,
      fetchedAt: ratings.omdbFetchedAt,
      imdbRating: ratings.imdbRating,
      imdbCount: ratings.imdbCount,
    })
    .from(ratings)
    .where(eq(ratings.runId, run.id));
  const cached = loaded.flatMap((row) =>
    row.fetchedAt !== null && row.fetchedAt < run.startedAt ? [{ ...row, fetchedAt: row.fetchedAt }] : [],
  );
  const { truth, weeks } = await withCachedOmdbAnswers(
    runTruth,
    cached,
    (week, flip) =>
      truthFor({ week, dataAnomalies: flip ? !fullTruth.dataAnomalies : fullTruth.dataAnomalies }),
    isoWeekOf,
  );
  const problems = await diffAgainstTruth(database.db, run.id, truth, { scraped: true });
  await local?.close();

  for (const problem of problems.slice(0, 50)) console.log(problem);
  const cacheNote =
    cached.length === 0
      ? "no OMDb answers from the cache"
      : `${cached.length} OMDb answers from the cache, checked against week${weeks.length > 1 ? "s" : ""} ${weeks.join(", ")}`;
  console.log(
    problems.length === 0
      ? `run ${run.id}: all ${truth.series.length} series equal the sandbox truth of ${truth.week} (series, dims, bridges, ratings, absences; ${cacheNote})`
      : `run ${run.id}: ${problems.length} differences from the sandbox truth of ${truth.week} (${cacheNote})`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  await database.close();
}
