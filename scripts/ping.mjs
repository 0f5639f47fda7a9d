// Exit 0 when the given server answers: `node scripts/ping.mjs postgres|redis URL`.
// Runs from the workspace so it can use the project's own clients.
import { createRequire } from "node:module";

const require = createRequire(new URL("../packages/db/package.json", import.meta.url));
const [kind, url] = process.argv.slice(2);
const timeout = setTimeout(() => process.exit(1), 3000);
try {
  if (kind === "postgres") {
    const pg = require("pg");
    const target = new URL(url);
    target.pathname = "/postgres";
    const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 2000 });
    await client.connect();
    await client.end();
  } else {
    const { Redis } = createRequire(new URL("../packages/queues/package.json", import.meta.url))("ioredis");
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => {});
    await redis.connect();
    await redis.ping();
    redis.disconnect();
  }
  clearTimeout(timeout);
  process.exit(0);
} catch {
  process.exit(1);
}
