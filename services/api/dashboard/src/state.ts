/** Everything a view shows is in the URL, so a link or a reload shows the same thing. */
export const VIEWS = {
  top: "Top by platform",
  genres: "Genres",
  trends: "Trends",
  sources: "Sources",
} as const;
export type ViewName = keyof typeof VIEWS | "show" | "search";

export interface State {
  view: ViewName;
  genre?: string;
  network?: string;
  yearFrom?: string;
  yearTo?: string;
  id?: string;
  q?: string;
}

const KEYS = ["genre", "network", "yearFrom", "yearTo", "id", "q"] as const;
const isView = (value: string | null): value is ViewName =>
  value !== null && (value in VIEWS || value === "show" || value === "search");

export function readState(): State {
  const params = new URLSearchParams(window.location.search);
  const view = params.get("view");
  const state: State = { view: isView(view) ? view : "top" };
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

export function stateUrl(state: State): string {
  const params = new URLSearchParams({ view: state.view });
  for (const key of KEYS) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  return `${window.location.pathname}?${params}`;
}

/** The shared filters as read API parameters. */
export const filterParams = (state: State) => ({
  genre: state.genre,
  network: state.network,
  yearFrom: state.yearFrom,
  yearTo: state.yearTo,
});
