import { diffAgainstTruth } from "@tvr/e2e";
import { runBound } from "./bound.ts";
import { rateLimits, type ServiceCode, startBenchStack } from "./stack.ts";
import { formatTable, round } from "./table.ts";

export interface RunBenchOptions {
  size: number;
  seed?: number;
  /** Give up after this long. */
  timeoutSeconds?: number;
  code: ServiceCode;
}

/**
 * One sandbox run of `size` series through the real services, each its own process (as
 * `make run` starts them), on a fresh database and queue prefix. Prints the run time against
 * its bound, and CPU and peak memory per service.
 */
export async function runBench(options: RunBenchOptions): Promise<string> {
  const limits = rateLimits(process.env);
  const stack = await startBenchStack({
    size: options.size,
    seed: options.seed,
    limits,
    code: options.code,
  });
  const { sandbox, services, database } = stack;
  try {
    const { runId, summary, seconds } = await stack.runToEnd(options.timeoutSeconds);
    const usage = services.map((service) => ({ name: service.name, ...service.usage() }));
    const stats = sandbox.stats.snapshot({ requestTimes: false });
    const requests = Object.fromEntries(
      Object.entries(stats.families).map(([family, counts]) => [family, counts.requests]),
    );
    const bound = runBound(requests, limits);
    const differences = await diffAgainstTruth(database.db, runId, sandbox.truth(), { scraped: true });
    const series = summary.series.discovered;
    const perThousand = (value: number) => (series === 0 ? 0 : (value / series) * 1000);
    const mib = (bytes: number) => round(bytes / 1024 / 1024, 0);

    const runTable = formatTable(
      `Run against its bound: ${options.size}-series sandbox catalog, services as separate processes ` +
        `(${options.code === "source" ? "TypeScript through tsx" : "built, plain node"})`,
      ["series", "status", "equals truth", "run s", "bound s", "bound by", "× bound"],
      [
        [
          series,
          summary.status,
          differences.length === 0 ? "yes" : `no (${differences.length} differences)`,
          round(seconds, 1),
          round(bound.seconds, 1),
          bound.family,
          round(seconds / bound.seconds),
        ],
      ],
    );
    const boundTable = formatTable(
      "The bound, per upstream family (requests from the sandbox's stats)",
      ["family", "requests", "limit /s", "seconds"],
      bound.families.map((entry) => [entry.family, entry.requests, entry.perSecond, round(entry.seconds, 1)]),
    );
    const memoryTable = formatTable(
      `Memory and cost per service (${series} series; CPU after start-up)`,
      ["service", "peak RSS MiB", "CPU s", "CPU s per 1,000 series"],
      usage.flatMap((entry) => [
        [entry.name, mib(entry.peakRss), round(entry.cpuSeconds, 1), round(perThousand(entry.cpuSeconds), 1)],
        ...(entry.children.cpuSeconds > 0
          ? [
              [
                `  ${entry.name} child processes`,
                mib(entry.children.peakRss),
                round(entry.children.cpuSeconds, 1),
                round(perThousand(entry.children.cpuSeconds), 1),
              ],
            ]
          : []),
      ]),
    );
    for (const problem of differences.slice(0, 10)) console.error(`truth: ${problem}`);
    return [runTable, boundTable, memoryTable].join("\n");
  } catch (error) {
    stack.printTails();
    throw error;
  } finally {
    await stack.close();
  }
}
