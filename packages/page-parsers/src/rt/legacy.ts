import type { CheerioAPI } from "cheerio/slim";
import { fingerprintPage, UnknownLayoutError } from "../errors.ts";
import { canonicalUrlOf, findJsonLd, metaProperty, stripSiteSuffix } from "../html.ts";
import { emptyScores, type ParsedPage } from "../types.ts";
import { parsePercent, parseYear } from "../values.ts";
import { RT_ORIGIN } from "./origin.ts";

/**
 * Rotten Tomatoes TV series page, 2018 layout (`#series_score_panel`).
 *
 * Traps handled here:
 * - Only `#all-critics-numbers` holds the series Tomatometer. The top-critics tab and the
 *   per-season rows (`.seasonItem .meter-value`) carry other scores, and when the series
 *   block reads "Tomatometer Not Available" those are the only numbers on the page.
 * - The audience meter reads "liked it" (a score) or "want to see" (pre-release
 *   anticipation, not a rating): the latter is reported as null.
 * - Counts are left null. Series pages show no count, and JSON-LD reviewCount/ratingCount
 *   is one season's count (Game of Thrones: 48 for 7 seasons), not the series total.
 */
export function parseRtLegacy($: CheerioAPI, html: string): ParsedPage {
  const series = findJsonLd($, ["TVSeries", "TVSeason"]);
  if (series?.types.includes("TVSeason")) {
    throw new UnknownLayoutError("rt", fingerprintPage($, html, []), "season page, not a series page");
  }

  const criticsTab = $("#all-critics-numbers").first();
  const notAvailable = /not available/i.test(criticsTab.text());
  const shownCritic = parsePercent(criticsTab.find(".critic-score .meter-value").first().text().trim());
  const ldCritic = parsePercent(series?.aggregateRating?.ratingValue);

  const scoped = $("#series_score_panel .audience-score, .audience-panel .audience-score").first();
  const audience = scoped.length > 0 ? scoped : $(".audience-score").first();
  const audiencePanel = audience.closest(".audience-panel");
  const audienceText = (audiencePanel.length > 0 ? audiencePanel : audience).text();
  const wantToSee = /want to see/i.test(audienceText) || audience.find(".wts").length > 0;

  const scores = emptyScores();
  scores.tomatoes_critic = shownCritic ?? (notAvailable ? null : ldCritic);
  const audienceMeter =
    audience.find(".meter-value span").first().text() || audience.find(".meter-value").text();
  scores.tomatoes_audience = wantToSee ? null : parsePercent(audienceMeter.trim());

  return {
    site: "rt",
    layout: "rt-legacy-2018",
    title: series?.name?.trim() || stripSiteSuffix(metaProperty($, "og:title")) || headerTitle($),
    year: parseYear(series?.startDate) ?? parseYear(headerYears($)) ?? earliestSeasonYear($),
    scores,
    canonicalUrl: canonicalUrlOf($, RT_ORIGIN),
  };
}

function headerTitle($: CheerioAPI): string | null {
  const heading = $("#super_series_header h1").first().clone();
  heading.find("span").remove();
  const text = heading.text().replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

/** "(2010 - 2017)" next to the series title. */
function headerYears($: CheerioAPI): string {
  return $("#super_series_header h1 span, #heroImageContainer h1 .year").first().text();
}

/** Year of the earliest season row ("2007, Channel 4, 9 episodes"). */
function earliestSeasonYear($: CheerioAPI): number | null {
  const years = $(".seasonItem .season_info")
    .map((_, element) => parseYear($(element).text()))
    .get()
    .filter((year): year is number => typeof year === "number");
  return years.length > 0 ? Math.min(...years) : null;
}
