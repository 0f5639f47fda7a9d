import "./style.css";
import { api, type Facets } from "./api.ts";
import { disposeCharts } from "./charts.ts";
import { el, emptyState } from "./dom.ts";
import { readState, type State, stateUrl, VIEWS, type ViewName } from "./state.ts";
import type { ViewContext } from "./views/context.ts";
import { renderGenres } from "./views/genres.ts";
import { renderSearch } from "./views/search.ts";
import { renderShow } from "./views/show.ts";
import { renderSources } from "./views/sources.ts";
import { renderTop } from "./views/top.ts";
import { renderTrends } from "./views/trends.ts";

const RENDERERS: Record<ViewName, (ctx: ViewContext) => Promise<void>> = {
  top: renderTop,
  genres: renderGenres,
  trends: renderTrends,
  sources: renderSources,
  show: renderShow,
  search: renderSearch,
};

const byId = (id: string) => document.getElementById(id) as HTMLElement;
let facets: Facets = { genres: [], networks: [], years: { min: null, max: null }, latestPeriod: null };
let renderCount = 0;

function navigate(next: State): void {
  window.history.pushState(null, "", stateUrl(next));
  void render();
}

function renderNav(state: State): void {
  const nav = byId("views");
  nav.replaceChildren(
    ...Object.entries(VIEWS).map(([view, label]) => {
      const link = el(
        "a",
        { class: "nav-link", href: stateUrl({ ...state, view: view as ViewName }), "data-view": view },
        label,
      );
      if (view === state.view) link.setAttribute("aria-current", "page");
      link.addEventListener("click", (event) => {
        event.preventDefault();
        navigate({ ...readState(), view: view as ViewName });
      });
      return link;
    }),
  );
}

function select(
  name: "genre" | "network",
  label: string,
  options: Array<{ id: number; name: string }>,
  state: State,
) {
  const control = el(
    "select",
    { name, "aria-label": label },
    el("option", { value: "" }, `All ${label.toLowerCase()}s`),
  );
  for (const option of options) control.append(el("option", { value: String(option.id) }, option.name));
  control.value = state[name] ?? "";
  return control;
}

/** Genre, platform and years: shared by every view and kept in the URL. */
function renderFilters(state: State): void {
  const year = (name: "yearFrom" | "yearTo", placeholder: string) => {
    const input = el("input", {
      type: "number",
      name,
      placeholder,
      "aria-label": placeholder,
      min: "1900",
      max: "2100",
    });
    input.value = state[name] ?? "";
    return input;
  };
  const form = el(
    "form",
    { class: "filters" },
    select("genre", "Genre", facets.genres, state),
    select("network", "Platform", facets.networks, state),
    year("yearFrom", "From year"),
    year("yearTo", "To year"),
  );
  form.addEventListener("change", () => {
    const data = new FormData(form);
    const value = (key: string) => String(data.get(key) ?? "") || undefined;
    const current = readState();
    navigate({
      ...current,
      view: current.view === "show" || current.view === "search" ? "top" : current.view,
      genre: value("genre"),
      network: value("network"),
      yearFrom: value("yearFrom"),
      yearTo: value("yearTo"),
    });
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  byId("filters").replaceChildren(form);
}

async function render(): Promise<void> {
  const state = readState();
  const ticket = ++renderCount;
  renderNav(state);
  renderFilters(state);
  const search = byId("search").querySelector("input");
  if (search && state.view === "search") search.value = state.q ?? "";
  disposeCharts();
  const root = byId("view");
  root.replaceChildren();
  root.setAttribute("aria-busy", "true");
  const view = el("div", { class: "view", "data-view": state.view });
  try {
    await RENDERERS[state.view]({ root: view, state, facets, navigate });
  } catch (error) {
    // The API's message says what is wrong; internals never reach the page.
    view.replaceChildren();
    emptyState(view, error instanceof Error ? `Nothing to show: ${error.message}` : "Nothing to show.");
  }
  if (ticket !== renderCount) return; // a newer render started meanwhile
  root.replaceChildren(view);
  root.setAttribute("aria-busy", "false");
  for (const instance of Object.values(window.dashboardCharts)) instance.resize();
}

async function start(): Promise<void> {
  byId("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get("q") ?? "").trim();
    if (q) navigate({ ...readState(), view: "search", q });
  });
  window.addEventListener("popstate", () => void render());
  facets = await api<Facets>("/facets").catch(() => facets);
  await render();
}

void start();
