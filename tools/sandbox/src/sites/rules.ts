import { mcCandidates, mcSlug, rtCandidates, rtSlug } from "@tvr/page-parsers";
import type { SiteName } from "../catalog/types.ts";
import type { McLayout, RtLayout } from "../pages/types.ts";

/** How one site names its pages: the rules the page parsers' candidates follow. */
export interface SiteRules {
  site: SiteName;
  /** Prefix standing in for the host. */
  prefix: string;
  slug(title: string): string;
  /** The slug that tells a remake apart ("vikings_2013", "shameless-2011"). */
  withYear(slug: string, year: number): string;
  /** Site-relative path of a slug, as the scraper's candidates spell it. */
  path(slug: string): string;
  candidates(title: string, year: number | null, originalTitle: string): string[];
}

export const RT_RULES: SiteRules = {
  site: "rt",
  prefix: "/rt",
  slug: rtSlug,
  withYear: (slug, year) => `${slug}_${year}`,
  path: (slug) => `/tv/${slug}`,
  candidates: rtCandidates,
};

/** Metacritic paths keep the trailing slash the site's URLs (and mcCandidates) have. */
export const MC_RULES: SiteRules = {
  site: "mc",
  prefix: "/mc",
  slug: (title) => mcSlug(title),
  withYear: (slug, year) => `${slug}-${year}`,
  path: (slug) => `/tv/${slug}/`,
  candidates: mcCandidates,
};

export const SITE_RULES: Record<SiteName, SiteRules> = { rt: RT_RULES, mc: MC_RULES };

/** "/tv/the-office/" or "/tv/the-office" -> "the-office"; null for any other path. */
export function slugOfPath(path: string): string | null {
  const match = /^\/tv\/([^/?#]+)\/?$/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** Default shares of the page plan (knob-free; delivery shares are knobs, see runtime/knobs.ts). */
export const SITE_PLAN_SHARES = {
  rt: {
    noPage: 0.08,
    decoy: 0.04,
    layouts: [
      ["rt-legacy-2018", 40],
      ["rt-score-board-2022", 30],
      ["rt-media-scorecard-2024", 30],
    ] as ReadonlyArray<readonly [RtLayout, number]>,
    /** Of the 2018 layout: "Tomatometer Not Available" and "want to see" audience meters. */
    legacyCriticNotAvailable: 0.1,
    legacyWantToSee: 0.1,
    /** Of the newer layouts: no Tomatometer / no audience score yet. */
    noCritic: 0.04,
    noAudience: 0.04,
    /** Of the newer layouts with an audience score: count shown only as a band ("2,500+"). */
    bandedAudienceCount: 0.35,
  },
  mc: {
    noPage: 0.1,
    decoy: 0.03,
    layouts: [
      ["mc-legacy", 50],
      ["mc-2023", 50],
    ] as ReadonlyArray<readonly [McLayout, number]>,
    /** Generated scores only; dataset scores are used as they are. */
    tbdMetascore: 0.04,
    tbdUserScore: 0.1,
  },
} as const;
