import { ApiError, api, type SeriesProfile, SOURCE_KEYS, SOURCES } from "../api.ts";
import { chart } from "../charts.ts";
import { el, emptyState } from "../dom.ts";
import type { ViewContext } from "./context.ts";

const link = (label: string, href: string | null) =>
  href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, label) : null;

/** One show: what it is, every source's latest score, and its scores across runs. */
export async function renderShow(ctx: ViewContext): Promise<void> {
  const id = Number(ctx.state.id);
  if (!Number.isInteger(id) || id <= 0) return emptyState(ctx.root, "No show chosen.");
  let show: SeriesProfile;
  try {
    show = await api<SeriesProfile>(`/series/${id}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return emptyState(ctx.root, `There is no show ${id}.`);
    throw error;
  }
  const years = show.year ? ` (${show.year})` : "";
  ctx.root.append(
    el("h1", { class: "show-title" }, `${show.title}${years}`),
    ...(show.originalTitle && show.originalTitle !== show.title
      ? [el("p", { class: "original" }, show.originalTitle)]
      : []),
    el(
      "p",
      { class: "meta" },
      [show.genres.map((g) => g.name).join(", "), show.networks.map((n) => n.name).join(", "), show.status]
        .filter(Boolean)
        .join(" · "),
    ),
    el("p", { class: "overview" }, show.overview ?? ""),
    el(
      "p",
      { class: "links" },
      ...[
        link("TMDB", show.links.tmdb),
        link("IMDb", show.links.imdb),
        link("Rotten Tomatoes", show.links.rottenTomatoes),
        link("Metacritic", show.links.metacritic),
      ].filter((a): a is HTMLAnchorElement => a !== null),
    ),
  );
  const scores = el("dl", { class: "scores" });
  scores.append(
    el(
      "div",
      {},
      el("dt", {}, "Composite"),
      el("dd", { "data-source": "composite" }, String(show.composite.score ?? "–")),
    ),
  );
  for (const key of SOURCE_KEYS) {
    const latest = show.latest[key];
    scores.append(
      el(
        "div",
        {},
        el("dt", {}, SOURCES[key].label),
        el("dd", { "data-source": key }, latest.score === null ? "–" : `${latest.score}`),
      ),
    );
  }
  ctx.root.append(scores);
  if (show.history.length === 0) return emptyState(ctx.root, "No snapshots of this show yet.");
  ctx.root.append(el("h2", {}, `History across ${show.history.length} runs`));
  const periods = show.history.map((h) => h.period);
  chart(ctx.root, "history", {
    grid: { left: 8, right: 8, top: 48, bottom: 24, containLabel: true },
    legend: { type: "scroll", top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: periods },
    yAxis: [
      { type: "value", name: "0-10", min: 0, max: 10 },
      { type: "value", name: "0-100", min: 0, max: 100 },
    ],
    series: [
      {
        type: "line",
        name: "Composite",
        yAxisIndex: 1,
        data: show.history.map((h) => h.composite),
        lineStyle: { width: 4 },
      },
      ...SOURCE_KEYS.map((key) => ({
        type: "line",
        name: SOURCES[key].label,
        yAxisIndex: SOURCES[key].scale === 100 ? 1 : 0,
        data: show.history.map((h) => h.scores[key]),
      })),
    ],
  });
}
