import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Harness, startHarness } from "@tvr/e2e";
import { isoWeekOf } from "@tvr/queues";
import type { RunningApi } from "../src/service.ts";
import { startApiOn } from "./helpers.ts";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dbtProject = `${repoRoot}dbt`;

/** dbt from DBT_BIN, the project's Python environment, or PATH. */
function dbtBinary(): string {
  if (process.env.DBT_BIN) return process.env.DBT_BIN;
  const venv = `${repoRoot}.venv/bin/dbt`;
  return existsSync(venv) ? venv : "dbt";
}

/** Builds the dbt marts in the database, as a run's transform stage does. */
export async function buildMarts(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  // dbt's artefacts go to a scratch folder, not into the repository's dbt/ (parallel builds, lint).
  const scratch = await mkdtemp(path.join(tmpdir(), "tvr-dbt-"));
  const args = ["build", "--project-dir", dbtProject, "--profiles-dir", dbtProject];
  args.push("--target-path", path.join(scratch, "target"), "--log-path", path.join(scratch, "logs"));
  await run(dbtBinary(), args, {
    cwd: dbtProject,
    env: {
      ...process.env,
      DBT_PGHOST: url.hostname,
      DBT_PGPORT: url.port || "5432",
      DBT_PGUSER: decodeURIComponent(url.username) || "postgres",
      DBT_PGPASSWORD: decodeURIComponent(url.password),
      DBT_PGDATABASE: url.pathname.slice(1),
      DBT_SEND_ANONYMOUS_USAGE_STATS: "false",
      DO_NOT_TRACK: "1",
    },
    timeout: 180_000,
  })
    .catch((error: Error & { stdout?: string }) => {
      throw new Error(
        `dbt build failed (set DBT_BIN or run scripts/setup.sh): ${error.message}\n${error.stdout ?? ""}`,
      );
    })
    .finally(() => rm(scratch, { recursive: true, force: true }));
}

export interface ReadModelFixture {
  harness: Harness;
  runIds: [string, string];
  api: RunningApi;
  close(): Promise<void>;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Two real sandbox runs (scrapers included) for two consecutive weeks in a fresh database,
 * and the API on it; the marts are NOT built yet (call buildMarts).
 */
export async function startReadModel(catalogSize = 40): Promise<ReadModelFixture> {
  const harness = await startHarness({
    catalogSize,
    scrapeSites: "rt,mc",
    knobs: { sites: { jsOnlyShare: 0, blockedShare: 0 } },
  });
  const maxPages = Math.ceil(catalogSize / 20) + 1;
  const now = Date.now();
  const first = await harness.start({ maxPages, period: isoWeekOf(new Date(now - WEEK_MS)) });
  await harness.waitForRun(first);
  const second = await harness.start({ maxPages, period: isoWeekOf(new Date(now)) });
  await harness.waitForRun(second);
  await harness.stopServices();
  const api = await startApiOn(harness.database.url, harness.prefix);
  return {
    harness,
    runIds: [first, second],
    api,
    async close() {
      await api.close();
      await harness.close();
    },
  };
}
