import type { CheerioAPI } from "cheerio/slim";
import { planBlocks } from "./blocks.ts";
import { fingerprintPage, UnknownLayoutError } from "./errors.ts";
import type { ParsedPage, Site } from "./types.ts";

export interface LayoutRule {
  /** CSS selector whose presence identifies the layout. */
  marker: string;
  /** Every other selector `parse` passes to `$()`: only the elements these can match are parsed (see blocks.ts). */
  reads: readonly string[];
  parse: ($: CheerioAPI, html: string) => ParsedPage;
}

/** What every layout reads besides its own blocks: title, Open Graph, canonical link, JSON-LD. */
export const PAGE_SELECTORS = [
  "title",
  'meta[property="og:title"]',
  'meta[property="og:url"]',
  'link[rel="canonical"]',
  'script[type="application/ld+json"]',
];

/** The blocks a site's pages are cut down to before parsing: every layout's marker and reads. */
export const planSiteBlocks = (rules: readonly LayoutRule[]) =>
  planBlocks([...PAGE_SELECTORS, ...rules.flatMap((rule) => [rule.marker, ...rule.reads])]);

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
