import path from "node:path";
import { fileURLToPath } from "node:url";
import { DASHBOARDS } from "./dashboards.ts";

export const GRAFANA_DIR = fileURLToPath(new URL("../", import.meta.url));
export const DASHBOARDS_DIR = path.join(GRAFANA_DIR, "dashboards");

/** name → the dashboard JSON as committed (stable key order from the builders, trailing newline). */
export function renderDashboards(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DASHBOARDS).map(([name, build]) => [
      name,
      `${JSON.stringify(build().build(), null, 2)}\n`,
    ]),
  );
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  /** The expression as Grafana sends it, with $__rate_interval resolved for a plain Prometheus. */
  promql: string;
}

/** Every panel query of every dashboard, ready for promtool or the Prometheus HTTP API. */
export function dashboardQueries(rateInterval = "1m"): PanelQuery[] {
  return Object.entries(DASHBOARDS).flatMap(([name, build]) =>
    (build().build().panels ?? []).flatMap((panel) => {
      const targets = ("targets" in panel ? panel.targets : undefined) ?? [];
      return targets.map((target) => ({
        dashboard: name,
        panel: "title" in panel ? (panel.title ?? "") : "",
        promql: String((target as { expr?: string }).expr ?? "").replaceAll("$__rate_interval", rateInterval),
      }));
    }),
  );
}
