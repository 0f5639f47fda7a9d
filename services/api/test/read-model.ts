import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createLogger } from "@tvr/config";
import { type Harness, startHarness } from "@tvr/e2e";
import { TEST_REDIS_URL } from "@tvr/testing";
import { sql } from "drizzle-orm";
import { loadApiEnv } from "../src/env.ts";
import { type RunningApi, startApi } from "../src/service.ts";
import { BASIC, TOKEN } from "./helpers.ts";

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
  await run(dbtBinary(), ["build", "--project-dir", dbtProject, "--profiles-dir", dbtProject], {
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
  }).catch((error: Error & { stdout?: string }) => {
    throw new Error(
      `dbt build failed (set DBT_BIN or run scripts/setup.sh): ${error.message}\n${error.stdout ?? ""}`,
    );
  });
}

/**
 * Moves a finished run to the week before, so that two runs stand for two
 * periods (the dbt marts fall back to the start week until runs carry a period).
 */
async function moveToPreviousWeek(harness: Harness, runId: string): Promise<void> {
  const db = harness.database.db;
  await db.execute(sql`update pipeline_runs set started_at = started_at - interval '7 days',
    finished_at = finished_at - interval '7 days' where id = ${runId}`);
  await db.execute(
    sql`update ratings set collected_at = collected_at - interval '7 days' where run_id = ${runId}`,
  );
  const periodColumns = await db.execute<{
    table_name: string;
  }>(sql`select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'period' and table_name in ('pipeline_runs', 'ratings')`);
  for (const { table_name } of periodColumns.rows) {
    const week = sql`to_char((select started_at from pipeline_runs where id = ${runId}) at time zone 'UTC', 'IYYY-"W"IW')`;
    const key = table_name === "pipeline_runs" ? sql`id` : sql`run_id`;
    await db.execute(sql`update ${sql.identifier(table_name)} set period = ${week} where ${key} = ${runId}`);
  }
}

export interface ReadModelFixture {
  harness: Harness;
  runIds: [string, string];
  api: RunningApi;
  close(): Promise<void>;
}

/**
 * Two real sandbox runs (scrapers included) a week apart in a fresh database,
 * and the API on it; the marts are NOT built yet (call buildMarts).
 */
export async function startReadModel(catalogSize = 40): Promise<ReadModelFixture> {
  const harness = await startHarness({
    catalogSize,
    scrapeSites: "rt,mc",
    knobs: { sites: { jsOnlyShare: 0, blockedShare: 0 } },
  });
  const maxPages = Math.ceil(catalogSize / 20) + 1;
  const first = await harness.start({ maxPages });
  await harness.waitForRun(first);
  await moveToPreviousWeek(harness, first);
  const second = await harness.start({ maxPages });
  await harness.waitForRun(second);
  await harness.stopServices();
  const api = await startApi(
    loadApiEnv({
      DATABASE_URL: harness.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: harness.prefix,
      API_PORT: "0",
      API_HOST: "127.0.0.1",
      API_TOKEN: TOKEN,
      API_BASIC_USER: BASIC.user,
      API_BASIC_PASSWORD: BASIC.password,
      PIPELINE_MODE: "sandbox",
      LOG_LEVEL: "silent",
    }),
    createLogger({ name: "api-test", level: "silent" }),
  );
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
