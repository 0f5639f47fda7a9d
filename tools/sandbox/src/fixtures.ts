import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Where the recorded fixtures live: FIXTURES_DIR, else ../shared/fixtures
 * beside the repository (same rule as @tvr/testing, which is test-only).
 */
export function fixturesDirectory(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.FIXTURES_DIR || path.join(repoRoot, "../shared/fixtures"));
}

/** The datasets folder if it exists, else null (the sandbox then generates everything). */
export function defaultDatasetsDir(env: Record<string, string | undefined> = process.env): string | null {
  const dir = path.join(fixturesDirectory(env), "datasets");
  return existsSync(dir) ? dir : null;
}
