import { api, type MartPage } from "../api.ts";
import { chart } from "../charts.ts";
import { el, emptyState } from "../dom.ts";
import type { ViewContext } from "./context.ts";

interface DistributionRow {
  period: string;
  genre_id: number;
  genre_name: string;
  series_count: number;
  min_composite_score: number | null;
  p25_composite_score: number | null;
  median_composite_score: number | null;
  p75_composite_score: number | null;
  max_composite_score: number | null;
}

/** How composite scores spread within each genre (the marts' latest period); a click opens that genre's top series. */
export async function renderGenres(ctx: ViewContext): Promise<void> {
  ctx.root.append(el("h1", {}, "Rating distribution across genres"));
  const period = ctx.facets.latestPeriod;
  if (!period)
    return emptyState(ctx.root, "No ratings yet: the marts are built after a run's transform stage.");
  const { items } = await api<MartPage<DistributionRow>>("/marts/mart_genre_rating_distribution", {
    "filter[period]": period,
    limit: 1000,
  });
  const rows = items
    .filter((r) => r.median_composite_score !== null)
    .filter((r) => !ctx.state.genre || String(r.genre_id) === ctx.state.genre)
    .sort((a, b) => (b.median_composite_score ?? 0) - (a.median_composite_score ?? 0));
  if (rows.length === 0) return emptyState(ctx.root, "No genre has rated series yet.");
  ctx.root.append(
    el("p", { class: "note" }, `Composite score per genre, ${period}. Click a genre for its top series.`),
  );
  const instance = chart(ctx.root, "genres", {
    grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: "category", data: rows.map((r) => r.genre_name), axisLabel: { rotate: 35, interval: 0 } },
    yAxis: { type: "value", min: 0, max: 100, name: "composite" },
    series: [
      {
        type: "boxplot",
        name: "composite",
        data: rows.map((r) => [
          r.min_composite_score,
          r.p25_composite_score,
          r.median_composite_score,
          r.p75_composite_score,
          r.max_composite_score,
        ]),
        itemStyle: { color: "#dbe7f3", borderColor: "#3b6ea8" },
      },
    ],
  });
  instance.on("click", (event) => {
    const row = rows[event.dataIndex];
    if (row) ctx.navigate({ ...ctx.state, view: "top", genre: String(row.genre_id) });
  });
}
