import { CATALOG_YEAR } from "../catalog/plan.ts";
import type {
  McPagePlan,
  RtPagePlan,
  SeriesRecord,
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

interface Draft<L extends string, D> {
  record: SeriesRecord;
  year: number;
  slug: string;
  wantsPage: boolean;
  wantsDecoy: boolean;
  layout: L;
  data: D;
  /** Drawn only when wanted. */
  decoy: { year: number; layout: L; data: D } | null;
}

/** A decoy show starts 3 to 20 years earlier (or later, for very old series). */
function decoyYear(rng: Random, year: number): number {
  const offset = rng.int(3, 20);
  return year - offset >= 1950 ? year - offset : Math.min(CATALOG_YEAR, year + offset);
}

/** Everything drawn for one series and site, from the series' own stream (nothing else shifts). */
function draw<L extends string, D>(
  site: SiteName,
  record: SeriesRecord,
  year: number,
  slug: string,
  makeData: (
    rng: Random,
    layout: L,
    quality: number,
    page: { title: string; year: number; slug: string },
    own: boolean,
  ) => D,
  layouts: ReadonlyArray<readonly [L, number]>,
  shares: { noPage: number; decoy: number },
): Draft<L, D> {
  const rng = createRandom(deriveSeed(record.randomSeed, "site-page", site));
  const noPage = rng.chance(shares.noPage);
  // Showcase series are well-known shows (and the same-title pairs must stay testable); a series
  // in the Metacritic dataset was scraped from Metacritic. Both have pages.
  const wantsPage =
    record.source === "showcase" || (site === "mc" && record.metacritic !== null) ? true : !noPage;
  const layout = rng.weighted(layouts);
  const data = makeData(rng, layout, record.voteAverage, { title: record.name, year, slug }, true);
  const wantsDecoy = rng.chance(shares.decoy);
  // The decoy's draws come last in the stream, so skipping them changes nothing else.
  let decoy: Draft<L, D>["decoy"] = null;
  if (wantsDecoy) {
    const otherYear = decoyYear(rng, year);
    const decoyLayout = rng.weighted(layouts);
    const quality = rng.float(5.5, 8.5, 2);
    decoy = {
      year: otherYear,
      layout: decoyLayout,
      data: makeData(rng, decoyLayout, quality, { title: record.name, year: otherYear, slug }, false),
    };
  }
  return { record, year, slug, wantsPage, wantsDecoy, layout, data, decoy };
}

function draftsFor(site: SiteName, series: readonly SeriesRecord[]): Array<Draft<string, unknown>> {
  const rules = site === "rt" ? RT_RULES : MC_RULES;
  const drafts: Array<Draft<string, unknown>> = [];
  for (const record of series) {
    const year = firstAirYear(record);
    const slug = rules.slug(record.name);
    // Without a first-air year no page can be confirmed as the series' (confirmMatch), so none exists.
    if (year === null || slug === "") continue;
    drafts.push(
      site === "rt"
        ? draw("rt", record, year, slug, rtPageData, SITE_PLAN_SHARES.rt.layouts, SITE_PLAN_SHARES.rt)
        : draw(
            "mc",
            record,
            year,
            slug,
            (rng, _layout, quality, page, own) => mcPageData(rng, own ? record : null, quality, page),
            SITE_PLAN_SHARES.mc.layouts,
            SITE_PLAN_SHARES.mc,
          ),
    );
  }
  return drafts;
}

type AnyPlan = SitePagePlan<string, unknown>;
type AnyEntry = SitePageEntry<AnyPlan>;

function withSlug<D>(data: D, slug: string): D {
  return { ...data, slug };
}

/**
 * Decides every series' page on one site:
 * - series sharing a slug (same-title pairs): the oldest keeps the plain slug, the others get
 *   `<slug>_<year>` (RT) / `<slug>-<year>` (MC). When the oldest starts within a year of
 *   another, a page cannot be told apart by title and year, so every one of them is suffixed
 *   and the plain slug serves nothing;
 * - a series whose slug is its own may instead live at the suffixed slug, with a decoy (a show
 *   of the same title that starts 3-20 years apart, not in the catalog) at the plain slug;
 * - a suffixed slug already taken leaves the series without a page.
 */
function planSite(site: SiteName, series: readonly SeriesRecord[]): Map<string, AnyEntry> {
  const rules: SiteRules = site === "rt" ? RT_RULES : MC_RULES;
  const groups = new Map<string, Array<Draft<string, unknown>>>();
  for (const draft of draftsFor(site, series)) {
    const group = groups.get(draft.slug);
    if (group) group.push(draft);
    else groups.set(draft.slug, [draft]);
  }

  const plain: Array<Draft<string, unknown>> = [];
  const suffixed: Array<Draft<string, unknown>> = [];
  for (const members of groups.values()) {
    const sorted = [...members].sort((a, b) => a.year - b.year || a.record.id - b.record.id);
    const [oldest, ...rest] = sorted;
    if (!oldest) continue;
    const confusable = rest.some((other) => Math.abs(other.year - oldest.year) <= 1);
    if (oldest.wantsPage) {
      (confusable || (rest.length === 0 && oldest.wantsDecoy) ? suffixed : plain).push(oldest);
    }
    for (const other of rest) if (other.wantsPage) suffixed.push(other);
  }

  const entries = new Map<string, AnyEntry>();
  const place = (draft: Draft<string, unknown>, slug: string): AnyPlan => {
    const plan: AnyPlan = {
      slug,
      path: rules.path(slug),
      layout: draft.layout,
      data: withSlug(draft.data, slug),
      deliveryRoll: hashToUnit(draft.record.randomSeed, site, "delivery"),
      unparseableRoll: hashToUnit(draft.record.randomSeed, site, "unparseable"),
      contested: false,
      decoy: null,
    };
    entries.set(slug, { kind: "series", record: draft.record, plan });
    return plan;
  };
  const plans = new Map<SeriesRecord, AnyPlan>();
  for (const draft of plain) plans.set(draft.record, place(draft, draft.slug));
  for (const draft of suffixed) {
    const slug = rules.withYear(draft.slug, draft.year);
    const isDecoyOwner = draft.wantsDecoy && groups.get(draft.slug)?.length === 1;
    if (!entries.has(slug)) plans.set(draft.record, place(draft, slug));
    // A would-be decoy owner whose suffixed slug is taken keeps its plain slug instead.
    else if (isDecoyOwner && !entries.has(draft.slug)) plans.set(draft.record, place(draft, draft.slug));
  }
  for (const draft of suffixed) {
    const plan = plans.get(draft.record);
    if (!plan || !draft.decoy || plan.slug === draft.slug || groups.get(draft.slug)?.length !== 1) continue;
    if (entries.has(draft.slug)) continue;
    const decoy = {
      slug: draft.slug,
      path: rules.path(draft.slug),
      layout: draft.decoy.layout,
      data: withSlug(draft.decoy.data, draft.slug),
    };
    plan.decoy = decoy;
    entries.set(draft.slug, { kind: "decoy", record: draft.record, decoy });
  }

  markContested(rules, series, plans, entries);
  for (const [record, plan] of plans) {
    if (site === "rt") record.rtPage = plan as RtPagePlan;
    else record.mcPage = plan as McPagePlan;
  }
  return entries;
}

/** Pages that another series' candidate list reaches before that series' own page. */
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

/** Plans both sites' pages, sets `rtPage`/`mcPage` on the records and returns the pages by slug. */
export function planSitePages(series: readonly SeriesRecord[]): SitePages {
  return {
    rt: planSite("rt", series) as SitePages["rt"],
    mc: planSite("mc", series) as SitePages["mc"],
  };
}
