import type { CheerioAPI } from "cheerio/slim";
import { canonicalUrlOf, textOf } from "../html.ts";
import { emptyScores, type ParsedPage } from "../types.ts";
import { parseCount, parsePercent, parseUserScore, parseYear } from "../values.ts";
import { countBefore, fallbackTitle, MC_ORIGIN, metacriticWork } from "./shared.ts";

/**
 * Metacritic layout before the 2023 redesign: `.metascore_summary` and `.userscore_wrap`
 * widgets built from `.metascore_w` (TV pages: `metascore_w xlarge tvshow`, games:
 * `… game`). "tbd" in either widget means no score yet. The JSON-LD aggregateRating
 * only describes the critic side and is used when the widget itself is missing.
 */
export function parseMcLegacy($: CheerioAPI): ParsedPage {
  const work = metacriticWork($);
  const rating = work?.aggregateRating;

  const critic = $(".metascore_summary").first();
  const metascore = critic.find(".metascore_w").first();
  const user = $(".userscore_wrap").first();

  const scores = emptyScores();
  scores.metacritic =
    metascore.length > 0
      ? parsePercent((metascore.find("span").first().text() || metascore.text()).trim())
      : parsePercent(rating?.ratingValue);
  // JSON-LD only carries aggregateRating when there is a metascore.
  scores.metacritic_count =
    countBefore(critic.find(".summary").text(), /Critic Reviews?/) ??
    (scores.metacritic === null ? null : (parseCount(rating?.ratingCount)?.value ?? null));
  scores.metauser = parseUserScore(user.find(".metascore_w.user").first().text().trim());
  scores.metauser_count = countBefore(user.find(".summary").text(), /Ratings?/);

  return {
    site: "mc",
    layout: "mc-legacy",
    title: textOf($, ".product_title h1") ?? (work?.name?.trim() || fallbackTitle($)),
    year:
      parseYear(work?.startDate) ??
      parseYear(work?.datePublished) ??
      parseYear(textOf($, ".release_data .data")),
    scores,
    canonicalUrl: canonicalUrlOf($, MC_ORIGIN),
  };
}
