/** Upstream families and the rate limit (requests per second) each was run with. */
export type RateLimits = Record<string, number>;

export interface FamilyBound {
  family: string;
  requests: number;
  perSecond: number;
  /** The least time these requests can take at this rate. */
  seconds: number;
}

/**
 * The bound of a run: per upstream family, its requests divided by its rate limit; the run
 * can finish no sooner than the largest of them. Families without a limit are left out.
 */
export function runBound(
  requestsByFamily: Record<string, number>,
  limits: RateLimits,
): { families: FamilyBound[]; seconds: number; family: string } {
  const families = Object.entries(limits).map(([family, perSecond]) => {
    const requests = requestsByFamily[family] ?? 0;
    return { family, requests, perSecond, seconds: requests / perSecond };
  });
  const largest = families.reduce((max, entry) => (entry.seconds > max.seconds ? entry : max), {
    family: "none",
    requests: 0,
    perSecond: 1,
    seconds: 0,
  });
  return { families, seconds: largest.seconds, family: largest.family };
}
