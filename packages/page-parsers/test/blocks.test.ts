import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fixturePath, readFixture, requireFixtures } from "@tvr/testing";
import { load as loadWithParse5 } from "cheerio";
import { describe, expect, it } from "vitest";
import {
  MC_LAYOUTS as MC_PAGE_LAYOUTS,
  RT_LAYOUTS as RT_PAGE_LAYOUTS,
  renderMcPage,
  renderRtPage,
} from "../../../tools/sandbox/src/pages/index.ts";
import { findBlocks, planBlocks } from "../src/blocks.ts";
import { detectLayout } from "../src/detect.ts";
import { type ParsedPage, parsePage, type Site } from "../src/index.ts";
import { MC_LAYOUTS } from "../src/mc/index.ts";
import { RT_LAYOUTS } from "../src/rt/index.ts";

const haveFixtures = requireFixtures();

/** The parse as it was before pages were cut into blocks: the whole page through parse5. */
function parseWholePage(site: Site, html: string): ParsedPage | string {
  const $ = loadWithParse5(html);
  try {
    return detectLayout(site, $, html, site === "rt" ? RT_LAYOUTS : MC_LAYOUTS).parse($, html);
  } catch (error) {
    return (error as Error).message;
  }
}

function parseBlocks(site: Site, html: string): ParsedPage | string {
  try {
    return parsePage(site, html);
  } catch (error) {
    return (error as Error).message;
  }
}

const htmlFilesUnder = (directory: string): string[] =>
  readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    return statSync(full).isDirectory() ? htmlFilesUnder(full) : entry.endsWith(".html") ? [full] : [];
  });

describe.runIf(haveFixtures)("parsing only the blocks gives what parsing the whole page gives", () => {
  const folders: [Site, string][] = [
    ["rt", "rottentomatoes"],
    ["mc", "metacritic"],
  ];
  for (const [site, folder] of folders) {
    for (const file of htmlFilesUnder(fixturePath(folder))) {
      const name = path.relative(fixturePath(), file);
      it(name, () => {
        const html = readFixture(name);
        expect(parseBlocks(site, html)).toEqual(parseWholePage(site, html));
        // And from the other site's point of view (a wrong-site page must fail the same way).
        const other: Site = site === "rt" ? "mc" : "rt";
        expect(parseBlocks(other, html)).toEqual(parseWholePage(other, html));
      });
    }
  }
});

describe("parsing only the blocks of sandbox pages", () => {
  const rt = { title: "Grey's Anatomy", year: 2005, slug: "greys_anatomy" };
  const scores = { tomatoes_critic: 74, tomatoes_critic_count: 312, tomatoes_audience: 79 };
  it.each(RT_PAGE_LAYOUTS)("%s", (layout) => {
    const html = renderRtPage(layout, { ...rt, ...scores, tomatoes_audience_count: 4821 });
    expect(parseBlocks("rt", html)).toEqual(parseWholePage("rt", html));
  });
  it.each(MC_PAGE_LAYOUTS)("%s", (layout) => {
    const html = renderMcPage(layout, {
      title: "Mr. Robot",
      year: 2015,
      slug: "mr-robot",
      metacritic: 79,
      metacritic_count: 27,
      metauser: 8.6,
      metauser_count: 1234,
    });
    expect(parseBlocks("mc", html)).toEqual(parseWholePage("mc", html));
  });
});

describe("findBlocks", () => {
  const plan = planBlocks(["#target", ".wanted", "score-board", 'meta[property="og:title"]']);

  it("keeps a whole element, nested elements of the same tag included, and only the outermost", () => {
    const html = `<body><p>before</p><div id="target"><div class="wanted"><div>x</div></div>tail</div><div>after</div></body>`;
    expect(findBlocks(html, plan)).toEqual([
      `<div id="target"><div class="wanted"><div>x</div></div>tail</div>`,
    ]);
  });

  it("ignores the literals in text, scripts, styles and comments", () => {
    const html = [
      "<p>#target and wanted and score-board as text</p>",
      `<script>document.body.innerHTML = '<score-board id="target"></score-board>'</script>`,
      `<style>.wanted { color: red }</style>`,
      `<!-- <div class="wanted">old</div> -->`,
      `<SCORE-BOARD audiencescore="9"></SCORE-BOARD>`,
      `<meta property="og:title" content="T">`,
    ].join("");
    expect(findBlocks(html, plan)).toEqual([
      `<SCORE-BOARD audiencescore="9"></SCORE-BOARD>`,
      `<meta property="og:title" content="T">`,
    ]);
  });

  it("runs to the page's end when an element is never closed; a literal inside a longer word keeps its element too", () => {
    // Keeping too much costs a little time, never a value: the selectors run on the blocks.
    const html = `<div class="unwanted"><i>x</i></div><p>text</p><span class="a wanted b">open`;
    expect(findBlocks(html, plan)).toEqual([
      `<div class="unwanted"><i>x</i></div>`,
      `<span class="a wanted b">open`,
    ]);
  });
});
