/** Metacritic's colour band of a metascore (TV and movies). */
export function metascoreClass(score: number | null): string {
  if (score === null) return "tbd";
  return score >= 61 ? "positive" : score >= 40 ? "mixed" : "negative";
}

export function userscoreClass(score: number | null): string {
  if (score === null) return "tbd";
  return score >= 7.5 ? "positive" : score >= 5 ? "mixed" : "negative";
}

export function metascoreDescription(score: number): string {
  if (score >= 81) return "Universal acclaim";
  if (score >= 61) return "Generally favorable reviews";
  if (score >= 40) return "Mixed or average reviews";
  if (score >= 20) return "Generally unfavorable reviews";
  return "Overwhelming dislike";
}

export function userscore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** User scores need four ratings before Metacritic shows them. */
export const USER_SCORE_MIN_RATINGS = 4;
export const METASCORE_MIN_REVIEWS = 4;
