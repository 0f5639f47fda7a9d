import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireBinary, runProgram } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  alertNames,
  FAST_SETTINGS,
  PRODUCTION_SETTINGS,
  PROMETHEUS_DIR,
  RULES_FILE,
  renderRules,
  ruleGroups,
} from "../src/index.ts";

const promtool = requireBinary("promtool");
const runbook = readFileSync(path.join(PROMETHEUS_DIR, "../../docs/runbook.md"), "utf8");

interface RuleTest {
  alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[];
}
const UNIT_TEST_FILES = ["tests/alerts.test.yml", "tests/freshness.test.yml"];
const unitTests = UNIT_TEST_FILES.flatMap(
  (file) => (parse(readFileSync(path.join(PROMETHEUS_DIR, file), "utf8")) as { tests: RuleTest[] }).tests,
);

describe("alert rules as code", () => {
  it("the committed rules file is what src/rules.ts renders (pnpm --filter @tvr/prometheus-config build)", () => {
    expect(readFileSync(RULES_FILE, "utf8")).toBe(renderRules(PRODUCTION_SETTINGS));
  });

  it("every alert has severity, summary, description and a runbook entry", () => {
    const alerts = ruleGroups(PRODUCTION_SETTINGS).flatMap((g) => g.rules.filter((r) => "alert" in r));
    expect(alerts.length).toBeGreaterThanOrEqual(15);
    for (const rule of alerts) {
      expect(["critical", "warning"]).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(20);
      expect(runbook, `docs/runbook.md has no "## ${rule.alert}"`).toMatch(
        new RegExp(`^## ${rule.alert}$`, "m"),
      );
    }
  });

  it("every alert has a promtool case where it fires and one where it stays silent", () => {
    const cases = unitTests.flatMap((t) => t.alert_rule_test ?? []);
    for (const name of alertNames(PRODUCTION_SETTINGS)) {
      const mine = cases.filter((c) => c.alertname === name);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${name} never expected to fire`,
      ).toBe(true);
      expect(
        mine.some((c) => c.exp_alerts.length === 0),
        `${name} never expected to stay silent`,
      ).toBe(true);
    }
  });

  it("the fast variant differs only in thresholds and durations", () => {
    const names = (settings: typeof FAST_SETTINGS) =>
      ruleGroups(settings).flatMap((g) => g.rules.map((r) => ("alert" in r ? r.alert : r.record)));
    expect(names(FAST_SETTINGS)).toEqual(names(PRODUCTION_SETTINGS));
  });
});

describe.runIf(promtool)("promtool", () => {
  const tool = promtool ?? "promtool";

  it.each(["prometheus.yml", "prometheus.compose.yml"])("check config: %s and the rules it loads", (file) => {
    const result = runProgram(tool, ["check", "config", file], { cwd: PROMETHEUS_DIR });
    expect(result.output).toContain("SUCCESS");
    expect(result.code, result.output).toBe(0);
  });

  it("compose: every service the stack's config scrapes is found by DNS, under the same label", () => {
    const configOf = (file: string) =>
      parse(readFileSync(path.join(PROMETHEUS_DIR, file), "utf8")) as {
        scrape_configs: Array<{
          job_name: string;
          dns_sd_configs?: Array<{ names: string[]; port: number }>;
          relabel_configs?: Array<{ source_labels?: string[]; target_label?: string }>;
        }>;
      };
    const job = configOf("prometheus.compose.yml").scrape_configs.find((config) => config.job_name === "tvr");
    const local = parse(readFileSync(path.join(PROMETHEUS_DIR, "targets/services.yml"), "utf8")) as Array<{
      targets: string[];
      labels: { service: string };
    }>;
    const portOf = (target: string) => Number(target.split(":").at(-1));
    expect(job?.dns_sd_configs?.map((entry) => [entry.names[0], entry.port])).toEqual(
      local.map((entry) => [entry.labels.service, portOf(entry.targets[0] as string)]),
    );
    expect(job?.relabel_configs).toContainEqual({
      source_labels: ["__meta_dns_name"],
      target_label: "service",
    });
  });

  it("check rules: the committed rules and the fast variant", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tvr-rules-"));
    const fast = path.join(dir, "fast.rules.yml");
    writeFileSync(fast, renderRules(FAST_SETTINGS));
    const result = runProgram(tool, ["check", "rules", RULES_FILE, fast]);
    expect(result.code, result.output).toBe(0);
  });

  it("test rules: every unit test under tests/ passes", () => {
    const result = runProgram(tool, ["test", "rules", ...UNIT_TEST_FILES], { cwd: PROMETHEUS_DIR });
    expect(result.output).toContain("SUCCESS");
    expect(result.code, result.output).toBe(0);
  });
});
