import { type OmdbResult, OmdbResult as OmdbResultSchema } from "@tvr/queues";
import type { Redis } from "ioredis";

/**
 * OMDb answers (found and not-found alike) kept in Redis for a week by
 * default, so a re-run in the same week spends no quota. Each entry is the
 * answer with the time it was fetched, handed on as it is: the loader records
 * it, so an answer from the cache can be told from a fresh one.
 */
export function createOmdbCache(redis: Redis, prefix: string, ttlSeconds: number) {
  const key = (imdbId: string) => `${prefix}:omdb-cache:${imdbId}`;
  return {
    /** null on a miss, and for entries written before answers carried their fetch time. */
    async get(imdbId: string): Promise<OmdbResult | null> {
      const raw = await redis.get(key(imdbId));
      if (!raw) return null;
      const parsed = OmdbResultSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    async set(imdbId: string, result: OmdbResult): Promise<void> {
      await redis.set(key(imdbId), JSON.stringify(result), "EX", ttlSeconds);
    },
  };
}

export type OmdbCache = ReturnType<typeof createOmdbCache>;
