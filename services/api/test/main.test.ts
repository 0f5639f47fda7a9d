import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL, type TestDatabase } from "@tvr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN } from "./helpers.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const prefix = createTestQueuePrefix("api_main");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("api_main");
});
afterAll(async () => {
  await database?.drop();
  await prefix.cleanup();
});

/** Runs main.ts with only the given environment (plus PATH), collecting its output. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output.stderr += chunk;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { child, output, exited };
}

async function waitForUrl(child: ChildProcess, output: { stdout: string }): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const match = /"url":"(http:[^"]+)"/.exec(output.stdout);
    if (match?.[1]) return match[1];
    if (child.exitCode !== null) throw new Error(`api exited early:\n${output.stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("api did not log its URL");
}

const baseEnv = () => ({
  DATABASE_URL: database.url,
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: prefix.prefix,
  API_PORT: "0",
  API_HOST: "127.0.0.1",
});

describe("api main", () => {
  it("refuses to start without credentials, naming the variables", async () => {
    const { output, exited } = startMain(baseEnv());
    expect(await exited).toBe(2);
    expect(output.stderr).toContain("api refuses to start");
    expect(output.stderr).toContain("API_TOKEN");
    expect(output.stderr).toContain("API_BASIC_USER");
    expect(output.stderr).not.toContain("    at "); // a message, not a stack trace
  });

  it("serves until SIGTERM, then closes everything and exits 0", async () => {
    const { child, output, exited } = startMain({ ...baseEnv(), API_TOKEN: TOKEN });
    const url = await waitForUrl(child, output);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output.stdout).toContain('"msg":"stopped"');
    expect(output.stdout).not.toContain(TOKEN);
  });

  it("warns loudly when auth is disabled, and lets requests through", async () => {
    const { child, output, exited } = startMain({ ...baseEnv(), API_AUTH_DISABLED: "true" });
    const url = await waitForUrl(child, output);
    expect(output.stdout).toMatch(/"level":40,.*API_AUTH_DISABLED=true/);
    expect((await fetch(`${url}/runs`)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
