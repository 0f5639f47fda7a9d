import type { Facets } from "../api.ts";
import type { State } from "../state.ts";

export interface ViewContext {
  root: HTMLElement;
  state: State;
  facets: Facets;
  /** Go to another state (a new history entry). */
  navigate(next: State): void;
}

export const showProfile = (ctx: ViewContext, id: number) =>
  ctx.navigate({ ...ctx.state, view: "show", id: String(id) });
export const genreName = (ctx: ViewContext, id: string | undefined) =>
  ctx.facets.genres.find((g) => String(g.id) === id)?.name;
export const networkName = (ctx: ViewContext, id: string | undefined) =>
  ctx.facets.networks.find((n) => String(n.id) === id)?.name;
