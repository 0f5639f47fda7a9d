import { api, type MartPage } from "../api.ts";
import { chart } from "../charts.ts";
import { el, emptyState } from "../dom.ts";
import { genreName, type ViewContext } from "./context.ts";

interface TrendRow {
  period: string;
  source: string;
  genre_id: number;
  genre_name: string;
  avg_score_100: number | null;
}

const SOURCE_LABELS: Record<string, string> = {
  composite: "Composite",
  tmdb: "TMDB",
  imdb: "IMDb",
  tomatometer: "Tomatometer",
  rt_audience: "RT audience",
  metascore: "Metascore",
  metacritic_user: "Metacritic users",
};

/**
 * Average scores per period: one line per source for the chosen genre, or the
 * composite of the eight largest genres when none is chosen. A click on a
 * point opens that genre's top series.
 */
export async function renderTrends(ctx: ViewContext): Promise<void> {
  const genre = ctx.state.genre;
  ctx.root.append(
    el("h1", {}, genre ? `Trends in ${genreName(ctx, genre) ?? "this genre"}` : "Trends by genre"),
  );
  const filter = genre ? { "filter[genre_id]": genre } : { "filter[source]": "composite" };
  const { items } = await api<MartPage<TrendRow>>("/marts/mart_rating_trends", { ...filter, limit: 1000 });
  if (items.length === 0)
    return emptyState(ctx.root, "No trends yet: they need at least one transformed run.");
  const periods = [...new Set(items.map((r) => r.period))].sort();
  const lineKey = (r: TrendRow) => (genre ? r.source : String(r.genre_id));
  const largestGenres = new Set(
    [...ctx.facets.genres]
      .sort((a, b) => b.series - a.series)
      .slice(0, 8)
      .map((g) => String(g.id)),
  );
  const lines = new Map<string, { name: string; genreId: number; values: Map<string, number | null> }>();
  for (const row of items) {
    if (!genre && !largestGenres.has(String(row.genre_id))) continue;
    const key = lineKey(row);
    const name = genre ? (SOURCE_LABELS[row.source] ?? row.source) : row.genre_name;
    const line = lines.get(key) ?? { name, genreId: row.genre_id, values: new Map() };
    line.values.set(row.period, row.avg_score_100);
    lines.set(key, line);
  }
  const series = [...lines.values()];
  ctx.root.append(
    el(
      "p",
      { class: "note" },
      "Average score (0-100) per ISO week. Click a point for the genre's top series.",
    ),
  );
  const instance = chart(ctx.root, "trends", {
    grid: { left: 8, right: 16, top: 48, bottom: 24, containLabel: true },
    legend: { type: "scroll", top: 0 },
    tooltip: { trigger: "item" },
    xAxis: { type: "category", data: periods },
    yAxis: { type: "value", scale: true, name: "average" },
    series: series.map((line) => ({
      type: "line",
      name: line.name,
      symbolSize: 8,
      data: periods.map((p) => line.values.get(p) ?? null),
    })),
  });
  instance.on("click", (event) => {
    const line = series[event.seriesIndex ?? -1];
    if (line) ctx.navigate({ ...ctx.state, view: "top", genre: String(line.genreId) });
  });
}
