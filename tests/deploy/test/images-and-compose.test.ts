import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../src/paths.ts";
import { run, tool } from "../src/tools.ts";

/** Every image the project builds, as CI's matrix lists them. */
const images: { name: string; dockerfile: string }[] = parse(
  readFileSync(repoPath(".github/workflows/images.yml"), "utf8"),
).jobs.build.strategy.matrix.include;
const dockerfiles = [...images.map((i) => i.dockerfile), "deploy/airflow/Dockerfile"];

const dclint = (file: string, cwd = repoPath()) =>
  run(repoPath("tests/deploy/node_modules/.bin/dclint"), [file, "--color", "false", "--max-warnings", "0"], {
    cwd,
  });

describe("Dockerfiles", () => {
  it("cap the pipeline workers' V8 heap as scripts/stack.sh and the bench do", () => {
    const capIn = (file: string, pattern: RegExp) => pattern.exec(readFileSync(repoPath(file), "utf8"))?.[1];
    const script = capIn("scripts/lib.sh", /^WORKER_NODE_OPTIONS="(--max-old-space-size=\d+)"$/m);
    expect(script).toMatch(/^--max-old-space-size=\d+$/);
    expect(capIn("bench/src/stack.ts", /WORKER_NODE_OPTIONS = "([^"]+)"/)).toBe(script);
    for (const name of ["ingestor", "omdb-enricher", "loader", "scraper"]) {
      expect(capIn(`services/${name}/Dockerfile`, /^ENV .*NODE_OPTIONS=(\S+)/m), name).toBe(script);
    }
  });

  it("pass hadolint", () => {
    const result = run(tool("hadolint"), [
      "--config",
      repoPath(".hadolint.yaml"),
      ...dockerfiles.map((f) => repoPath(f)),
    ]);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it.each(images)("$name: multi-stage, pinned base, non-root, tini, HEALTHCHECK", ({ name, dockerfile }) => {
    const text = readFileSync(repoPath(dockerfile), "utf8");
    expect(text.match(/^FROM /gm)?.length, name).toBeGreaterThanOrEqual(2);
    for (const base of text.matchAll(/^ARG \w+_IMAGE=(\S+)$/gm)) expect(base[1]).toMatch(/:\d+\.\d+\.\d+-/);
    expect(text).toMatch(/^USER 1000:1000$/m);
    expect(text).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"/m);
    expect(text).toMatch(/^HEALTHCHECK /m);
    if (name === "scraper") expect(text).toMatch(/install .*chromium .*fonts-/);
  });

  it("hadolint fails a Dockerfile that runs as root from an unpinned image", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tvr-hadolint-"));
    writeFileSync(path.join(dir, "Dockerfile"), "FROM node:latest\nRUN cd /app && npm install\n");
    const result = run(tool("hadolint"), [
      "--config",
      repoPath(".hadolint.yaml"),
      path.join(dir, "Dockerfile"),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/DL3007/);
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync(repoPath("docker-compose.yml"), "utf8"), { merge: true });
  const services: Record<string, Record<string, unknown>> = compose.services;
  const workers = ["ingestor", "omdb-enricher", "scraper", "loader", "quality"];

  it("passes dclint: the Compose specification's schema and its best-practice rules", () => {
    const result = dclint("docker-compose.yml");
    expect(result.code, result.output).toBe(0);
  });

  it("dclint rejects a key the Compose specification doesn't have", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tvr-dclint-"));
    const text = readFileSync(repoPath("docker-compose.yml"), "utf8").replace(
      /^ {2}loader:\n/m,
      "  loader:\n    restartt: always\n",
    );
    writeFileSync(path.join(dir, "docker-compose.yml"), text);
    copyFileSync(repoPath(".dclintrc"), path.join(dir, ".dclintrc"));
    const result = dclint("docker-compose.yml", dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("/services/loader");
  });

  it("runs the whole stack, the sandbox and Airflow as profiles", () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        "postgres",
        "redis",
        "migrate",
        ...workers,
        "api",
        "sandbox",
        "prometheus",
        "alertmanager",
        "grafana",
        "postgres-exporter",
        "redis-exporter",
        "airflow",
      ].sort(),
    );
    expect(services.sandbox?.profiles).toEqual(["sandbox"]);
    expect(services.airflow?.profiles).toEqual(["airflow"]);
    for (const [name, service] of Object.entries(services)) {
      const build = service.build as { dockerfile?: string; context: string } | undefined;
      if (build)
        expect(existsSync(repoPath(build.context, build.dockerfile ?? "Dockerfile")), name).toBe(true);
    }
  });

  it("gives every long-running service a health check and waits on conditions", () => {
    for (const [name, service] of Object.entries(services)) {
      if (name !== "migrate") expect(service.healthcheck, name).toBeDefined();
      for (const [dependency, condition] of Object.entries(
        (service.depends_on ?? {}) as Record<string, unknown>,
      )) {
        expect(condition, `${name} -> ${dependency}`).toHaveProperty("condition");
      }
    }
    expect(services.ingestor?.depends_on).toMatchObject({
      migrate: { condition: "service_completed_successfully" },
    });
  });

  it("can scale the workers: no fixed container names, no host ports on workers", () => {
    for (const [name, service] of Object.entries(services))
      expect(service.container_name, name).toBeUndefined();
    for (const worker of workers) expect(services[worker]?.ports, worker).toBeUndefined();
  });

  it("starts Redis with an append-only file fsynced every second and noeviction", () => {
    const command = services.redis?.command as string[];
    const flag = (name: string) => command[command.indexOf(name) + 1];
    expect(flag("--appendonly")).toBe("yes");
    expect(flag("--appendfsync")).toBe("everysec");
    expect(flag("--maxmemory-policy")).toBe("noeviction");
  });
});
