import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireBinary, runProgram } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  DASHBOARDS_DIR,
  dashboardQueries,
  GRAFANA_DIR,
  PROMETHEUS_DATASOURCE,
  renderDashboards,
} from "../src/index.ts";

const committed = Object.fromEntries(
  readdirSync(DASHBOARDS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.replace(/\.json$/, ""), readFileSync(path.join(DASHBOARDS_DIR, f), "utf8")]),
);

describe("dashboards as code", () => {
  it("the committed JSON is what src/dashboards.ts generates (pnpm --filter @tvr/grafana build)", () => {
    expect(committed).toEqual(renderDashboards());
  });

  it("every panel and every query uses the provisioned Prometheus data source uid", () => {
    const provisioned = parse(
      readFileSync(path.join(GRAFANA_DIR, "provisioning/datasources/datasources.yml"), "utf8"),
    ) as {
      datasources: { uid: string; type: string }[];
    };
    expect(provisioned.datasources).toContainEqual(expect.objectContaining(PROMETHEUS_DATASOURCE));
    for (const [name, json] of Object.entries(committed)) {
      const dashboard = JSON.parse(json) as {
        panels: { title: string; datasource?: unknown; targets?: { datasource?: unknown }[] }[];
      };
      expect(dashboard.panels.length, name).toBeGreaterThan(0);
      for (const panel of dashboard.panels) {
        expect(panel.datasource, `${name}: ${panel.title}`).toEqual(PROMETHEUS_DATASOURCE);
        for (const t of panel.targets ?? [])
          expect(t.datasource, `${name}: ${panel.title}`).toEqual(PROMETHEUS_DATASOURCE);
      }
    }
  });

  const promtool = requireBinary("promtool");
  it.runIf(promtool)("every panel query is valid PromQL (promtool check rules)", () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(30);
    const rules = {
      groups: [
        {
          name: "dashboard-queries",
          rules: queries.map((q, i) => ({ record: `dashboard:query_${i}`, expr: q.promql })),
        },
      ],
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tvr-dash-")), "queries.yml");
    writeFileSync(file, stringify(rules));
    const result = runProgram(promtool ?? "promtool", ["check", "rules", file]);
    expect(result.output).toContain(`SUCCESS: ${queries.length} rules found`);
    expect(result.code, result.output).toBe(0);
  });
});
