import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../src/index.ts";

/** Every key and value under the harness's queue prefix in Redis (job data, results, reasons). */
async function redisText(harness: Harness): Promise<string> {
  const keys = await harness.redis.keys(`${harness.prefix}*`);
  const parts: string[] = [...keys];
  for (const key of keys) {
    const type = await harness.redis.type(key);
    if (type === "string") parts.push((await harness.redis.get(key)) ?? "");
    if (type === "hash") parts.push(JSON.stringify(await harness.redis.hgetall(key)));
    if (type === "list") parts.push(JSON.stringify(await harness.redis.lrange(key, 0, -1)));
    if (type === "zset") parts.push(JSON.stringify(await harness.redis.zrange(key, 0, -1)));
    if (type === "set") parts.push(JSON.stringify(await harness.redis.smembers(key)));
  }
  return parts.join("\n");
}

async function databaseText(harness: Harness): Promise<string> {
  const rows = await harness.database.db.execute(
    sql`select (select coalesce(json_agg(r), '[]') from pipeline_runs r)::text || (select coalesce(json_agg(f), '[]') from run_failures f)::text as text`,
  );
  return String(rows.rows[0]?.text ?? "");
}

/** Every text, varchar and json(b) column of every table of the run's database. */
async function everyStoredText(harness: Harness): Promise<string> {
  const columns = await harness.database.db.execute<{ table_name: string; column_name: string }>(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb')`);
  const parts: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const values = await harness.database.db.execute<{ v: string }>(
      sql`select string_agg(${sql.identifier(column_name)}::text, ' ') as v from ${sql.identifier(table_name)}`,
    );
    parts.push(values.rows[0]?.v ?? "");
  }
  return parts.join("\n");
}

async function savedPages(harness: Harness): Promise<string[]> {
  const files = await readdir(harness.diagnosticsDir, { recursive: true, withFileTypes: true });
  return Promise.all(
    files.filter((f) => f.isFile()).map((f) => readFile(path.join(f.parentPath, f.name), "utf8")),
  );
}

async function withHarness(options: Parameters<typeof startHarness>[0], body: (h: Harness) => Promise<void>) {
  const harness = await startHarness(options);
  try {
    await body(harness);
  } finally {
    await harness.close();
  }
}

describe("credentials", () => {
  it("a bad TMDB key stops the run early, names the variable, and the key is stored nowhere", async () => {
    const badKey = "bad-tmdb-key-5f1e9c";
    await withHarness({ catalogSize: 60, tmdbApiKey: badKey }, async (harness) => {
      const summary = await harness.waitForRun(await harness.start(), 20_000);
      expect(summary.status).toBe("failed");
      expect(summary.error).toBe("TMDB rejected the credentials in TMDB_API_KEY");
      expect(summary.series.loaded).toBe(0);
      expect(await redisText(harness)).not.toContain(badKey);
      expect(await databaseText(harness)).not.toContain(badKey);
    });
  });

  it("a bad OMDb key fails the run with a message naming OMDB_API_KEY", async () => {
    const badKey = "badomdb1";
    await withHarness({ catalogSize: 60, omdbApiKey: badKey }, async (harness) => {
      const summary = await harness.waitForRun(await harness.start(), 20_000);
      expect(summary.status).toBe("failed");
      expect(summary.error).toBe("OMDb rejected the key in OMDB_API_KEY");
      expect(await redisText(harness)).not.toContain(badKey);
      expect(await databaseText(harness)).not.toContain(badKey);
    });
  });

  it("a run with the scraper leaves no API key in any Redis key or value, any column of any table, or any saved page", async () => {
    const secrets = ["sandbox-tmdb-key", "sandboxk"]; // the keys the sandbox accepts, the harness's default
    const options = {
      catalogSize: 40,
      scrapeSites: "rt,mc",
      knobs: { sites: { unparseableShare: 0.1 } },
    };
    await withHarness(options, async (harness) => {
      const summary = await harness.waitForRun(await harness.start(), 180_000);
      expect(["succeeded", "partial"]).toContain(summary.status);
      const pages = await savedPages(harness);
      expect(pages.length).toBeGreaterThan(0); // unparseable pages were saved, and are scanned
      const stored = [await redisText(harness), await everyStoredText(harness), ...pages].join("\n");
      expect(stored).toContain(summary.id); // the scan does see the run's data
      expect(stored).toMatch(/tt\d{7}/); // and the series' own data
      for (const secret of secrets) expect(stored).not.toContain(secret);
    });
  }, 240_000);
});
