export { type Datasets, loadDatasets, titleKey } from "./catalog/datasets.ts";
export { EDGE_CASE_SHARES } from "./catalog/edge-cases.ts";
export { listingVoteAverage, MAX_PAGES, PAGE_SIZE } from "./catalog/listing.ts";
export type {
  EdgeCase,
  MetacriticEntry,
  OmdbTitle,
  SeriesSource,
} from "./catalog/types.ts";
export {
  buildCatalog,
  type Catalog,
  type CatalogOptions,
  DEFAULT_CATALOG_SIZE,
  DEFAULT_SEED,
  MAX_CATALOG_SIZE,
  type SeriesRecord,
} from "./catalog.ts";
export { CONTROL_PREFIX } from "./control.ts";
export { type SandboxEnvConfig, sandboxConfigFromEnv } from "./env.ts";
export { defaultDatasetsDir, fixturesDirectory } from "./fixtures.ts";
export { createRandom, deriveSeed, hashToUnit, type Random } from "./random.ts";
export { DEFAULT_KNOBS, FAULT_KINDS, type FaultKind, type Knobs, type KnobsPatch } from "./runtime/knobs.ts";
export type { StatsSnapshot } from "./runtime/stats.ts";
export type {
  CannedResponse,
  SandboxContext,
  SandboxCredentials,
  UpstreamModule,
} from "./runtime/upstream.ts";
export {
  buildSandbox,
  DEFAULT_CREDENTIALS,
  type Sandbox,
  type SandboxOptions,
  type SandboxUrls,
  urlsFor,
} from "./server.ts";
export { buildTruth, type ImdbAbsence, type Truth, type TruthSeries, truthForSeries } from "./truth.ts";
