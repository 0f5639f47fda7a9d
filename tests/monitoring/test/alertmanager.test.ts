import { readFileSync } from "node:fs";
import { PRODUCTION_SETTINGS, ruleGroups } from "@tvr/prometheus-config";
import { controlQueue, queues } from "@tvr/queues";
import { requireBinary, runProgram } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
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

describe("Alertmanager inhibition", () => {
  const config = parse(readFileSync(ALERTMANAGER_CONFIG, "utf8"), { merge: true }) as {
    inhibit_rules: { source_matchers: string[]; target_matchers: string[] }[];
  };
  /** service → the regex of the queues its TvrServiceDown alert silences. */
  const silencedBy = config.inhibit_rules.flatMap((rule) => {
    const service = rule.source_matchers.join(",").match(/service="([^"]+)"/)?.[1];
    const queue = rule.target_matchers.join(",").match(/queue=~?"([^"]+)"/)?.[1];
    return service && queue ? [{ service, queues: new RegExp(`^(?:${queue})$`) }] : [];
  });
  const consumers: Record<string, string> = {
    tmdb: "ingestor",
    omdb: "omdb-enricher",
    "scrape-rt": "scraper",
    "scrape-mc": "scraper",
    load: "loader",
    runs: "loader",
    quality: "quality",
    control: "api",
  };

  it.each([...Object.values(queues).map((q) => q.name), controlQueue.name])(
    "the consumer of queue %s being down silences that queue's alerts, and no other service does",
    (queue) => {
      const services = silencedBy.filter((r) => r.queues.test(queue)).map((r) => r.service);
      expect(services).toEqual([consumers[queue]]);
    },
  );
});
