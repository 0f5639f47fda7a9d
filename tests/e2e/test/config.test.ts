import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function startService(service: string, env: Record<string, string>) {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TMDB_|OMDB_|LOAD_|INGESTOR_|ENRICHER_)/.test(k)),
  );
  return spawnSync("node", ["--import", "tsx", `services/${service}/src/main.ts`], {
    cwd: repoRoot,
    env: { ...cleanEnv, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("service configuration", () => {
  it("the ingestor refuses to start without TMDB credentials and says which variables to set", () => {
    const result = startService("ingestor", {});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("ingestor refuses to start");
    expect(result.stderr).toContain(
      "TMDB_API_KEY: set TMDB_READ_TOKEN (v4 read access token) or TMDB_API_KEY (v3 key)",
    );
  });

  it("names every bad variable without echoing any value", () => {
    const result = startService("omdb-enricher", {
      OMDB_API_KEY: "s3cr3tkey",
      OMDB_DAILY_QUOTA: "lots",
      REDIS_URL: "http://not-redis",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/OMDB_DAILY_QUOTA: .*expected number/);
    expect(result.stderr).toContain("REDIS_URL: must be a redis:// URL");
    expect(result.stderr).not.toContain("s3cr3tkey");
  });

  it("the loader rejects an out-of-range batch size", () => {
    const result = startService("loader", { LOAD_BATCH_SIZE: "0" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/LOAD_BATCH_SIZE: .*>=1/);
  });
});
