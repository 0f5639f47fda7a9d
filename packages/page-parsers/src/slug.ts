import { stripApostrophes, toAscii, withoutLeadingArticle } from "./normalize.ts";

/*
 * Slug rules, from the saved pages and the sites' URL conventions:
 *
 * Rotten Tomatoes (snake_case). Current slugs drop apostrophes and periods, write "&" as
 * "and" and turn any other run of non-alphanumerics into "_" ("greys_anatomy",
 * "law_and_order_special_victims_unit"). Slugs from before ~2019, which still resolve,
 * turned every non-alphanumeric run into "_" and kept a trailing one: the 2018 capture has
 * "grey_s_anatomy", "the_o_c_", "skins_uk_". A few older slugs drop the leading article
 * ("/tv/flash" for The Flash), and a year suffix tells remakes apart ("vikings_2013").
 *
 * Metacritic (kebab-case, trailing slash). Apostrophes, periods, "!", "?" and "," are
 * dropped ("greys-anatomy", "mr-robot"), so is "&": MC URLs read
 * "law-order-special-victims-unit", "tuca-bertie" although its titles keep the "&"
 * ("Tuca & Bertie", "Rick & Morty" in the Metacritic TV dataset); an "and" spelling is
 * the fallback for titles that were renamed after the slug was made. Leading articles are
 * kept; a "-<year>" suffix disambiguates remakes.
 */

export function rtSlug(title: string): string {
  return toAscii(title)
    .toLowerCase()
    .replaceAll("&", " and ")
    .replace(/['’‘`´.]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** The pre-2019 rule: every non-alphanumeric run becomes "_", a trailing one is kept. */
export function rtLegacySlug(title: string): string {
  return toAscii(title)
    .toLowerCase()
    .replaceAll("&", " and ")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+/, "");
}

export function mcSlug(title: string, ampersand: "drop" | "and" = "drop"): string {
  return stripApostrophes(toAscii(title))
    .toLowerCase()
    .replaceAll("&", ampersand === "and" ? " and " : " ")
    .replace(/[.!?,]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function titlesOf(title: string, originalTitle: string | null | undefined): string[] {
  const original = originalTitle?.trim();
  return original && original !== title.trim() ? [title, original] : [title];
}

/** Drops duplicates and slugs that came out empty (a title of symbols only). */
function unique(slugs: string[]): string[] {
  return [...new Set(slugs.filter((slug) => /[a-z0-9]/.test(slug)))];
}

/**
 * Rotten Tomatoes paths to try, most likely first: current slug, year-suffixed slug,
 * pre-2019 slug, slug without the leading article; then the same for the original title.
 */
export function rtCandidates(title: string, year: number | null, originalTitle?: string | null): string[] {
  const slugs: string[] = [];
  for (const name of titlesOf(title, originalTitle)) {
    const slug = rtSlug(name);
    slugs.push(slug);
    if (year !== null && slug !== "") slugs.push(`${slug}_${year}`);
    slugs.push(rtLegacySlug(name));
    const bare = withoutLeadingArticle(name);
    if (bare !== null) slugs.push(rtSlug(bare));
  }
  return unique(slugs).map((slug) => `/tv/${slug}`);
}

/**
 * Metacritic paths to try, most likely first: slug, year-suffixed slug, the "&" -> "and"
 * spelling; then the same for the original title.
 */
export function mcCandidates(title: string, year: number | null, originalTitle?: string | null): string[] {
  const slugs: string[] = [];
  for (const name of titlesOf(title, originalTitle)) {
    const slug = mcSlug(name);
    slugs.push(slug);
    if (year !== null && slug !== "") slugs.push(`${slug}-${year}`);
    slugs.push(mcSlug(name, "and"));
  }
  return unique(slugs).map((slug) => `/tv/${slug}/`);
}
