import { PRODUCTION_SETTINGS, ruleGroups } from "@tvr/prometheus-config";
import { requireBinary, runProgram } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import { ALERTMANAGER_CONFIG } from "../src/index.ts";

const amtool = requireBinary("amtool");
const alerts = ruleGroups(PRODUCTION_SETTINGS).flatMap((g) => g.rules.filter((r) => "alert" in r));

describe.runIf(amtool)("Alertmanager config (amtool)", () => {
  const tool = amtool ?? "amtool";

  it("check-config passes and names no secret inline", () => {
    const result = runProgram(tool, ["check-config", ALERTMANAGER_CONFIG]);
    expect(result.output).toContain("SUCCESS");
    expect(result.code, result.output).toBe(0);
    const text = runProgram("cat", [ALERTMANAGER_CONFIG]).stdout;
    expect(text).not.toMatch(/hooks\.slack\.com|api_url:|auth_password:/);
    expect(text).toMatch(/slack_api_url_file:/);
    expect(text).toMatch(/smtp_auth_password_file:/);
  });

  it.each(alerts.map((a) => [a.alert, a.labels.severity]))(
    "routes %s (%s) to its severity's receiver",
    (name, severity) => {
      const result = runProgram(tool, [
        "config",
        "routes",
        "test",
        `--config.file=${ALERTMANAGER_CONFIG}`,
        `--verify.receivers=${severity}`,
        `alertname=${name}`,
        `severity=${severity}`,
      ]);
      expect(result.code, result.output).toBe(0);
    },
  );

  it("a test that routes to the wrong receiver fails (the route test can fail)", () => {
    const result = runProgram(tool, [
      "config",
      "routes",
      "test",
      `--config.file=${ALERTMANAGER_CONFIG}`,
      "--verify.receivers=critical",
      "alertname=TvrQueueBacklog",
      "severity=warning",
    ]);
    expect(result.code).not.toBe(0);
  });
});
