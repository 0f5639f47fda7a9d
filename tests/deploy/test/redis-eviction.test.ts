import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "@tvr/testing";
import { afterEach, describe, expect, it } from "vitest";
import { repoPath } from "../src/paths.ts";
import { run, tool } from "../src/tools.ts";

/** A throwaway redis-server on a free loopback port, no persistence. */
async function startRedis(policy: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    tool("redis-server"),
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--maxmemory-policy", policy],
    {
      stdio: "ignore",
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && run("node", [repoPath("scripts/ping.mjs"), "redis", url]).code !== 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child };
}

describe("set-up's eviction check on an existing Redis", () => {
  let redis: ChildProcess | undefined;
  afterEach(() => {
    redis?.kill("SIGTERM");
  });

  it("warns when the policy can evict BullMQ's keys, naming it", async () => {
    const started = await startRedis("allkeys-lru");
    redis = started.process;
    const result = run("node", [repoPath("scripts/redis-eviction.mjs"), started.url]);
    expect(result.code).toBe(0);
    expect(result.output).toContain("maxmemory-policy allkeys-lru");
    expect(result.output).toContain("noeviction");
  });

  it("says nothing when the policy is noeviction", async () => {
    const started = await startRedis("noeviction");
    redis = started.process;
    const result = run("node", [repoPath("scripts/redis-eviction.mjs"), started.url]);
    expect(result).toEqual({ code: 0, output: "" });
  });
});
