/**
 * Checks a run in the configured database against the sandbox's ground truth,
 * series by series and value by value: `pnpm verify:sandbox-run [run-id|latest]`.
 * The truth is rebuilt from the same SANDBOX_* settings the sandbox ran with.
 */
import { parseEnv, postgresUrl } from "@tvr/config";
import { connectDatabase } from "@tvr/db";
import { getRun } from "@tvr/runs";
import { buildSandbox, PAGE_SIZE, sandboxConfigFromEnv } from "@tvr/sandbox";
import { z } from "zod";
import { diffAgainstTruth } from "./truth.ts";

const env = parseEnv(z.object({ DATABASE_URL: postgresUrl }));
const database = connectDatabase(env.DATABASE_URL, { max: 2 });
try {
  const run = await getRun(database.db, process.argv[2] ?? "latest");
  if (!run) throw new Error(`no run ${process.argv[2] ?? "latest"}`);
  if (run.mode !== "sandbox") throw new Error(`run ${run.id} ran against the live APIs, not the sandbox`);
  const sandbox = await buildSandbox(sandboxConfigFromEnv(process.env).options);
  const fullTruth = sandbox.truth();
  // A run limited to N pages saw only the series on those pages.
  const listed = new Set(fullTruth.listing.slice(0, run.maxPages ? run.maxPages * PAGE_SIZE : undefined));
  const truth = { ...fullTruth, series: fullTruth.series.filter((s) => listed.has(s.series_id)) };
  const problems = await diffAgainstTruth(database.db, run.id, truth, { scraped: true });
  await sandbox.close();
  for (const problem of problems.slice(0, 50)) console.log(problem);
  console.log(
    problems.length === 0
      ? `run ${run.id}: all ${truth.series.length} series equal the sandbox truth (series, dims, bridges, ratings, absences)`
      : `run ${run.id}: ${problems.length} differences from the sandbox truth`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  await database.close();
}
