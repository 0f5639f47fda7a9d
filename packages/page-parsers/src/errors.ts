import type { CheerioAPI } from "cheerio/slim";
import { jsonLdTypes } from "./html.ts";
import type { Site } from "./types.ts";

/**
 * The page loaded but matches none of the layouts we know. Thrown instead of
 * returning all-null scores, so a site redesign shows up as an error and not
 * as silently missing data.
 */
export class UnknownLayoutError extends Error {
  override readonly name = "UnknownLayoutError";

  constructor(
    readonly site: Site,
    /** Short description of what the page had, for diagnosis (title, absent markers, size). */
    readonly fingerprint: string,
    reason = "page matches no known layout",
  ) {
    super(`${site}: ${reason} (${fingerprint})`);
  }
}

export function fingerprintPage($: CheerioAPI, html: string, absentMarkers: readonly string[]): string {
  const title = $("title").first().text().replace(/\s+/g, " ").trim().slice(0, 80);
  const types = jsonLdTypes($);
  return [
    `title=${JSON.stringify(title)}`,
    `absent=[${absentMarkers.join(", ")}]`,
    `jsonld=[${types.join(", ")}]`,
    `size=${Buffer.byteLength(html, "utf8")}B`,
  ].join(" ");
}
