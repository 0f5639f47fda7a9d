import { CATALOG_YEAR } from "../catalog/plan.ts";
import type {
  DecoyPage,
  McPagePlan,
  MetacriticEntry,
  RtPagePlan,
  SeriesRecord,
  SeriesSource,
  SiteName,
  SitePageEntry,
  SitePagePlan,
  SitePages,
} from "../catalog/types.ts";
import { createRandom, deriveSeed, hashToUnit, type Random } from "../random.ts";
import { MC_RULES, RT_RULES, SITE_PLAN_SHARES, type SiteRules, slugOfPath } from "./rules.ts";
import { mcPageData, rtPageData } from "./scores.ts";

/** First-air year as TMDB gives it; null when TMDB has no date. */
export function firstAirYear(record: SeriesRecord): number | null {
  return record.firstAirDate ? Number(record.firstAirDate.slice(0, 4)) : null;
}

/** What a site's page plan needs to know about a series of the world, before any week. */
export interface PageSubject {
  randomSeed: number;
  source: SeriesSource;
  name: string;
  /** null: TMDB has no first-air date, so no page can be confirmed (confirmMatch) and none exists. */
  year: number | null;
  metacritic: MetacriticEntry | null;
}

/** Where one series' page lives on one site: the same in every catalog and week. */
export interface PagePlacement {
  slug: string;
  decoy: DecoyPage<string, unknown> | null;
}

export interface SitePlacements {
  rt: PagePlacement | null;
  mc: PagePlacement | null;
}

type PageIdentity = { title: string; year: number; slug: string };
type DataMaker = (
  rng: Random,
  layout: string,
  quality: number,
  page: PageIdentity,
  own: MetacriticOwner,
) => unknown;
type MetacriticOwner = { metacritic: MetacriticEntry | null } | null;

const SITE_DATA: Record<
  SiteName,
  {
    rules: SiteRules;
    shares: { noPage: number; decoy: number };
    layouts: ReadonlyArray<readonly [string, number]>;
    data: DataMaker;
  }
> = {
  rt: {
    rules: RT_RULES,
    shares: SITE_PLAN_SHARES.rt,
    layouts: SITE_PLAN_SHARES.rt.layouts,
    data: (rng, layout, quality, page) => rtPageData(rng, layout as never, quality, page),
  },
  mc: {
    rules: MC_RULES,
    shares: SITE_PLAN_SHARES.mc,
    layouts: SITE_PLAN_SHARES.mc.layouts,
    data: (rng, _layout, quality, page, own) => mcPageData(rng, own as SeriesRecord | null, quality, page),
  },
};

/** A decoy show starts 3 to 20 years earlier (or later, for very old series). */
function decoyYear(rng: Random, year: number): number {
  const offset = rng.int(3, 20);
  return year - offset >= 1950 ? year - offset : Math.min(CATALOG_YEAR, year + offset);
}

interface Draft {
  index: number;
  subject: PageSubject;
  year: number;
  slug: string;
  wantsPage: boolean;
  wantsDecoy: boolean;
  decoy: { year: number; layout: string; data: unknown } | null;
}

/** The page's structure, from the series' own stream (scores and layout are drawn per week). */
function draft(site: SiteName, subject: PageSubject, index: number): Draft | null {
  const { rules, shares, layouts, data } = SITE_DATA[site];
  const slug = rules.slug(subject.name);
  if (subject.year === null || slug === "") return null;
  const year = subject.year;
  const rng = createRandom(deriveSeed(subject.randomSeed, "site-page", site));
  const noPage = rng.chance(shares.noPage);
  // Showcase series are well-known shows (and the same-title pairs must stay testable); a series
  // in the Metacritic dataset was scraped from Metacritic. Both have pages.
  const wantsPage =
    subject.source === "showcase" || (site === "mc" && subject.metacritic !== null) || !noPage;
  const wantsDecoy = rng.chance(shares.decoy);
  let decoy: Draft["decoy"] = null;
  if (wantsDecoy) {
    const otherYear = decoyYear(rng, year);
    const layout = rng.weighted(layouts);
    const quality = rng.float(5.5, 8.5, 2);
    decoy = {
      year: otherYear,
      layout,
      data: data(rng, layout, quality, { title: subject.name, year: otherYear, slug }, null),
    };
  }
  return { index, subject, year, slug, wantsPage, wantsDecoy, decoy };
}

/**
 * Decides where each of the given series' pages live on one site (series sharing a slug must
 * all be given together; the world passes its named series, and generated series one by one,
 * their titles and slugs being unique):
 * - series sharing a slug (same-title pairs): the oldest keeps the plain slug, the others get
 *   `<slug>_<year>` (RT) / `<slug>-<year>` (MC). When the oldest starts within a year of another,
 *   a page cannot be told apart by title and year, so every one of them is suffixed and the
 *   plain slug serves nothing;
 * - a series whose slug is its own may instead live at the suffixed slug, with a decoy (a show
 *   of the same title that starts 3-20 years apart, not in the world) at the plain slug;
 * - a suffixed slug already taken leaves the series without a page.
 */
