import { api, type SeriesList, SOURCES } from "../api.ts";
import { chart } from "../charts.ts";
import { el, emptyState, escapeHtml } from "../dom.ts";
import { filterParams } from "../state.ts";
import { showProfile, type ViewContext } from "./context.ts";

/** IMDb against the Tomatometer for the 100 best series matching the filters; a click opens the show. */
export async function renderSources(ctx: ViewContext): Promise<void> {
  ctx.root.append(el("h1", {}, "Critics and audiences: IMDb vs Tomatometer"));
  const { items } = await api<SeriesList>("/series", {
    ...filterParams(ctx.state),
    sort: "composite",
    limit: 100,
  });
  const points = items.filter((s) => s.scores.imdb !== null && s.scores.rtCritic !== null);
  if (points.length === 0)
    return emptyState(ctx.root, "No series with both an IMDb rating and a Tomatometer here.");
  ctx.root.append(
    el("p", { class: "note" }, `${points.length} series; each dot is one show. Click a dot to open it.`),
  );
  const instance = chart(ctx.root, "sources", {
    grid: { left: 8, right: 24, top: 24, bottom: 24, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const s = points[p.dataIndex];
        return s
          ? `${escapeHtml(s.title)} (${s.year ?? "?"})<br>IMDb ${s.scores.imdb} · Tomatometer ${s.scores.rtCritic}%`
          : "";
      },
    },
    xAxis: { type: "value", name: SOURCES.imdb.label, min: 0, max: SOURCES.imdb.scale },
    yAxis: { type: "value", name: SOURCES.rtCritic.label, min: 0, max: SOURCES.rtCritic.scale },
    series: [
      {
        type: "scatter",
        symbolSize: 12,
        data: points.map((s) => [s.scores.imdb, s.scores.rtCritic]),
        itemStyle: { color: "#c2452d", opacity: 0.75 },
      },
    ],
  });
  instance.on("click", (event) => showProfile(ctx, points[event.dataIndex]?.id ?? 0));
}
