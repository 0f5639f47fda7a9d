import { randomBytes } from "node:crypto";
import { connectDatabase, type DatabaseHandle, ensureDatabaseExists, migrateDatabase } from "@tvr/db";
import { Redis } from "ioredis";
import pg from "pg";

export const TEST_DATABASE_BASE_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

export interface TestDatabase extends DatabaseHandle {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file; dropped afterwards. */
export async function createTestDatabase(label = "t"): Promise<TestDatabase> {
  const url = new URL(TEST_DATABASE_BASE_URL);
  url.pathname = `/tvr_test_${label}_${uniqueSuffix()}`.toLowerCase();
  await ensureDatabaseExists(url.toString());
  const handle = connectDatabase(url.toString(), { max: 10 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const admin = new URL(url);
      admin.pathname = "/postgres";
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`drop database if exists "${url.pathname.slice(1)}" with (force)`);
      await client.end();
    },
  };
}

/** A unique BullMQ prefix per test file, and a cleanup that deletes its keys. */
export function createTestQueuePrefix(label = "t") {
  const prefix = `tvrtest-${label}-${uniqueSuffix()}`;
  return {
    prefix,
    async cleanup() {
      const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== "0");
      await redis.quit();
    },
  };
}
