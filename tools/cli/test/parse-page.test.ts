import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fixturePath, requireFixtures } from "@tvr/testing";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const hasFixtures = requireFixtures();

function etl(...args: string[]) {
  return spawnSync("node", ["--import", "tsx", "tools/cli/src/main.ts", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe.runIf(hasFixtures)("etl parse-page", () => {
  it("prints the ratings columns of a real 2018 Rotten Tomatoes TV page as JSON", () => {
    const result = etl(
      "parse-page",
      "rt",
      fixturePath("rottentomatoes/legacy_2018-09/rt_tv_the_blacklist.html"),
      "--json",
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      tomatoes_critic: 89,
      tomatoes_critic_count: null,
      tomatoes_audience: 89,
      tomatoes_audience_count: null,
      tomatoes_audience_count_is_lower_bound: null,
      metacritic: null,
      metacritic_count: null,
      metauser: null,
      metauser_count: null,
      layout: "rt-legacy-2018",
      title: "The Blacklist",
      year: 2013,
    });
  });

  it("reads the old Metacritic widgets", () => {
    const result = etl(
      "parse-page",
      "mc",
      fixturePath("metacritic/layout_reference_non_tv/metacritic_game_pc_factorio_2020-10_old_layout.html"),
      "--json",
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      metacritic: 94,
      metacritic_count: 4,
      metauser: 9.7,
      metauser_count: 190,
      layout: "mc-legacy",
    });
  });

  it("says a bot-wall page is not a scores page and exits 3", () => {
    const result = etl(
      "parse-page",
      "mc",
      fixturePath("metacritic/metacritic_403_forbidden_varnish_2018.html"),
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("is not a scores page: a bot wall");
  });

  it("rejects an unknown site", () => {
    const result = etl(
      "parse-page",
      "imdb",
      fixturePath("metacritic/metacritic_403_forbidden_varnish_2018.html"),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('site must be rt or mc, got "imdb"');
  });
});
