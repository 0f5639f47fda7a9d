import { ScrapeResult } from "@tvr/queues";
import { describe, expect, it } from "vitest";
import { absentResult, foundResult, siteScores } from "../src/result.ts";

const scores = {
  tomatoes_critic: 91,
  tomatoes_critic_count: 120,
  tomatoes_audience: 88,
  tomatoes_audience_count: 250_000,
  tomatoes_audience_count_is_lower_bound: true,
  metacritic: 77,
  metacritic_count: 31,
  metauser: 8.4,
  metauser_count: 912,
};
const page = (site: "rt" | "mc") => ({
  site,
  layout: site === "rt" ? ("rt-score-board-2022" as const) : ("mc-2023" as const),
  title: "Dark",
  year: 2017,
  scores,
  canonicalUrl: null,
});

describe("result shaping", () => {
  it("keeps the site's own fields exactly and nulls the other site's", () => {
    expect(siteScores("rt", scores)).toEqual({
      ...scores,
      metacritic: null,
      metacritic_count: null,
      metauser: null,
      metauser_count: null,
    });
    expect(siteScores("mc", scores)).toEqual({
      ...scores,
      tomatoes_critic: null,
      tomatoes_critic_count: null,
      tomatoes_audience: null,
      tomatoes_audience_count: null,
      tomatoes_audience_count_is_lower_bound: false,
    });
  });

  it("a found result carries the fetched path, layout and how it was fetched, and fits the contract", () => {
    const result = foundResult("mc", "/tv/dark/", page("mc"), "browser");
    expect(result).toMatchObject({
      status: "found",
      path: "/tv/dark/",
      layout: "mc-2023",
      fetchedWith: "browser",
    });
    expect(ScrapeResult.parse(result)).toEqual(result);
  });

  it("passes an out-of-scale score on as shown (validation flags it) and rejects what no page can mean", () => {
    const high = foundResult(
      "rt",
      "/tv/dark",
      { ...page("rt"), scores: { ...scores, tomatoes_critic: 101 } },
      "http",
    );
    expect(high.status === "found" && high.scores.tomatoes_critic).toBe(101);
    expect(() =>
      foundResult("rt", "/tv/dark", { ...page("rt"), scores: { ...scores, tomatoes_critic: -1 } }, "http"),
    ).toThrow();
    expect(() =>
      foundResult("rt", "/tv/dark", { ...page("rt"), scores: { ...scores, tomatoes_critic: 97.5 } }, "http"),
    ).toThrow();
  });

  it("an absent result lists every path tried", () => {
    const tried = [{ path: "/tv/dark", outcome: "not_found" }];
    expect(ScrapeResult.parse(absentResult(tried))).toEqual({ status: "absent", reason: "not_found", tried });
  });
});
