import { api, type SeriesList } from "../api.ts";
import { el, emptyState } from "../dom.ts";
import { stateUrl } from "../state.ts";
import type { ViewContext } from "./context.ts";

/** Titles matching the search box, best match first. */
export async function renderSearch(ctx: ViewContext): Promise<void> {
  const q = ctx.state.q?.trim() ?? "";
  ctx.root.append(el("h1", {}, `Search: ${q}`));
  if (!q) return emptyState(ctx.root, "Type a title in the search box.");
  const { items } = await api<SeriesList>("/series", { search: q, limit: 20 });
  if (items.length === 0) return emptyState(ctx.root, `No title looks like "${q}".`);
  const list = el("ol", { class: "results" });
  for (const s of items) {
    const href = stateUrl({ ...ctx.state, view: "show", id: String(s.id) });
    const anchor = el("a", { href }, `${s.title} (${s.year ?? "?"})`);
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      ctx.navigate({ ...ctx.state, view: "show", id: String(s.id) });
    });
    const original = s.originalTitle && s.originalTitle !== s.title ? ` · ${s.originalTitle}` : "";
    list.append(
      el("li", {}, anchor, el("span", { class: "muted" }, `${original} · composite ${s.composite ?? "–"}`)),
    );
  }
  ctx.root.append(list);
}
