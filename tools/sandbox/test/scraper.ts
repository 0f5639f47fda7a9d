import { runInNewContext } from "node:vm";
import {
  confirmMatch,
  detectBlock,
  type ParsedScores,
  parsePage,
  type Site,
  UnknownLayoutError,
} from "@tvr/page-parsers";
import type { Sandbox, TruthSeries } from "../src/index.ts";
import { MC_RULES, RT_RULES } from "../src/index.ts";

/** Runs a JS shell's inline script against a minimal DOM (as the page-parsers tests do). */
export function runShell(html: string): string {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (script === undefined) throw new Error("shell has no inline script");
  let inserted: string | undefined;
  const document = {
    getElementById(id: string) {
      if (id !== "app") throw new Error(`unexpected element #${id}`);
      return {
        set innerHTML(value: string) {
          inserted = value;
        },
      };
    },
  };
  runInNewContext(script, { document, window: { setTimeout: (callback: () => void) => callback() } });
  if (inserted === undefined) throw new Error("script inserted nothing");
  return html.replace('<div id="app"></div>', `<div id="app">${inserted}</div>`);
}

/** Runs the bot wall's script the way a browser would: returns the cookie it sets, and checks it reloads. */
export function runWall(html: string): string {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (script === undefined) throw new Error("wall has no inline script");
  const document = { cookie: "" };
  let reloaded = false;
  runInNewContext(script, { document, location: { reload: () => (reloaded = true) } });
  if (!reloaded) throw new Error("wall did not reload");
  const pair = document.cookie.split(";")[0] ?? "";
  return pair;
}

export interface Fetched {
  status: number;
  html: string;
  /** How a browser got to the final page. */
  via: "http" | "cleared" | "rendered";
}

/** A browser stand-in on top of app.inject: passes the wall (cookie + reload) and runs shells. */
export async function browse(sandbox: Sandbox, url: string): Promise<Fetched> {
  let response = await sandbox.app.inject({ method: "GET", url });
  let via: Fetched["via"] = "http";
  if (response.statusCode === 403) {
    const cookie = runWall(response.body);
    response = await sandbox.app.inject({ method: "GET", url, headers: { cookie } });
    via = "cleared";
  }
  let html = response.body;
  if (response.statusCode === 200 && detectBlock(html, 200) === "js_shell") {
    html = runShell(html);
    via = "rendered";
  }
  return { status: response.statusCode, html, via };
}

/** Parses like a scraper that falls back to a browser render only when plain parsing fails on a shell. */
function parseOrRender(site: Site, html: string): ReturnType<typeof parsePage> {
  try {
    return parsePage(site, html);
  } catch (error) {
    if (error instanceof UnknownLayoutError && detectBlock(html, 200) === "js_shell") {
      return parsePage(site, runShell(html));
    }
    throw error;
  }
}

export interface ScrapeOutcome {
  path: string | null;
  absence: "not_found" | "unparseable" | null;
  layout: string | null;
  scores: ParsedScores | null;
  /** Paths whose page was read and rejected (another show). */
  rejected: string[];
}

/**
 * What a correct scraper does: walk the candidate paths in order, skip 404s, get past walls
 * and shells like a browser, stop at an unknown layout (parse failure) or at the first page
 * whose title and year confirm the series.
 */
export async function scrapeLikeThePipeline(
  sandbox: Sandbox,
  site: Site,
  series: TruthSeries,
): Promise<ScrapeOutcome> {
  const rules = site === "rt" ? RT_RULES : MC_RULES;
  const rejected: string[] = [];
  const none = { path: null, absence: "not_found" as const, layout: null, scores: null, rejected };
  if (series.release_year === null) return none;
  for (const path of rules.candidates(series.title, series.release_year, series.original_title)) {
    const url = `${rules.prefix}${path}`;
    let response = await sandbox.app.inject({ method: "GET", url });
    if (response.statusCode === 403) {
      response = await sandbox.app.inject({
        method: "GET",
        url,
        headers: { cookie: runWall(response.body) },
      });
    }
    if (response.statusCode === 404) continue;
    if (response.statusCode !== 200) throw new Error(`${path}: HTTP ${response.statusCode}`);
    let parsed: ReturnType<typeof parsePage>;
    try {
      parsed = parseOrRender(site, response.body);
    } catch (error) {
      if (error instanceof UnknownLayoutError)
        return { path, absence: "unparseable", layout: null, scores: null, rejected };
      throw error;
    }
    const match = confirmMatch(parsed, {
      title: series.title,
      originalTitle: series.original_title,
      firstAirYear: series.release_year,
    });
    if (match.ok) return { path, absence: null, layout: parsed.layout, scores: parsed.scores, rejected };
    rejected.push(path);
  }
  return none;
}

/** The truth's view of the same outcome. */
export function expectedOutcome(site: Site, series: TruthSeries): Omit<ScrapeOutcome, "rejected"> {
  const path = site === "rt" ? series.rt_path : series.mc_path;
  const absence = site === "rt" ? series.rt_absence : series.mc_absence;
  const layout = site === "rt" ? series.rt_layout : series.mc_layout;
  if (absence !== null) {
    return { path: absence === "unparseable" ? path : null, absence, layout: null, scores: null };
  }
  const rt = site === "rt";
  const scores: ParsedScores = {
    tomatoes_critic: rt ? series.tomatoes_critic : null,
    tomatoes_critic_count: rt ? series.tomatoes_critic_count : null,
    tomatoes_audience: rt ? series.tomatoes_audience : null,
    tomatoes_audience_count: rt ? series.tomatoes_audience_count : null,
    tomatoes_audience_count_is_lower_bound: rt ? series.tomatoes_audience_count_is_lower_bound : false,
    metacritic: rt ? null : series.metacritic,
    metacritic_count: rt ? null : series.metacritic_count,
    metauser: rt ? null : series.metauser,
    metauser_count: rt ? null : series.metauser_count,
  };
  return { path, absence, layout, scores };
}
