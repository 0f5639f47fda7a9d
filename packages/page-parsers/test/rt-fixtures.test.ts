import { readdirSync } from "node:fs";
import { fixturePath, readFixture, requireFixtures } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import { detectBlock, type ParsedPage, parsePage, parseRottenTomatoes } from "../src/index.ts";

const haveFixtures = requireFixtures();

const LEGACY = "rottentomatoes/legacy_2018-09";
const SCORE_BOARD = "rottentomatoes/score-board_2022";

type Expected = Pick<ParsedPage, "title" | "year"> & { critic: number | null; audience: number | null };

/**
 * Read off the saved pages: `#all-critics-numbers` ("AVERAGE TOMATOMETER") and the audience
 * meter ("NN% liked it"); "want to see" pages expect a null audience score. Years from
 * JSON-LD startDate, or the "(2010 - 2017)" header where startDate is empty.
 */
const legacyPages: Record<string, Expected> = {
  "rt_tv_better_call_saul.html": { title: "Better Call Saul", year: 2015, critic: 97, audience: 94 },
  "rt_tv_flash.html": { title: "The Flash", year: 2014, critic: 87, audience: 84 },
  "rt_tv_game-of-thrones.html": { title: "Game of Thrones", year: 2011, critic: 94, audience: 94 },
  "rt_tv_grey_s_anatomy.html": { title: "Grey's Anatomy", year: 2005, critic: 74, audience: 79 },
  "rt_tv_how_i_met_your_mother.html": {
    title: "How I Met Your Mother",
    year: 2005,
    critic: 83,
    audience: 82,
  },
  "rt_tv_how_to_get_away_with_murder.html": {
    title: "How to Get Away With Murder",
    year: 2014,
    critic: 92,
    audience: 85,
  },
  "rt_tv_mr_robot.html": { title: "Mr. Robot", year: 2015, critic: 93, audience: 92 },
  "rt_tv_once_upon_a_time.html": { title: "Once Upon a Time", year: 2011, critic: 76, audience: 80 },
  // 88% "want to see": anticipation, not an audience score.
  "rt_tv_pretty_little_liars.html": { title: "Pretty Little Liars", year: 2010, critic: 81, audience: null },
  // "Tomatometer Not Available..." for the series (top critics tab reads 100%); 90% "want to see".
  "rt_tv_skins_uk_.html": { title: "Skins (UK)", year: 2007, critic: null, audience: null },
  "rt_tv_the_big_bang_theory.html": { title: "The Big Bang Theory", year: 2007, critic: 81, audience: 82 },
  "rt_tv_the_blacklist.html": { title: "The Blacklist", year: 2013, critic: 89, audience: 89 },
  "rt_tv_the_o_c_.html": { title: "The O.C.", year: 2003, critic: 67, audience: 73 },
  "rt_tv_the_oa.html": { title: "The OA", year: 2016, critic: 75, audience: 75 },
  "rt_tv_vikings_2013.html": { title: "Vikings", year: 2013, critic: 93, audience: 92 },
  "rt_tv_young_sheldon.html": { title: "Young Sheldon", year: 2017, critic: 77, audience: 70 },
};

describe.runIf(haveFixtures)("Rotten Tomatoes 2018 TV series pages", () => {
  it("has an expectation for every saved page", () => {
    expect(readdirSync(fixturePath(LEGACY)).sort()).toEqual(Object.keys(legacyPages).sort());
  });

  for (const [file, expected] of Object.entries(legacyPages)) {
    it(file, () => {
      const html = readFixture(LEGACY, file);
      expect(detectBlock(html, 200)).toBeNull();
      const page = parsePage("rt", html);
      const slug = file.replace(/^rt_tv_/, "").replace(/\.html$/, "");
      expect(page).toEqual({
        site: "rt",
        layout: "rt-legacy-2018",
        title: expected.title,
        year: expected.year,
        canonicalUrl: `https://www.rottentomatoes.com/tv/${slug}/`,
        scores: {
          tomatoes_critic: expected.critic,
          // Series pages carry no counts; JSON-LD reviewCount is a single season's.
          tomatoes_critic_count: null,
          tomatoes_audience: expected.audience,
          tomatoes_audience_count: null,
          tomatoes_audience_count_is_lower_bound: false,
          metacritic: null,
          metacritic_count: null,
          metauser: null,
          metauser_count: null,
        },
      });
    });
  }

  it("does not take a season's or the top critics' score when the series has none", () => {
    const html = readFixture(LEGACY, "rt_tv_skins_uk_.html");
    expect(html).toContain("Tomatometer Not Available");
    expect(html).toMatch(/id="top-critics-numbers"[\s\S]*?<span>100<\/span>%/);
    expect(parseRottenTomatoes(html).scores.tomatoes_critic).toBeNull();
  });

  it("uses JSON-LD ratingValue only when the series meter is missing", () => {
    const original = readFixture(LEGACY, "rt_tv_better_call_saul.html");
    const meter = '<span class="meter-value superPageFontColor"><span>97</span>%</span>';
    expect(original.indexOf(meter)).toBeGreaterThan(0);
    const withoutMeter = original.replace(meter, "");
    expect(parseRottenTomatoes(withoutMeter).scores.tomatoes_critic).toBe(97);
    const withoutEither = withoutMeter.replace('"ratingValue":97', '"ratingVal":97');
    expect(parseRottenTomatoes(withoutEither).scores.tomatoes_critic).toBeNull();
  });
});

describe.runIf(haveFixtures)(
  "Rotten Tomatoes <score-board> page (2022 movie page, same component as TV)",
  () => {
    const html = () => readFixture(SCORE_BOARD, "rt_m_happy_gilmore_2022-07_score-board_layout.html");

    it("has an expectation for every saved page", () => {
      expect(readdirSync(fixturePath(SCORE_BOARD))).toEqual([
        "rt_m_happy_gilmore_2022-07_score-board_layout.html",
      ]);
    });

    it("parses scores and counts; the exact audience count wins over the shown band", () => {
      expect(parsePage("rt", html())).toEqual({
        site: "rt",
        layout: "rt-score-board-2022",
        title: "Happy Gilmore",
        year: 1996,
        canonicalUrl: "https://www.rottentomatoes.com/m/happy_gilmore",
        scores: {
          tomatoes_critic: 61,
          tomatoes_critic_count: 54,
          tomatoes_audience: 85,
          // score-details-json audienceCount; the slot shows "250,000+ Ratings".
          tomatoes_audience_count: 990990,
          tomatoes_audience_count_is_lower_bound: false,
          metacritic: null,
          metacritic_count: null,
          metauser: null,
          metauser_count: null,
        },
      });
    });

    it("falls back to the element and its slots, flagging the banded count, without the embedded JSON", () => {
      const withoutJson = html().replace('id="score-details-json"', 'id="score-details-removed"');
      const { scores } = parseRottenTomatoes(withoutJson);
      expect(scores).toMatchObject({
        tomatoes_critic: 61,
        tomatoes_critic_count: 54,
        tomatoes_audience: 85,
        tomatoes_audience_count: 250000,
        tomatoes_audience_count_is_lower_bound: true,
      });
    });
  },
);
