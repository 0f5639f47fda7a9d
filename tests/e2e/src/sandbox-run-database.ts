/**
 * One complete sandbox run into a fresh, migrated database that is left in
 * place, for tests in other languages (the Python quality worker's). Prints one
 * JSON line: `{ databaseUrl, runId, status, truth }`; the caller drops the database.
 *
 *   pnpm exec tsx tests/e2e/src/sandbox-run-database.ts [catalogSize] [seed]
 */
import { startHarness } from "./harness.ts";

const catalogSize = Number(process.argv[2] ?? 60);
const seed = Number(process.argv[3] ?? 7);

const harness = await startHarness({
  catalogSize,
  seed,
  scrapeSites: "rt,mc",
  // Plain HTML pages only: the browser fallback has its own tests and would only slow this down.
  knobs: { sites: { jsOnlyShare: 0, blockedShare: 0 } },
});
try {
  const runId = await harness.start({ maxPages: Math.ceil(catalogSize / 20) + 1 });
  const summary = await harness.waitForRun(runId);
  process.stdout.write(
    `${JSON.stringify({ databaseUrl: harness.database.url, runId, status: summary.status, truth: harness.sandbox.truth() })}\n`,
  );
} finally {
  await harness.close({ keepDatabase: true });
}
