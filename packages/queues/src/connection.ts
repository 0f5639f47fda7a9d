import { Redis, type RedisOptions } from "ioredis";

/**
 * Workers need `maxRetriesPerRequest: null` (BullMQ blocks on Redis commands);
 * producers fail fast instead so an API call doesn't hang when Redis is down.
 */
export function createRedis(url: string, role: "worker" | "producer", extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === "worker" ? null : 3,
    enableOfflineQueue: role === "worker",
    lazyConnect: false,
    ...extra,
  });
}
