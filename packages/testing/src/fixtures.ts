import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The recorded upstream responses live outside the repository (they are not
 * ours to publish). FIXTURES_DIR overrides the default ../shared/fixtures.
 */
export const fixturesDir = path.resolve(
  process.env.FIXTURES_DIR ?? path.join(repoRoot, "../shared/fixtures"),
);

export const fixturesAvailable = existsSync(path.join(fixturesDir, "SOURCES.md"));

/**
 * In CI a missing fixture folder fails the run; elsewhere the dependent tests
 * are skipped with a message that says where the fixtures were looked for.
 */
export function requireFixtures(): boolean {
  if (fixturesAvailable) return true;
  const message = `fixtures not found at ${fixturesDir} (set FIXTURES_DIR)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

export function fixturePath(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), "utf8");
}

export function readFixtureJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFixture(...parts)) as T;
}
