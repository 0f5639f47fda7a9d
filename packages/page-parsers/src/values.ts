/** Parsing of the small text fragments that hold scores, counts and dates. */

/**
 * "97", "97%", " 97 % " -> 97; "--", "tbd", "" -> null. A score past 100 ("104") is read as
 * shown: the pipeline loads what the page says and validation flags the impossible value.
 */
export function parsePercent(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  if (typeof text === "number") return asScore(text);
  const match = /^\s*(\d{1,3})\s*%?\s*$/.exec(text);
  return match?.[1] ? asScore(Number(match[1])) : null;
}

function asScore(value: number): number | null {
  return Number.isInteger(value) && value >= 0 && value <= 999 ? value : null;
}

/** Metacritic user score: "9.7" -> 9.7, "8" -> 8; "tbd" or out of 0–10 -> null. */
export function parseUserScore(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const value = typeof text === "number" ? text : /^\s*(\d{1,2}(?:\.\d+)?)\s*$/.exec(text)?.[1];
  if (value === undefined) return null;
  const score = Math.round(Number(value) * 10) / 10;
  return Number.isFinite(score) && score >= 0 && score <= 10 ? score : null;
}

export interface Count {
  value: number;
  /** The text was a band like "250,000+": the real count is at least `value`. */
  lowerBound: boolean;
}

/**
 * "1,234" -> 1234, "54 Reviews" -> 54, "250,000+ Ratings" -> 250000 (lower bound).
 * "Fewer than 50 Ratings" is an upper bound, which the schema cannot hold -> null.
 */
export function parseCount(text: string | number | null | undefined): Count | null {
  if (text === null || text === undefined) return null;
  if (typeof text === "number") {
    return Number.isSafeInteger(text) && text >= 0 ? { value: text, lowerBound: false } : null;
  }
  if (/fewer than|less than|under\s+\d/i.test(text)) return null;
  const match = /(\d{1,3}(?:,\d{3})+|\d+)\s*(\+)?/.exec(text);
  if (!match?.[1]) return null;
  return { value: Number(match[1].replaceAll(",", "")), lowerBound: match[2] === "+" };
}

/** First plausible year in a date-ish string: "2015-02-07", "August 14, 2020", "(2010 - 2017)". */
export function parseYear(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  if (typeof text === "number") return text >= 1900 && text <= 2100 && Number.isInteger(text) ? text : null;
  const match = /(?<!\d)(19\d{2}|20\d{2})(?!\d)/.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}