export function placePages(site: SiteName, subjects: readonly PageSubject[]): Array<PagePlacement | null> {
  const { rules } = SITE_DATA[site];
  const groups = new Map<string, Draft[]>();
  subjects.forEach((subject, index) => {
    const entry = draft(site, subject, index);
    if (!entry) return;
    const group = groups.get(entry.slug);
    if (group) group.push(entry);
    else groups.set(entry.slug, [entry]);
  });

  const plain: Draft[] = [];
  const suffixed: Draft[] = [];
  for (const members of groups.values()) {
    const sorted = [...members].sort((a, b) => a.year - b.year || a.index - b.index);
    const [oldest, ...rest] = sorted;
    if (!oldest) continue;
    const confusable = rest.some((other) => Math.abs(other.year - oldest.year) <= 1);
    if (oldest.wantsPage)
      (confusable || (rest.length === 0 && oldest.wantsDecoy) ? suffixed : plain).push(oldest);
    for (const other of rest) if (other.wantsPage) suffixed.push(other);
  }

  const placements: Array<PagePlacement | null> = subjects.map(() => null);
  const taken = new Set<string>();
  const place = (entry: Draft, slug: string) => {
    taken.add(slug);
    placements[entry.index] = { slug, decoy: null };
  };
  for (const entry of plain) place(entry, entry.slug);
  for (const entry of suffixed) {
    const slug = rules.withYear(entry.slug, entry.year);
    const isDecoyOwner = entry.wantsDecoy && groups.get(entry.slug)?.length === 1;
    if (!taken.has(slug)) place(entry, slug);
    // A would-be decoy owner whose suffixed slug is taken keeps its plain slug instead.
    else if (isDecoyOwner && !taken.has(entry.slug)) place(entry, entry.slug);
  }
  for (const entry of suffixed) {
    const placement = placements[entry.index];
    if (!placement || !entry.decoy || placement.slug === entry.slug || groups.get(entry.slug)?.length !== 1)
      continue;
    if (taken.has(entry.slug)) continue;
    taken.add(entry.slug);
    placement.decoy = {
      slug: entry.slug,
      path: rules.path(entry.slug),
      layout: entry.decoy.layout,
      data: { ...(entry.decoy.data as object), slug: entry.slug },
    };
  }
  return placements;
}

/** Weeks a page keeps its layout; each page changes on its own schedule, so a few change each week. */
export const LAYOUT_WEEKS = 26;

/** The layout a page shows in `week`: redrawn every LAYOUT_WEEKS weeks from a per-page phase. */
function layoutInWeek(site: SiteName, randomSeed: number, week: number): string {
  const phase = Math.floor(hashToUnit(randomSeed, site, "layout-phase") * LAYOUT_WEEKS);
  const epoch = Math.floor((week + phase) / LAYOUT_WEEKS);
  return createRandom(deriveSeed(randomSeed, "site-layout", site, epoch)).weighted(SITE_DATA[site].layouts);
}

/** The series' page in one week: its placement, this week's layout and scores (which follow its TMDB rating). */
function pageInWeek(
  site: SiteName,
  record: SeriesRecord,
  placement: PagePlacement,
  week: number,
): SitePagePlan<string, unknown> {
  const { rules, data } = SITE_DATA[site];
  const year = firstAirYear(record) ?? 0;
  const layout = layoutInWeek(site, record.randomSeed, week);
  const rng = createRandom(deriveSeed(record.randomSeed, "site-data", site));
  return {
    slug: placement.slug,
    path: rules.path(placement.slug),
    layout,
    data: data(rng, layout, record.voteAverage, { title: record.name, year, slug: placement.slug }, record),
    deliveryRoll: hashToUnit(record.randomSeed, site, "delivery"),
    unparseableRoll: hashToUnit(record.randomSeed, site, "unparseable"),
    contested: false,
    decoy: placement.decoy,
  };
}

type AnyPlan = SitePagePlan<string, unknown>;
type AnyEntry = SitePageEntry<AnyPlan>;

/**
 * Sets `rtPage`/`mcPage` on the catalog's records for `week` and returns the pages by slug:
 * the series' own pages and their decoys.
 */
export function planSitePages(
  series: readonly SeriesRecord[],
  placementsOf: (record: SeriesRecord) => SitePlacements,
  week: number,
): SitePages {
  const pages = { rt: new Map<string, AnyEntry>(), mc: new Map<string, AnyEntry>() };
  for (const site of ["rt", "mc"] as const) {
    const plans = new Map<SeriesRecord, AnyPlan>();
    for (const record of series) {
      const placement = placementsOf(record)[site];
      if (!placement) continue;
      const plan = pageInWeek(site, record, placement, week);
      plans.set(record, plan);
      pages[site].set(plan.slug, { kind: "series", record, plan });
      if (plan.decoy) pages[site].set(plan.decoy.slug, { kind: "decoy", record, decoy: plan.decoy });
      if (site === "rt") record.rtPage = plan as RtPagePlan;
      else record.mcPage = plan as McPagePlan;
    }
    markContested(SITE_DATA[site].rules, series, plans, pages[site]);
  }
  return pages as unknown as SitePages;
}

/** Pages that another catalog series' candidate list reaches before that series' own page. */
function markContested(
  rules: SiteRules,
  series: readonly SeriesRecord[],
  plans: ReadonlyMap<SeriesRecord, AnyPlan>,
  entries: ReadonlyMap<string, AnyEntry>,
): void {
  for (const record of series) {
    const year = firstAirYear(record);
    if (year === null) continue;
    const own = plans.get(record)?.path;
    for (const path of rules.candidates(record.name, year, record.originalName)) {
      if (path === own) break;
      const slug = slugOfPath(path);
      const entry = slug === null ? undefined : entries.get(slug);
      if (entry?.kind === "series" && entry.record !== record) entry.plan.contested = true;
    }
  }
}
