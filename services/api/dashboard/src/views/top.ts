import { api, type SeriesList } from "../api.ts";
import { chart } from "../charts.ts";
import { el, emptyState } from "../dom.ts";
import { filterParams } from "../state.ts";
import { networkName, showProfile, type ViewContext } from "./context.ts";

/** Top-rated series by composite score on the chosen platform (all platforms when none is chosen). */
export async function renderTop(ctx: ViewContext): Promise<void> {
  const platform = networkName(ctx, ctx.state.network) ?? "all platforms";
  ctx.root.append(el("h1", {}, `Top rated on ${platform}`));
  const { items } = await api<SeriesList>("/series", {
    ...filterParams(ctx.state),
    sort: "composite",
    limit: 20,
  });
  const scored = items.filter((s) => s.composite !== null);
  if (scored.length === 0) return emptyState(ctx.root, "No rated series match these filters.");
  const rows = [...scored].reverse(); // ECharts draws the first category at the bottom
  const instance = chart(
    ctx.root,
    "top",
    {
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, name: "composite" },
      yAxis: {
        type: "category",
        data: rows.map((s) => `${s.title} (${s.year ?? "?"})`),
        axisLabel: { width: 180, overflow: "truncate" },
      },
      tooltip: { trigger: "item" },
      series: [
        {
          type: "bar",
          name: "composite",
          data: rows.map((s) => ({ value: s.composite, seriesId: s.id })),
          label: { show: true, position: "right" },
          itemStyle: { color: "#3b6ea8" },
        },
      ],
    },
    `${Math.max(240, rows.length * 26 + 40)}px`,
  );
  instance.on("click", (event) => showProfile(ctx, rows[event.dataIndex]?.id ?? 0));
}
