import { readFile } from "node:fs/promises";
import { detectBlock, type ParsedPage, parsePage, type Site, UnknownLayoutError } from "@tvr/page-parsers";
import type { Command } from "commander";

/** The ratings columns a page can fill, plus what identifies the page. */
export function pageReport(page: ParsedPage) {
  const s = page.scores;
  return {
    tomatoes_critic: s.tomatoes_critic,
    tomatoes_critic_count: s.tomatoes_critic_count,
    tomatoes_audience: s.tomatoes_audience,
    tomatoes_audience_count: s.tomatoes_audience_count,
    // Only meaningful next to a count.
    tomatoes_audience_count_is_lower_bound:
      s.tomatoes_audience_count === null ? null : s.tomatoes_audience_count_is_lower_bound,
    metacritic: s.metacritic,
    metacritic_count: s.metacritic_count,
    metauser: s.metauser,
    metauser_count: s.metauser_count,
    layout: page.layout,
    title: page.title,
    year: page.year,
  };
}

export function formatPageReport(report: ReturnType<typeof pageReport>): string {
  const width = Math.max(...Object.keys(report).map((k) => k.length));
  return Object.entries(report)
    .map(([key, value]) => `${key.padEnd(width)}  ${value === null ? "—" : String(value)}`)
    .join("\n");
}

export function registerParsePageCommand(program: Command) {
  program
    .command("parse-page")
    .description("print what the parsers extract from a saved Rotten Tomatoes (rt) or Metacritic (mc) page")
    .argument("<site>", "rt or mc")
    .argument("<file>", "a saved HTML page")
    .option("--json", "one JSON object keyed by ratings column names")
    .action(async (site: string, file: string, opts: { json?: boolean }) => {
      if (site !== "rt" && site !== "mc") throw new Error(`site must be rt or mc, got "${site}"`);
      const html = await readFile(file, "utf8");
      const block = detectBlock(html, 200);
      if (block) {
        console.error(
          `${file} is not a scores page: ${block === "blocked" ? "a bot wall / block page" : "a JavaScript shell (scores are rendered in a browser)"}`,
        );
        process.exitCode = 3;
        return;
      }
      try {
        const report = pageReport(parsePage(site as Site, html));
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatPageReport(report));
      } catch (error) {
        if (!(error instanceof UnknownLayoutError)) throw error;
        console.error(`no known ${site} layout in ${file}: ${error.fingerprint}`);
        process.exitCode = 3;
      }
    });
}
