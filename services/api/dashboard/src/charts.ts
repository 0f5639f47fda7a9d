import { BarChart, BoxplotChart, LineChart, ScatterChart } from "echarts/charts";
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  BoxplotChart,
  LineChart,
  ScatterChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type Chart = echarts.ECharts;
export type ChartOption = echarts.EChartsCoreOption;

declare global {
  interface Window {
    /** The charts on screen by name, for the browser tests to find a data point's pixel. */
    dashboardCharts: Record<string, Chart>;
  }
}
window.dashboardCharts = {};

const resizeObserver = new ResizeObserver((entries) => {
  for (const entry of entries) echarts.getInstanceByDom(entry.target as HTMLElement)?.resize();
});

/** A chart in a new box of `parent`, sized by CSS and following the window's size. */
export function chart(parent: HTMLElement, name: string, option: ChartOption, height = "420px"): Chart {
  const box = document.createElement("div");
  box.className = "chart";
  box.dataset.chart = name;
  box.style.height = height;
  parent.append(box);
  const instance = echarts.init(box, null, { renderer: "svg" });
  instance.setOption({ animation: false, tooltip: { confine: true }, ...option });
  resizeObserver.observe(box);
  window.dashboardCharts[name] = instance;
  return instance;
}

export function disposeCharts(): void {
  for (const instance of Object.values(window.dashboardCharts)) {
    resizeObserver.unobserve(instance.getDom());
    instance.dispose();
  }
  window.dashboardCharts = {};
}
