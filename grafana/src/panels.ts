import {
  DashboardBuilder,
  PanelBuilder as GenericPanelBuilder,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";

/** The provisioned data sources (provisioning/datasources/datasources.yml); every panel uses these uids. */
export const PROMETHEUS_DATASOURCE = { type: "prometheus", uid: "tvr-prometheus" } as const;
export const ALERTMANAGER_DATASOURCE = { type: "alertmanager", uid: "tvr-alertmanager" } as const;

export interface Query {
  expr: string;
  legend?: string;
}

const target = (query: Query, index: number) =>
  new DataqueryBuilder()
    .datasource(PROMETHEUS_DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(query.expr)
    .legendFormat(query.legend ?? "__auto");

const WIDTH = 12;
const HEIGHT = 8;

export function timeseries(title: string, description: string, unit: string, queries: Query[]) {
  const panel = new TimeseriesPanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(unit)
    .span(WIDTH)
    .height(HEIGHT);
  queries.forEach((q, i) => {
    panel.withTarget(target(q, i));
  });
  return panel;
}

export function stat(title: string, description: string, unit: string, queries: Query[]) {
  const panel = new StatPanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(unit)
    .span(6)
    .height(5);
  queries.forEach((q, i) => {
    panel.withTarget(target(q, i).instant());
  });
  return panel;
}

/** Grafana's alert list: the Prometheus rules' alerts, firing and pending (the SDK has no builder for it). */
export function alertList(title: string) {
  return new GenericPanelBuilder()
    .type("alertlist")
    .title(title)
    .datasource(PROMETHEUS_DATASOURCE)
    .span(24)
    .height(14)
    .options({
      viewMode: "list",
      groupMode: "default",
      groupBy: [],
      maxItems: 50,
      sortOrder: 1,
      dashboardAlerts: false,
      alertName: "",
      alertInstanceLabelFilter: "",
      datasource: PROMETHEUS_DATASOURCE.uid,
      stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
    });
}

export function dashboard(uid: string, title: string, description: string) {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(["tv-ratings", "generated"])
    .refresh("30s")
    .time({ from: "now-24h", to: "now" })
    .timezone("utc")
    .readonly();
}
