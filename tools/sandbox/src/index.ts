export { type Datasets, loadDatasets, titleKey } from "./catalog/datasets.ts";
export { EDGE_CASE_SHARES } from "./catalog/edge-cases.ts";
export { listingVoteAverage, MAX_PAGES, PAGE_SIZE } from "./catalog/listing.ts";
export type {
  DecoyPage,
  EdgeCase,
  McPagePlan,
  MetacriticEntry,
  OmdbTitle,
  RtPagePlan,
  SeriesSource,
  SiteName,
  SitePagePlan,
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
export type { McLayout, McPageData, RtLayout, RtPageData } from "./pages/types.ts";
export { createRandom, deriveSeed, hashToUnit, type Random } from "./random.ts";
export {
  DEFAULT_KNOBS,
  FAULT_KINDS,
  type FaultKind,
  type Knobs,
  type KnobsPatch,
  type SiteKnobs,
} from "./runtime/knobs.ts";
export { REQUEST_TIMES_CAPACITY, type StatsSnapshot } from "./runtime/stats.ts";
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
export {
  CLEARANCE_COOKIE,
  clearanceToken,
  type Delivery,
  deliveryOf,
  firstAirYear,
  MC_RULES,
  type PageOutcome,
  RT_RULES,
  SITE_PLAN_SHARES,
  SITE_RULES,
  type SiteRules,
  siteUpstreams,
  slugOfPath,
} from "./sites/index.ts";
export {
  buildTruth,
  type ImdbAbsence,
  type PageAbsence,
  type Truth,
  type TruthSeries,
  truthForSeries,
} from "./truth.ts";
