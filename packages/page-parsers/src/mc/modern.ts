import type { CheerioAPI } from "cheerio/slim";
import { canonicalUrlOf, textOf } from "../html.ts";
import { emptyScores, type ParsedPage } from "../types.ts";
import { parseCount, parsePercent, parseUserScore, parseYear } from "../values.ts";
import { countBefore, fallbackTitle, MC_ORIGIN, metacriticWork } from "./shared.ts";

const CRITIC_SCORE = '[class*="c-siteReviewScore_background-critic"]';
const USER_SCORE = '[class*="c-siteReviewScore_background-user"]';

/**
 * Metacritic 2023+ layout (`.c-productScoreInfo` blocks in the product hero). No saved page
 * exists; built from the structure in SOURCES.md. User-review cards further down reuse
 * `c-siteReviewScore_background-user`, so reads are scoped to the hero's score blocks.
 */
export function parseMc2023($: CheerioAPI): ParsedPage {
  const work = metacriticWork($);
  const rating = work?.aggregateRating;
  const critic = scoreInfo($, "critic-score-info", CRITIC_SCORE);
  const user = scoreInfo($, "user-score-info", USER_SCORE);
  const metascore = critic.find(CRITIC_SCORE).first();

  const scores = emptyScores();
  scores.metacritic =
    metascore.length > 0 ? parsePercent(metascore.text().trim()) : parsePercent(rating?.ratingValue);
  scores.metacritic_count =
    countBefore(critic.find(".c-productScoreInfo_reviewsTotal").text(), /Critic Reviews?/) ??
    (scores.metacritic === null
      ? null
      : (parseCount(rating?.reviewCount)?.value ?? parseCount(rating?.ratingCount)?.value ?? null));
  scores.metauser = parseUserScore(user.find(USER_SCORE).first().text().trim());
  scores.metauser_count = countBefore(
    user.find(".c-productScoreInfo_reviewsTotal").text(),
    /(User )?Ratings?/,
  );

  return {
    site: "mc",
    layout: "mc-2023",
    title:
      textOf($, ".c-productHero_title h1, .c-productHero_title") ?? (work?.name?.trim() || fallbackTitle($)),
    year: parseYear(work?.startDate) ?? parseYear(work?.datePublished) ?? heroYear($),
    scores,
    canonicalUrl: canonicalUrlOf($, MC_ORIGIN),
  };
}

function scoreInfo($: CheerioAPI, testId: string, scoreSelector: string) {
  const tagged = $(`[data-testid="${testId}"]`).first();
  if (tagged.length > 0) return tagged;
  return $(".c-productScoreInfo")
    .filter((_, element) => $(element).find(scoreSelector).length > 0)
    .first();
}

function heroYear($: CheerioAPI): number | null {
  for (const element of $(".c-heroMetadata_item").toArray()) {
    const year = parseYear($(element).text());
    if (year !== null) return year;
  }
  return null;
}
