import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { loadDatasets } from "./catalog/datasets.ts";
import { buildCatalog, type Catalog, DEFAULT_CATALOG_SIZE, DEFAULT_SEED } from "./catalog.ts";
import { CONTROL_PREFIX, registerControlRoutes } from "./control.ts";
import { defaultDatasetsDir, fixturesDirectory } from "./fixtures.ts";
import { omdbUpstream } from "./omdb/routes.ts";
import { FaultInjector } from "./runtime/faults.ts";
import { HoldRegistry } from "./runtime/holds.ts";
import { applyKnobsPatch, DEFAULT_KNOBS, type Knobs, type KnobsPatch } from "./runtime/knobs.ts";
import { DailyQuota, SlidingWindowLimiter } from "./runtime/limits.ts";
import { SandboxStats } from "./runtime/stats.ts";
import {
  registerUpstream,
  type SandboxContext,
  type SandboxCredentials,
  type UpstreamModule,
} from "./runtime/upstream.ts";
import { siteUpstreams } from "./sites/index.ts";
import { tmdbUpstream } from "./tmdb/routes.ts";
import { buildTruth, type Truth } from "./truth.ts";
import { currentIsoWeek } from "./week.ts";

export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  tmdbApiKeys: ["sandbox-tmdb-key"],
  tmdbReadTokens: ["sandbox-tmdb-read-token"],
  omdbApiKeys: ["sandboxk"],
};

export interface SandboxOptions {
  /** Default 42. */
  seed?: number;
  /** Default 1200. */
  catalogSize?: number;
  /**
   * Folder with the IMDb/Metacritic CSVs. Default: <fixtures>/datasets when
   * present; null: generated data only.
   */
  datasetsDir?: string | null;
  /**
   * A catalog built beforehand (shared between sandboxes); seed/size/datasets are then taken
   * from it. Served while the week and dataAnomalies knobs match it; other weeks are built from its world.
   */
  catalog?: Catalog;
  credentials?: Partial<SandboxCredentials>;
  /** Initial knobs, merged over the defaults and validated like PUT /__sandbox/config. */
  knobs?: KnobsPatch;
  /** Clock for quotas and rate limits (tests move it). Default Date.now. */
  now?: () => number;
  /** Fastify/pino logger; default silent. Request logging stays off either way. */
  logger?: FastifyBaseLogger;
  /** Serve the Rotten Tomatoes (/rt) and Metacritic (/mc) pages. Default true. */
  sites?: boolean;
  /** Where recorded pages (the Metacritic 403) are read from; default fixturesDirectory(); null: generated. */
  fixturesDir?: string | null;
  /** Further upstreams served next to TMDB, OMDb and the sites. */
  upstreams?: UpstreamModule[];
}

export interface SandboxUrls {
  base: string;
  /** TMDB API base, like https://api.themoviedb.org/3 */
  tmdb: string;
  /** OMDb base, like https://www.omdbapi.com/ */
  omdb: string;
  /** Rotten Tomatoes site base, like https://www.rottentomatoes.com (pages at /tv/<slug>). */
  rt: string;
  /** Metacritic site base, like https://www.metacritic.com (pages at /tv/<slug>/). */
  mc: string;
  control: string;
}

export interface Sandbox {
  app: FastifyInstance;
  /** The catalog for the week and dataAnomalies knobs in force. */
  readonly catalog: Catalog;
  stats: SandboxStats;
  knobs(): Knobs;
  /** Same validation and merge as PUT /__sandbox/config; throws a ZodError on bad input. */
  setKnobs(patch: KnobsPatch): Knobs;
  /** Same as POST /__sandbox/reset: counters, quota usage, rate window, fault memory. */
  reset(): void;
  /** The truth for the knobs in force, or for another ISO week ("2026-W10") or dataAnomalies setting. */
  truth(options?: { week?: string; dataAnomalies?: boolean }): Truth;
  /** Starts listening (port 0 = any free port) and returns the base URLs. */
  listen(options?: { port?: number; host?: string }): Promise<SandboxUrls>;
  close(): Promise<void>;
}

export function urlsFor(base: string): SandboxUrls {
  const trimmed = base.replace(/\/$/, "");
  return {
    base: trimmed,
    tmdb: `${trimmed}/tmdb/3`,
    omdb: `${trimmed}/omdb/`,
    rt: `${trimmed}/rt`,
    mc: `${trimmed}/mc`,
    control: `${trimmed}${CONTROL_PREFIX}`,
  };
}

function initialCatalog(options: SandboxOptions, knobs: Knobs): Catalog {
  if (options.catalog) return options.catalog;
  const datasetsDir = options.datasetsDir === undefined ? defaultDatasetsDir() : options.datasetsDir;
  return buildCatalog({
    seed: options.seed ?? DEFAULT_SEED,
    size: options.catalogSize ?? DEFAULT_CATALOG_SIZE,
    datasets: datasetsDir ? loadDatasets(datasetsDir) : null,
    week: knobs.week ?? currentIsoWeek(),
    dataAnomalies: knobs.dataAnomalies,
  });
}

