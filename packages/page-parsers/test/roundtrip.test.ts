import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  type JsShellPage,
  MC_LAYOUTS,
  type McPageData,
  RT_LAYOUTS,
  type RtLayout,
  type RtPageData,
  renderJsShell,
  renderMcPage,
  renderRtPage,
} from "../../../tools/sandbox/src/pages/index.ts";
import { detectBlock, type ParsedScores, parsePage, UnknownLayoutError } from "../src/index.ts";

const NO_SCORES: ParsedScores = {
  tomatoes_critic: null,
  tomatoes_critic_count: null,
  tomatoes_audience: null,
  tomatoes_audience_count: null,
  tomatoes_audience_count_is_lower_bound: false,
  metacritic: null,
  metacritic_count: null,
  metauser: null,
  metauser_count: null,
};

const rtBase: RtPageData = {
  title: "Grey's Anatomy",
  year: 2005,
  slug: "greys_anatomy",
  tomatoes_critic: 74,
  tomatoes_critic_count: 312,
  tomatoes_audience: 79,
  tomatoes_audience_count: 4821,
};

const rtVariants: Record<string, RtPageData> = {
  "all scores": rtBase,
  "no tomatometer": { ...rtBase, tomatoes_critic: null, tomatoes_critic_count: null },
  "no audience score": { ...rtBase, tomatoes_audience: null, tomatoes_audience_count: null },
  "want to see": { ...rtBase, audienceMode: "want_to_see", tomatoes_audience: 88 },
  "banded audience count": { ...rtBase, tomatoes_audience_count: 250_000, audience_banded: true },
  "nothing at all": {
    ...rtBase,
    ...{ tomatoes_critic: null, tomatoes_critic_count: null },
    tomatoes_audience: null,
    tomatoes_audience_count: null,
  },
  "low scores, markup in the title, no year": {
    ...rtBase,
    title: `Law & Order: "SVU" <Uncut>`,
    year: null,
    slug: "law_and_order_svu",
    tomatoes_critic: 0,
    tomatoes_audience: 12,
  },
};

/** What each layout can carry: the 2018 series page shows no counts at all. */
function expectedRt(layout: RtLayout, data: RtPageData): ParsedScores {
  const audience = data.audienceMode === "want_to_see" ? null : data.tomatoes_audience;
  if (layout === "rt-legacy-2018") {
    return { ...NO_SCORES, tomatoes_critic: data.tomatoes_critic, tomatoes_audience: audience };
  }
  const audienceCount = audience === null ? null : data.tomatoes_audience_count;
  return {
    ...NO_SCORES,
    tomatoes_critic: data.tomatoes_critic,
    tomatoes_critic_count: data.tomatoes_critic === null ? null : data.tomatoes_critic_count,
    tomatoes_audience: audience,
    tomatoes_audience_count: audienceCount,
    tomatoes_audience_count_is_lower_bound: audienceCount !== null && data.audience_banded === true,
  };
}

const mcBase: McPageData = {
  title: "Mr. Robot",
  year: 2015,
  slug: "mr-robot",
  metacritic: 79,
  metacritic_count: 27,
  metauser: 8.6,
  metauser_count: 1234,
};

const mcVariants: Record<string, McPageData> = {
  "all scores": mcBase,
  "tbd metascore": { ...mcBase, metacritic: null, metacritic_count: 2 },
  "tbd user score": { ...mcBase, metauser: null, metauser_count: 3 },
  "whole-number user score, large counts": {
    ...mcBase,
    metauser: 9,
    metauser_count: 1_234_567,
    metacritic_count: 1500,
  },
  "extremes, markup in the title, no year": {
    ...mcBase,
    title: `Tuca & Bertie <"Uncut">`,
    slug: "tuca-bertie",
    year: null,
    metacritic: 100,
    metauser: 0.4,
  },
};

/** Counts are shown only next to a score; "tbd" widgets read "Awaiting N more …". */
function expectedMc(data: McPageData): ParsedScores {
  return {
    ...NO_SCORES,
    metacritic: data.metacritic,
    metacritic_count: data.metacritic === null ? null : data.metacritic_count,
    metauser: data.metauser,
    metauser_count: data.metauser === null ? null : data.metauser_count,
  };
}

/** Runs the shell's inline script against a minimal DOM and returns the page as a browser would serialise it. */
function runShell(html: string): string {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (script === undefined) throw new Error("shell has no inline script");
  let inserted: string | undefined;
  const document = {
    getElementById(id: string) {
      expect(id).toBe("app");
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

describe("sandbox Rotten Tomatoes pages parse back to the rendered values", () => {
  for (const layout of RT_LAYOUTS) {
    for (const [name, data] of Object.entries(rtVariants)) {
      it(`${layout}: ${name}`, () => {
        const html = renderRtPage(layout, data);
        expect(detectBlock(html, 200)).toBeNull();
        const page = parsePage("rt", html);
        expect(page).toMatchObject({ site: "rt", layout, title: data.title, year: data.year });
        expect(page.canonicalUrl).toMatch(
          new RegExp(`^https://www\\.rottentomatoes\\.com/tv/${data.slug}/?$`),
        );
        expect(page.scores).toEqual(expectedRt(layout, data));
      });
    }
  }

  it("rt-legacy-2018 without a series score still shows season scores (the trap a parser must avoid)", () => {
    const html = renderRtPage("rt-legacy-2018", rtVariants["no tomatometer"] ?? rtBase);
    expect(html).toContain("Tomatometer Not Available");
    expect(html).toMatch(/class="meter-value">\d+%</);
    expect(parsePage("rt", html).scores.tomatoes_critic).toBeNull();
  });

  it("rt-legacy-2018 shows the want-to-see share, which is not an audience score", () => {
    const html = renderRtPage("rt-legacy-2018", rtVariants["want to see"] ?? rtBase);
    expect(html).toMatch(/88%<\/span>\s*<div[^>]*>want to see/);
  });
});

describe("sandbox Metacritic pages parse back to the rendered values", () => {
  for (const layout of MC_LAYOUTS) {
    for (const [name, data] of Object.entries(mcVariants)) {
      it(`${layout}: ${name}`, () => {
        const html = renderMcPage(layout, data);
        expect(detectBlock(html, 200)).toBeNull();
        const page = parsePage("mc", html);
        expect(page).toMatchObject({ site: "mc", layout, title: data.title, year: data.year });
        expect(page.canonicalUrl).toMatch(new RegExp(`^https://www\\.metacritic\\.com/tv/${data.slug}/?$`));
        expect(page.scores).toEqual(expectedMc(data));
      });
    }
  }
});

describe("sandbox JS shells", () => {
  const shells: JsShellPage[] = [
    ...RT_LAYOUTS.map((layout): JsShellPage => ({ site: "rt", layout, data: rtBase })),
    ...MC_LAYOUTS.map((layout): JsShellPage => ({ site: "mc", layout, data: mcBase })),
  ];

  for (const shell of shells) {
    it(`${shell.layout}: no scores before the script runs, the same page after`, () => {
      const html = renderJsShell(shell);
      expect(detectBlock(html, 200)).toBe("js_shell");
      expect(() => parsePage(shell.site, html)).toThrow(UnknownLayoutError);

      const rendered = runShell(html);
      expect(detectBlock(rendered, 200)).toBeNull();
      const direct =
        shell.site === "rt" ? renderRtPage(shell.layout, shell.data) : renderMcPage(shell.layout, shell.data);
      expect(parsePage(shell.site, rendered)).toEqual(parsePage(shell.site, direct));
    });
  }
});
