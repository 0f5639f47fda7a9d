import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../src/paths.ts";
import { run, tool } from "../src/tools.ts";

const workflows = repoPath(".github", "workflows");
const read = (name: string) => parse(readFileSync(path.join(workflows, name), "utf8"));

/** A throwaway git repository holding one workflow (actionlint looks for the repository root). */
function repoWith(workflow: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tvr-workflow-"));
  mkdirSync(path.join(dir, ".github", "workflows"), { recursive: true });
  writeFileSync(path.join(dir, ".github", "workflows", "ci.yml"), workflow);
  execFileSync("git", ["init", "-q", dir]);
  return dir;
}

describe("GitHub Actions workflows", () => {
  it("pass actionlint", () => {
    const result = run(tool("actionlint"), [], { cwd: repoPath() });
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("pass zizmor's audits with no findings", () => {
    const result = run(tool("zizmor"), ["--offline", "--no-progress", workflows]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("No findings to report");
  });

  it("run make test on every push and pull request with Postgres and Redis, and push images only from a tag", () => {
    const ci = read("ci.yml");
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(Object.keys(ci.jobs.test.services).sort()).toEqual(["postgres", "redis"]);
    expect(ci.jobs.test.steps.map((s: { run?: string }) => s.run ?? "").join("\n")).toMatch(/make test/);
    expect(ci.jobs.images.with.push).toBe(false);
    const release = read("release.yml");
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    expect(release.jobs.images.with.push).toBe(true);
    const names = read("images.yml").jobs.build.strategy.matrix.include.map((m: { name: string }) => m.name);
    expect(names.sort()).toEqual([
      "api",
      "cli",
      "ingestor",
      "loader",
      "omdb-enricher",
      "quality",
      "sandbox",
      "scraper",
    ]);
  });

  it("the checkers catch what they should (an unknown input, an unpinned action)", () => {
    const dir = repoWith(
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with: { fetch-deph: 1 }\n",
    );
    const lint = run(tool("actionlint"), [], { cwd: dir });
    expect(lint.code).not.toBe(0);
    expect(lint.output).toContain('input "fetch-deph" is not defined');
    const audit = run(tool("zizmor"), ["--offline", "--no-progress", path.join(dir, ".github", "workflows")]);
    expect(audit.code).not.toBe(0);
    expect(audit.output).toContain("unpinned-uses");
  });
});
