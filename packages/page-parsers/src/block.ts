import { type CheerioAPI, load } from "cheerio/slim";
import { findBlocks, planBlocks } from "./blocks.ts";
import { MC_LAYOUTS } from "./mc/index.ts";
import { RT_LAYOUTS } from "./rt/index.ts";

export type BlockKind = "blocked" | "js_shell";

/** Elements that identify a layout we parse. Matched as elements, so markup quoted in a script does not count. */
const SCORE_MARKUP = [...RT_LAYOUTS, ...MC_LAYOUTS].map((layout) => layout.marker).join(", ");
const SCORE_BLOCKS = planBlocks([SCORE_MARKUP]);

/** Bot walls that answer 200 as well: Varnish/Akamai/Cloudflare/Incapsula error and challenge pages. */
const BLOCK_PAGE =
  /Guru Meditation|<title>\s*(403 Forbidden|Access Denied|Attention Required|Just a moment)|cf-chl-|Request unsuccessful\. Incapsula|captcha/i;

const APP_ROOT = "#app, #root, #__next, #__nuxt, [data-reactroot], [data-server-rendered]";

/**
 * Classifies a response before parsing:
 * - "blocked": 403, 429, 202 (challenge interstitials answer 202), an empty body, or a
 *   known bot-wall page. Retry later; a browser will not help.
 * - "js_shell": a page that loaded but whose scores are rendered by script (scripts and an
 *   empty app root or next to no text, and no score markup). Worth a browser render.
 * - null: go ahead and parse (which may still throw UnknownLayoutError).
 */
export function detectBlock(html: string, status: number): BlockKind | null {
  if (status === 403 || status === 429 || status === 202) return "blocked";
  if (html.trim() === "") return "blocked";
  const scoreBlocks = findBlocks(html, SCORE_BLOCKS);
  if (scoreBlocks.length > 0 && load(scoreBlocks.join("\n"))(SCORE_MARKUP).length > 0) return null;
  if (BLOCK_PAGE.test(html)) return "blocked";
  return isScriptShell(load(html)) ? "js_shell" : null;
}

function isScriptShell($: CheerioAPI): boolean {
  if ($("script").length === 0) return false;
  const emptyAppRoot = $(APP_ROOT)
    .toArray()
    .some((element) => $(element).text().trim() === "");
  // htmlparser2 adds no <body> when the page has none: then the whole document counts.
  const body = ($("body").length > 0 ? $("body") : $.root().children()).clone();
  body.find("script, style, noscript, template").remove();
  const visibleText = body.text().replace(/\s+/g, " ").trim();
  return emptyAppRoot || visibleText.length < 200;
}
