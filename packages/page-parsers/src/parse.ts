import { parseMetacritic } from "./mc/index.ts";
import { parseRottenTomatoes } from "./rt/index.ts";
import type { ParsedPage, Site } from "./types.ts";

export function parsePage(site: Site, html: string): ParsedPage {
  return site === "rt" ? parseRottenTomatoes(html) : parseMetacritic(html);
}
