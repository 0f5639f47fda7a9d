import { z } from "zod";
import { type Count, parseCount } from "../values.ts";

export const numeric = z.union([z.number(), z.string()]).nullish().catch(undefined);
export const optionalString = z.string().nullish().catch(undefined);

/**
 * The exact audience rating count when the page embeds one; otherwise the banded figure
 * the page shows ("250,000+ Ratings"), flagged as a lower bound.
 */
export function audienceCount(
  exact: string | number | null | undefined,
  ...shown: (string | null | undefined)[]
): Count | null {
  const exactCount = typeof exact === "number" ? parseCount(exact) : null;
  if (exactCount) return exactCount;
  for (const text of shown) {
    const count = parseCount(text);
    if (count) return count;
  }
  return null;
}
