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
  /** A catalog built beforehand (shared between sandboxes); seed/size/datasets are then ignored. */
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
  catalog: Catalog;
  stats: SandboxStats;
  knobs(): Knobs;
  /** Same validation and merge as PUT /__sandbox/config; throws a ZodError on bad input. */
  setKnobs(patch: KnobsPatch): Knobs;
  /** Same as POST /__sandbox/reset: counters, quota usage, rate window, fault memory. */
  reset(): void;
  truth(): Truth;
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

function catalogFor(options: SandboxOptions): Catalog {
  if (options.catalog) return options.catalog;
  const datasetsDir = options.datasetsDir === undefined ? defaultDatasetsDir() : options.datasetsDir;
  return buildCatalog({
    seed: options.seed ?? DEFAULT_SEED,
    size: options.catalogSize ?? DEFAULT_CATALOG_SIZE,
    datasets: datasetsDir ? loadDatasets(datasetsDir) : null,
  });
}

export async function buildSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const catalog = catalogFor(options);
  let knobs = applyKnobsPatch(DEFAULT_KNOBS, options.knobs ?? {});
  const stats = new SandboxStats();
  const context: SandboxContext = {
    catalog,
    seed: catalog.seed,
    credentials: { ...DEFAULT_CREDENTIALS, ...options.credentials },
    knobs: () => knobs,
    now: options.now ?? Date.now,
    stats,
    faults: new FaultInjector(catalog.seed),
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
  // The page fields depend on the `sites` knobs: rebuilt when they change, cached otherwise.
  let truthCache: { key: string; truth: Truth; json: string } | undefined;
  const truth = () => {
    const key = JSON.stringify(knobs.sites);
    if (truthCache?.key !== key) {
      const built = buildTruth(catalog, knobs.sites);
      truthCache = { key, truth: built, json: JSON.stringify(built) };
    }
    return truthCache;
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
    seed: catalog.seed,
    catalogSize: catalog.size,
    stats,
    knobs: () => knobs,
    updateKnobs: setKnobs,
    reset,
    truthJson: () => truth().json,
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
    catalog,
    stats,
    knobs: () => knobs,
    setKnobs,
    reset,
    truth: () => truth().truth,
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
