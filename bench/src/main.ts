/**
 * `pnpm bench [parser|run|loader|scaling] [--size N] [--rounds N]`: prints the benchmark tables.
 * Without a command: the parser table, a sandbox run of --size series (default 1,200), then the
 * loader table for --size series (`loader`: rows/s into the star schema, COPY, the queue per job).
 * `scaling` (`pnpm bench:scaling`): the same sandbox run with 1, 2 and 4 scraper processes
 * (--processes 1,2,4, --size default 150, --limit per site default 6/s, --concurrency 2,
 * --latency-ms 1000: one process reads about 2 pages/s per site, four would read 8).
 * The services run built, as production runs them (built first into .build/bench);
 * `--source` runs their TypeScript through tsx instead.
 */
import { parseArgs } from "node:util";
import { loaderBench } from "./loader.ts";
import { parserBench } from "./parser.ts";
import { runBench } from "./run.ts";
import { scalingBench } from "./scaling.ts";
import { buildBenchArtefacts, type ServiceCode } from "./stack.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: "string" },
    rounds: { type: "string", default: "10" },
    processes: { type: "string", default: "1,2,4" },
    limit: { type: "string", default: "6" },
    concurrency: { type: "string", default: "2" },
    "latency-ms": { type: "string", default: "1000" },
    source: { type: "boolean", default: false },
  },
});
const command = positionals[0] ?? "all";
if (!["all", "parser", "run", "loader", "scaling"].includes(command)) {
  console.error("usage: pnpm bench [parser|run|loader|scaling] [--size N] [--rounds N] [--source]");
  process.exit(2);
}
const positiveInt = (name: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
};
const rounds = positiveInt("rounds", values.rounds);
const serviceCode = (): ServiceCode => (values.source ? "source" : buildBenchArtefacts());

if (command === "scaling") {
  console.log(
    await scalingBench({
      size: positiveInt("size", values.size ?? "150"),
      processes: values.processes.split(",").map((count) => positiveInt("processes", count.trim())),
      perSiteLimit: positiveInt("limit", values.limit),
      concurrency: positiveInt("concurrency", values.concurrency),
      latencyMs: positiveInt("latency-ms", values["latency-ms"]),
      code: serviceCode(),
    }),
  );
} else {
  const size = positiveInt("size", values.size ?? "1200");
  if (command === "all" || command === "parser") console.log(await parserBench({ rounds }));
  if (command === "all" || command === "run") console.log(await runBench({ size, code: serviceCode() }));
  if (command === "all" || command === "loader") console.log(await loaderBench({ size }));
}
