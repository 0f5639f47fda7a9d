import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN } from "./helpers.ts";
import { buildMarts, type ReadModelFixture, startReadModel } from "./read-model.ts";

/**
 * Schemathesis (from the project's Python environment) fuzzes every route of
 * the API's own OpenAPI document, with and without credentials, against a
 * database holding finished runs and built marts: no answer may be a 5xx, and
 * every 4xx must say why (a JSON body with a message).
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const schemathesis = path.join(repoRoot, ".venv/bin/schemathesis");
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? "20";

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content: { text?: string } };
}

let f: ReadModelFixture;
let scratch: string;
/** The document is fetched once with credentials, so the unauthenticated run is fuzzed from it too. */
let schemaFile: string;

beforeAll(async () => {
  if (!existsSync(schemathesis)) throw new Error(`${schemathesis} is missing: run scripts/setup.sh`);
  scratch = await mkdtemp(path.join(tmpdir(), "tvr-schemathesis-"));
  f = await startReadModel(20);
  await buildMarts(f.harness.database.url);
  const document = await fetch(`${f.api.url}/openapi.json`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(document.status).toBe(200);
  schemaFile = path.join(scratch, "openapi.json");
  await writeFile(schemaFile, await document.text());
}, 300_000);
afterAll(async () => {
  await f?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Runs schemathesis; resolves with its output and the HAR of every exchange. */
function fuzz(
  label: string,
  headers: string[],
): Promise<{ code: number; output: string; entries: HarEntry[] }> {
  const har = path.join(scratch, `${label}.har`);
  const args = ["run", schemaFile, "--url", f.api.url, "--checks", "not_a_server_error"];
  args.push("--max-examples", MAX_EXAMPLES, "--seed", "14", "--workers", "1", "--no-color");
  args.push("--phases", "examples,coverage,fuzzing", "--report", "har", "--report-har-path", har);
  args.push("--generation-database", "none");
  for (const header of headers) args.push("-H", header);
  return new Promise((resolve) => {
    execFile(
      schemathesis,
      args,
      { cwd: scratch, timeout: 150_000, maxBuffer: 32 << 20 },
      async (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        const entries = existsSync(har)
          ? (JSON.parse(await readFile(har, "utf8")) as { log: { entries: HarEntry[] } }).log.entries
          : [];
        if (process.env.SCHEMATHESIS_LOG) await writeFile(`${process.env.SCHEMATHESIS_LOG}-${label}`, stdout);
        resolve({ code, output: `${stdout}\n${stderr}`, entries });
      },
    );
  });
}

/** 4xx answers whose body doesn't say why (no JSON `message`). */
function silentRefusals(entries: HarEntry[]): string[] {
  return entries
    .filter((e) => e.response.status >= 400 && e.response.status < 500)
    .filter((e) => {
      try {
        const body = JSON.parse(e.response.content.text ?? "") as { message?: unknown };
        return typeof body.message !== "string" || body.message.length === 0;
      } catch {
        return true;
      }
    })
    .map(
      (e) => `${e.request.method} ${e.request.url} → ${e.response.status}: ${e.response.content.text ?? ""}`,
    );
}

describe("the API under schemathesis", () => {
  for (const [label, headers] of [
    ["authenticated", [`Authorization: Bearer ${TOKEN}`]],
    ["unauthenticated", []],
  ] as const) {
    it(`${label}: no route answers 5xx, and every 4xx says why`, async () => {
      const { code, output, entries } = await fuzz(label, [...headers]);
      expect(code, output).toBe(0);
      expect(entries.length).toBeGreaterThan(50);
      const statuses = new Set(entries.map((e) => e.response.status));
      expect(statuses.has(label === "authenticated" ? 200 : 401), [...statuses].join(",")).toBe(true);
      expect(entries.filter((e) => e.response.status >= 500).map((e) => e.request.url)).toEqual([]);
      expect(silentRefusals(entries)).toEqual([]);
    }, 180_000);
  }
});
