import { ConfigError, createLogger } from "@tvr/config";
import { loadDatasets } from "./catalog/datasets.ts";
import { buildCatalog, DEFAULT_CATALOG_SIZE, DEFAULT_SEED } from "./catalog.ts";
import { sandboxConfigFromEnv } from "./env.ts";
import { applyKnobsPatch, DEFAULT_KNOBS } from "./runtime/knobs.ts";
import { buildSandbox } from "./server.ts";
import { buildTruth } from "./truth.ts";

const USAGE = `usage: tsx tools/sandbox/src/main.ts [truth]
  (no command)  serve TMDB, OMDb, Rotten Tomatoes and Metacritic stand-ins on SANDBOX_HOST:SANDBOX_PORT (default 127.0.0.1:4010)
  truth         print the ground truth JSON for SANDBOX_SEED / SANDBOX_CATALOG_SIZE and exit`;

async function printTruth(): Promise<void> {
  const { options } = sandboxConfigFromEnv();
  const catalog = buildCatalog({
    seed: options.seed ?? DEFAULT_SEED,
    size: options.catalogSize ?? DEFAULT_CATALOG_SIZE,
    datasets: options.datasetsDir ? loadDatasets(options.datasetsDir) : null,
  });
  // Page fields follow the SANDBOX_SITES_* knobs, as the served truth would.
  const { sites } = applyKnobsPatch(DEFAULT_KNOBS, options.knobs ?? {});
  const json = `${JSON.stringify(buildTruth(catalog, sites))}\n`;
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(json, (error) => (error ? reject(error) : resolve())),
  );
}

async function serve(): Promise<void> {
  const config = sandboxConfigFromEnv();
  const logger = createLogger({ name: "sandbox", level: config.logLevel });
  const sandbox = await buildSandbox({ ...config.options, logger });
  const urls = await sandbox.listen({ port: config.port, host: config.host });
  logger.info(
    {
      tmdb: urls.tmdb,
      omdb: urls.omdb,
      rt: urls.rt,
      mc: urls.mc,
      control: urls.control,
      seed: sandbox.catalog.seed,
      catalogSize: sandbox.catalog.size,
      usesDatasets: sandbox.catalog.usesDatasets,
      knobs: sandbox.knobs(),
    },
    "sandbox listening",
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, "sandbox shutting down");
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "sandbox did not close cleanly");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

async function main(command: string | undefined): Promise<void> {
  if (command === undefined || command === "serve") return serve();
  if (command === "truth") return printTruth();
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
