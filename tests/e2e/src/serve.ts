/**
 * The whole pipeline behind its real API, for tests written in other languages
 * (the Airflow DAG's): the e2e harness (sandbox, fresh database, queue prefix,
 * ingestor, enricher, loader, scraper) plus the API service, all on free ports.
 *
 *   node --import tsx tests/e2e/src/serve.ts [--catalog-size N]
 *
 * Prints one JSON line with the addresses and generated credentials, then runs
 * until SIGTERM/SIGINT or until its standard input closes, and cleans up
 * (database dropped, queue keys deleted).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ApiEnv, startApi } from "@tvr/api";
import { pino } from "pino";
import { startHarness } from "./harness.ts";

const { values } = parseArgs({ options: { "catalog-size": { type: "string", default: "20" } } });
const catalogSize = Number(values["catalog-size"]);
if (!Number.isInteger(catalogSize) || catalogSize < 1)
  throw new Error("--catalog-size must be a positive integer");

const harness = await startHarness({
  catalogSize,
  scrapeSites: "rt,mc",
  // Plain-HTTP pages only: no browser needed for these runs.
  knobs: { sites: { jsOnlyShare: 0, blockedShare: 0 } },
});
const token = randomBytes(24).toString("hex");
const basic = { user: "airflow", password: randomBytes(12).toString("hex") };
const api = await startApi(
  ApiEnv.parse({
    DATABASE_URL: harness.database.url,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: harness.prefix,
    API_PORT: "0",
    API_HOST: "127.0.0.1",
    API_TOKEN: token,
    API_BASIC_USER: basic.user,
    API_BASIC_PASSWORD: basic.password,
    PIPELINE_MODE: "sandbox",
    LOG_LEVEL: "warn",
  }),
  pino({ level: "warn" }),
);

let closing: Promise<void> | undefined;
const shutdown = () => {
  closing ??= (async () => {
    await api.close();
    await harness.close();
    process.exit(0);
  })();
  return closing;
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
process.stdin.on("end", shutdown);
process.stdin.resume();

process.stdout.write(
  `${JSON.stringify({
    apiUrl: api.url,
    token,
    basicUser: basic.user,
    basicPassword: basic.password,
    sandboxControlUrl: `${harness.urls.base.replace(/\/$/, "")}/__sandbox`,
    databaseUrl: harness.database.url,
    queuePrefix: harness.prefix,
  })}\n`,
);
