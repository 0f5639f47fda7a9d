import { type OmdbResult, OmdbResult as OmdbResultSchema } from "@tvr/queues";
import type { Redis } from "ioredis";

/**
 * OMDb answers (found and not-found alike) kept in Redis for a week by
 * default, so a re-run in the same week spends no quota. Each entry is the
 * answer with the time it was fetched, handed on as it is: the loader records
 * it, so an answer from the cache can be told from a fresh one. A scope keeps the answers
 * of different upstreams apart (OMDB_CACHE_SCOPE).
 */
export function createOmdbCache(redis: Redis, prefix: string, ttlSeconds: number, scope = "") {
  const namespace = scope ? `${prefix}:omdb-cache:${scope}` : `${prefix}:omdb-cache`;
  const key = (imdbId: string) => `${namespace}:${imdbId}`;
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
