// Warns when the Redis at URL may evict keys: BullMQ needs `maxmemory-policy noeviction`,
// or jobs vanish under memory pressure. `node scripts/redis-eviction.mjs URL`; always exits 0.
import { createRequire } from "node:module";

const { Redis } = createRequire(new URL("../packages/queues/package.json", import.meta.url))("ioredis");
const [url] = process.argv.slice(2);
const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
redis.on("error", () => {});
const warn = (message) => process.stderr.write(`warning: ${message}\n`);
try {
  await redis.connect();
  const [, policy] = await redis.config("GET", "maxmemory-policy");
  if (policy !== "noeviction") {
    warn(
      `the Redis at REDIS_URL has maxmemory-policy ${policy}: it can evict BullMQ's keys and drop jobs. ` +
        "Set it to noeviction (redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf).",
    );
  }
} catch (error) {
  warn(
    `could not read the maxmemory-policy of the Redis at REDIS_URL (${error.message}); BullMQ needs noeviction`,
  );
} finally {
  redis.disconnect();
}
