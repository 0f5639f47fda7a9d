export type Site = "rt" | "mc";

export type RtLayout = "rt-legacy-2018" | "rt-score-board-2022" | "rt-media-scorecard-2024";
export type McLayout = "mc-legacy" | "mc-2023";
export type Layout = RtLayout | McLayout;

/** Keys are named like the columns of the `ratings` table. */
export interface ParsedScores {
  /** Tomatometer, 0–100. */
  tomatoes_critic: number | null;
  tomatoes_critic_count: number | null;
  /** Audience score ("liked it" / Popcornmeter), 0–100. Never the "want to see" share. */
  tomatoes_audience: number | null;
  tomatoes_audience_count: number | null;
  /** The site only showed a band such as "250,000+"; the count is the band's floor. */
  tomatoes_audience_count_is_lower_bound: boolean;
  /** Metascore, 0–100. */
  metacritic: number | null;
  metacritic_count: number | null;
  /** Metacritic user score, 0–10 with one decimal. */
  metauser: number | null;
  metauser_count: number | null;
}

export interface ParsedPage {
  site: Site;
  layout: Layout;
  title: string | null;
  /** Start (first-air) year. */
  year: number | null;
  scores: ParsedScores;
  canonicalUrl: string | null;
}

export function emptyScores(): ParsedScores {
  return {
    tomatoes_critic: null,
    tomatoes_critic_count: null,
    tomatoes_audience: null,
    tomatoes_audience_count: null,
    tomatoes_audience_count_is_lower_bound: false,
    metacritic: null,
    metacritic_count: null,
    metauser: null,
    metauser_count: null,
  };
}
