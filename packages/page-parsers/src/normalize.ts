import transliterate from "@sindresorhus/transliterate";

const APOSTROPHES = /['’‘`´]/g;
const LEADING_ARTICLE = /^(the|a|an)\s+/i;

/**
 * Latin ASCII: combining accents are dropped first ("Über" -> "Uber", as the sites' slugs do,
 * not the German "Ueber"), then letters without a decomposition are transliterated (ø, ß, Cyrillic…).
 */
export function toAscii(text: string): string {
  return transliterate(text.normalize("NFD").replace(/\p{Mn}/gu, ""));
}

export function stripApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "");
}

export function withoutLeadingArticle(text: string): string | null {
  const stripped = text.replace(LEADING_ARTICLE, "");
  return stripped === text || stripped.trim() === "" ? null : stripped;
}

/**
 * Comparable form of a title: ASCII, lower case, "&" -> "and", apostrophes and periods
 * dropped, other punctuation -> space, a leading article and a trailing qualifier in
 * parentheses ("Skins (UK)", "Vikings (2013)") removed.
 */
export function normalizeTitle(title: string): string {
  const words = toAscii(title)
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/, "")
    .replaceAll("&", " and ")
    .replace(APOSTROPHES, "")
    .replace(/\./g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return words.replace(LEADING_ARTICLE, "");
}
