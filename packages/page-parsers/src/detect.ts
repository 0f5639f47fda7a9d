import type { CheerioAPI } from "cheerio";
import { fingerprintPage, UnknownLayoutError } from "./errors.ts";
import type { ParsedPage, Site } from "./types.ts";

export interface LayoutRule {
  /** CSS selector whose presence identifies the layout. */
  marker: string;
  parse: ($: CheerioAPI, html: string) => ParsedPage;
}

export function detectLayout(
  site: Site,
  $: CheerioAPI,
  html: string,
  rules: readonly LayoutRule[],
): LayoutRule {
  const rule = rules.find((candidate) => $(candidate.marker).length > 0);
  if (rule) return rule;
  throw new UnknownLayoutError(
    site,
    fingerprintPage(
      $,
      html,
      rules.map((candidate) => candidate.marker),
    ),
  );
}
