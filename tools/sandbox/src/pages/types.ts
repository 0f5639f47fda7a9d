export type RtLayout = "rt-legacy-2018" | "rt-score-board-2022" | "rt-media-scorecard-2024";
export type McLayout = "mc-legacy" | "mc-2023";

export interface RtPageData {
  title: string;
  /** First-air year; null renders an empty startDate, as some 2018 pages had. */
  year: number | null;
  /** Path segment after /tv/, e.g. "the_office". */
  slug: string;
  tomatoes_critic: number | null;
  tomatoes_critic_count: number | null;
  tomatoes_audience: number | null;
  tomatoes_audience_count: number | null;
  /** Show the audience count as a band ("250,000+ Ratings") with no exact figure on the page. */
  audience_banded?: boolean;
  /**
   * "want_to_see": pre-release anticipation. The 2018 layout shows the number as "NN% want
   * to see"; the later layouts show no audience score at all, as the site did.
   */
  audienceMode?: "liked" | "want_to_see";
}

export interface McPageData {
  title: string;
  year: number | null;
  /** Path segment after /tv/, e.g. "the-office". */
  slug: string;
  metacritic: number | null;
  metacritic_count: number | null;
  /** 0–10, one decimal. */
  metauser: number | null;
  metauser_count: number | null;
}

/**
 * A page split so the JS-shell renderer can move everything that carries data into a
 * runtime script: `meta` has no scores, `data` (JSON-LD, embedded JSON) and `body` do.
 */
export interface PageParts {
  title: string;
  meta: string;
  data: string;
  body: string;
}
