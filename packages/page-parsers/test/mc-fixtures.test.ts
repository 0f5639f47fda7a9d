import { readFixture, requireFixtures } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import { detectBlock, parseMetacritic, parsePage, UnknownLayoutError } from "../src/index.ts";

const haveFixtures = requireFixtures();

describe.runIf(haveFixtures)("Metacritic saved pages", () => {
  it("classifies the Varnish 403 reply as blocked, by status and by body", () => {
    const html = readFixture("metacritic", "metacritic_403_forbidden_varnish_2018.html");
    expect(detectBlock(html, 403)).toBe("blocked");
    expect(detectBlock(html, 200)).toBe("blocked");
    expect(() => parseMetacritic(html)).toThrow(UnknownLayoutError);
  });

  // A game page: the only real page of the pre-2023 layout. TV pages used the same widgets
  // with `tvshow` in place of `game`; the parser accepts any product type, so it reads it.
  it("parses the old-layout reference page (Factorio, PC)", () => {
    const html = readFixture(
      "metacritic",
      "layout_reference_non_tv",
      "metacritic_game_pc_factorio_2020-10_old_layout.html",
    );
    expect(detectBlock(html, 200)).toBeNull();
    expect(parsePage("mc", html)).toEqual({
      site: "mc",
      layout: "mc-legacy",
      title: "Factorio",
      year: 2020,
      canonicalUrl: "https://www.metacritic.com/game/pc/factorio",
      scores: {
        tomatoes_critic: null,
        tomatoes_critic_count: null,
        tomatoes_audience: null,
        tomatoes_audience_count: null,
        tomatoes_audience_count_is_lower_bound: false,
        metacritic: 94,
        metacritic_count: 4,
        metauser: 9.7,
        metauser_count: 190,
      },
    });
  });

  it("reads 'tbd' user scores as null and keeps the critic side from JSON-LD without the widget", () => {
    const html = readFixture(
      "metacritic",
      "layout_reference_non_tv",
      "metacritic_game_pc_factorio_2020-10_old_layout.html",
    )
      .replaceAll(">9.7</div>", ">tbd</div>")
      .replace('<div class="metascore_w xlarge game positive"><meta content="100"><span>94</span></div>', "");
    const { scores } = parseMetacritic(html);
    expect(scores.metauser).toBeNull();
    expect(scores.metacritic).toBe(94);
    expect(scores.metacritic_count).toBe(4);
  });
});
