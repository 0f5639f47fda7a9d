import { type OmdbResult, OmdbResult as OmdbResultSchema } from "@tvr/queues";
import type { Redis } from "ioredis";

/**
 * OMDb answers (found and not-found alike) kept in Redis for a week by
 * default, so a re-run in the same week spends no quota.
 */
export function createOmdbCache(redis: Redis, prefix: string, ttlSeconds: number) {
  const key = (imdbId: string) => `${prefix}:omdb-cache:${imdbId}`;
  return {
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
