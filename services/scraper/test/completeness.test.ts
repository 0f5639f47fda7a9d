import { describe, expect, it } from "vitest";
import {
  MC_LAYOUTS,
  RT_LAYOUTS,
  renderJsShell,
  renderMcPage,
  renderRtPage,
  renderUnknownLayoutPage,
} from "../../../tools/sandbox/src/pages/index.ts";
import { incompletePage, servesPage } from "../src/completeness.ts";

const rt = {
  title: "Dark",
  year: 2017,
  slug: "dark",
  tomatoes_critic: 95,
  tomatoes_critic_count: 60,
  tomatoes_audience: 93,
  tomatoes_audience_count: 5000,
};
const mc = {
  title: "Dark",
  year: 2017,
  slug: "dark",
  metacritic: 82,
  metacritic_count: 9,
  metauser: 8.9,
  metauser_count: 1210,
};

const wholePages = [
  ...RT_LAYOUTS.map((layout) => renderRtPage(layout, rt)),
  ...MC_LAYOUTS.map((layout) => renderMcPage(layout, mc)),
  renderJsShell({ site: "mc", layout: "mc-2023", data: mc }),
  renderUnknownLayoutPage({ site: "rt", data: rt }),
];

describe("incompletePage", () => {
  it("takes every whole page for whole, however its closing tag is written", () => {
    for (const page of wholePages) expect(incompletePage(page)).toBeNull();
    expect(incompletePage("<HTML><BODY>x</BODY></HTML >")).toBeNull();
    // Rendered by a browser, an empty document still closes.
    expect(incompletePage("<html><head></head><body></body></html>")).toBeNull();
  });

  it("finds an empty body, blanks only included", () => {
    expect(incompletePage("")).toBe("empty body");
    expect(incompletePage(" \r\n\t")).toBe("empty body");
  });

  it("finds every page cut short, wherever the cut falls", () => {
    for (const page of wholePages) {
      const end = page.lastIndexOf("</html>");
      for (const cut of [1, 15, Math.floor(page.length / 3), Math.floor(page.length / 2), end, end + 6]) {
        expect(incompletePage(page.slice(0, cut)), `cut at ${cut} of ${page.length}`).toMatch(
          /^cut short: no <\/html> in \d+ bytes$/,
        );
      }
    }
  });
});

describe("servesPage", () => {
  it("judges the bodies that stand for the page: 2xx, but not a challenge's 202", () => {
    expect([200, 203, 202, 204, 301, 403, 404, 503].filter(servesPage)).toEqual([200, 203, 204]);
  });
});