/** Catalogs kept per (week, dataAnomalies): a few, so moving between two weeks stays cheap. */
const CATALOGS_KEPT = 4;

/** The catalog for each week and dataAnomalies setting, built from the first one's world. */
function catalogsFrom(first: Catalog) {
  const key = (week: string, dataAnomalies: boolean) => `${week}|${dataAnomalies}`;
  const built = new Map<string, Catalog>([[key(first.week, first.dataAnomalies), first]]);
  return (week: string, dataAnomalies: boolean): Catalog => {
    const wanted = key(week, dataAnomalies);
    let catalog = built.get(wanted);
    if (!catalog) {
      catalog = buildCatalog({
        seed: first.seed,
        size: first.size,
        datasets: first.world.datasets,
        week,
        dataAnomalies,
      });
      built.set(wanted, catalog);
      const oldest = built.keys().next().value;
      if (built.size > CATALOGS_KEPT && oldest !== undefined) built.delete(oldest);
    }
    return catalog;
  };
}

export async function buildSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let knobs = applyKnobsPatch(DEFAULT_KNOBS, options.knobs ?? {});
  const now = options.now ?? Date.now;
  const first = initialCatalog(options, knobs);
  const catalogFor = catalogsFrom(first);
  // Unset: a given catalog's week, else the calendar's (not the injected clock's: tests move that for quotas).
  const weekInForce = () => knobs.week ?? options.catalog?.week ?? currentIsoWeek();
  const catalog = () => catalogFor(weekInForce(), knobs.dataAnomalies);
  const stats = new SandboxStats();
  const context: SandboxContext = {
    catalog,
    seed: first.seed,
    credentials: { ...DEFAULT_CREDENTIALS, ...options.credentials },
    knobs: () => knobs,
    now,
    stats,
    faults: new FaultInjector(first.seed),
    holds: new HoldRegistry(),
    omdbQuota: new DailyQuota(),
    tmdbLimiter: new SlidingWindowLimiter(),
  };
  const setKnobs = (patch: unknown): Knobs => {
    knobs = applyKnobsPatch(knobs, patch);
    return knobs;
  };
  const reset = () => {
    stats.reset();
    context.omdbQuota.reset();
    context.tmdbLimiter.reset();
    context.faults.reset();
  };
  // The truth depends on the catalog (week, dataAnomalies) and the `sites` knobs: rebuilt when they change.
  let truthCache: { key: string; truth: Truth; json: string } | undefined;
  const truth = (week: string = weekInForce(), dataAnomalies: boolean = knobs.dataAnomalies) => {
    const key = JSON.stringify([week, dataAnomalies, knobs.sites]);
    if (truthCache?.key === key) return truthCache;
    const built = buildTruth(catalogFor(week, dataAnomalies), knobs.sites);
    const entry = { key, truth: built, json: JSON.stringify(built) };
    if (week === weekInForce() && dataAnomalies === knobs.dataAnomalies) truthCache = entry;
    return entry;
  };

  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Benchmarks push thousands of requests through; per-request log lines would drown the rest.
    logController: new LogController({ disableRequestLogging: true }),
    // Clients keep connections alive; a sandbox that is closing drops them rather than wait.
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;
  // Let pending latency/timeout holds finish at once, so close() never waits for them.
  app.addHook("preClose", async () => context.holds.releaseAll());

  registerControlRoutes(app, {
    seed: first.seed,
    catalogSize: first.size,
    week: weekInForce,
    stats,
    knobs: () => knobs,
    updateKnobs: setKnobs,
    reset,
    truthJson: (week, dataAnomalies) => truth(week, dataAnomalies).json,
  });
  const sites =
    options.sites === false
      ? []
      : siteUpstreams({
          fixturesDir: options.fixturesDir === undefined ? fixturesDirectory() : options.fixturesDir,
        });
  for (const upstream of [tmdbUpstream, omdbUpstream, ...sites, ...(options.upstreams ?? [])]) {
    await registerUpstream(app, upstream, context);
  }
  await app.ready();

  return {
    app,
    get catalog() {
      return catalog();
    },
    stats,
    knobs: () => knobs,
    setKnobs,
    reset,
    truth: (truthOptions = {}) => truth(truthOptions.week, truthOptions.dataAnomalies).truth,
    async listen({ port = 0, host = "127.0.0.1" } = {}) {
      await app.listen({ port, host });
      const address = app.server.address();
      if (!address || typeof address === "string") throw new Error("sandbox is not listening on TCP");
      const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
      return urlsFor(`http://${hostForUrl}:${address.port}`);
    },
    close: () => app.close(),
  };
}
