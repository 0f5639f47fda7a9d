import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { detectBlock, mcSlug, parsePage, rtSlug, UnknownLayoutError } from "@tvr/page-parsers";
import { fixturesDir, requireFixtures } from "@tvr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCatalog,
  buildSandbox,
  buildTruth,
  type Catalog,
  CLEARANCE_COOKIE,
  clearanceToken,
  firstAirYear,
  loadDatasets,
  type Sandbox,
  SITE_PLAN_SHARES,
  sandboxConfigFromEnv,
  type Truth,
  type TruthSeries,
  urlsFor,
} from "../src/index.ts";
import { SandboxStats } from "../src/runtime/stats.ts";
import { browse, expectedOutcome, runShell, runWall, scrapeLikeThePipeline } from "./scraper.ts";

const SITES = ["rt", "mc"] as const;
let catalog: Catalog;
let sandbox: Sandbox;

beforeAll(async () => {
  catalog = buildCatalog({ seed: 42, size: 400 });
  sandbox = await buildSandbox({ catalog });
});
afterAll(() => sandbox.close());

const DEFAULT_SITES = { unparseableShare: 0, jsOnlyShare: 0.08, blockedShare: 0.06 };

async function expectEveryPageToRoundTrip(truth: Truth, every = 1): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  const count = (key: string) => {
    seen[key] = (seen[key] ?? 0) + 1;
  };
  for (const series of truth.series.filter((_, index) => index % every === 0)) {
    for (const site of SITES) {
      const outcome = await scrapeLikeThePipeline(sandbox, site, series);
      const { rejected, ...result } = outcome;
      expect(result, `${site} ${series.series_id} ${series.title} (${series.release_year})`).toEqual(
        expectedOutcome(site, series),
      );
      const delivery = site === "rt" ? series.rt_delivery : series.mc_delivery;
      const absence = site === "rt" ? series.rt_absence : series.mc_absence;
      count(`${site}.${absence ?? delivery}`);
      if (rejected.length > 0) count(`${site}.rejected_a_page`);
      const decoy = site === "rt" ? series.rt_decoy_path : series.mc_decoy_path;
      if (decoy) expect(rejected, `${site} decoy of ${series.title}`).toContain(decoy);
    }
  }
  return seen;
}

describe("a correct scraper reads exactly the truth from every page", () => {
  it("with the default knobs (html, js_only, blocked; decoys and suffixed slugs)", async () => {
    sandbox.setKnobs({ sites: DEFAULT_SITES });
    const truth = sandbox.truth();
    expect(truth.sites).toEqual(DEFAULT_SITES);
    const seen = await expectEveryPageToRoundTrip(truth);
    for (const site of SITES) {
      for (const kind of ["html", "js_only", "blocked", "not_found", "rejected_a_page"]) {
        expect(seen[`${site}.${kind}`], `${site}.${kind}`).toBeGreaterThan(0);
      }
      expect(seen[`${site}.unparseable`]).toBeUndefined();
    }
  });

  it("with unparseable pages and more shells and walls (every other series)", async () => {
    sandbox.setKnobs({ sites: { unparseableShare: 0.25, jsOnlyShare: 0.3, blockedShare: 0.3 } });
    try {
      const truth = sandbox.truth();
      expect(truth.sites).toEqual({ unparseableShare: 0.25, jsOnlyShare: 0.3, blockedShare: 0.3 });
      const seen = await expectEveryPageToRoundTrip(truth, 2);
      for (const site of SITES) {
        const unparseable = (seen[`${site}.unparseable`] ?? 0) / (truth.series.length / 2);
        expect(unparseable, site).toBeGreaterThan(0.15);
        expect(unparseable, site).toBeLessThan(0.3);
      }
    } finally {
      sandbox.setKnobs({ sites: DEFAULT_SITES });
    }
  });
});

describe("delivery", () => {
  const find = (predicate: (series: TruthSeries) => boolean) => {
    const found = sandbox.truth().series.find(predicate);
    if (!found) throw new Error("no such series in the catalog");
    return found;
  };

  it("js_only pages are a shell without scores until the script runs", async () => {
    const series = find((s) => s.mc_delivery === "js_only" && s.mc_absence === null && s.metacritic !== null);
    const response = await sandbox.app.inject({ url: `/mc${series.mc_path}` });
    expect(response.statusCode).toBe(200);
    expect(detectBlock(response.body, 200)).toBe("js_shell");
    expect(() => parsePage("mc", response.body)).toThrow(UnknownLayoutError);
    expect(parsePage("mc", runShell(response.body)).scores.metacritic).toBe(series.metacritic);
  });

  it("blocked pages answer 403 with the Varnish page to plain clients, and the page to a browser", async () => {
    const series = find((s) => s.rt_delivery === "blocked" && s.rt_absence === null);
    const url = `/rt${series.rt_path}`;
    const wall = await sandbox.app.inject({ url, headers: { "user-agent": "Mozilla/5.0 Chrome/126" } });
    expect(wall.statusCode).toBe(403);
    expect(wall.headers["set-cookie"]).toBeUndefined();
    expect(detectBlock(wall.body, 403)).toBe("blocked");
    expect(wall.body).toContain("Guru Meditation");
    const fixture = path.join(fixturesDir, "metacritic", "metacritic_403_forbidden_varnish_2018.html");
    if (existsSync(fixture)) {
      expect(wall.body.startsWith(readFileSync(fixture, "utf8").split("</body>")[0] ?? "")).toBe(true);
    }
    const cookie = runWall(wall.body);
    expect(cookie).toBe(`${CLEARANCE_COOKIE}=${clearanceToken(42)}`);

    for (const wrong of [`${CLEARANCE_COOKIE}=guess`, `other=${clearanceToken(42)}`]) {
      expect((await sandbox.app.inject({ url, headers: { cookie: wrong } })).statusCode).toBe(403);
    }
    const page = await sandbox.app.inject({ url, headers: { cookie: `theme=dark; ${cookie}` } });
    expect(page.statusCode).toBe(200);
    expect(parsePage("rt", page.body).title).toBe(series.title);
  });

  it("serves a generated Varnish page when the fixtures are absent", async () => {
    const bare = await buildSandbox({ catalog, fixturesDir: null });
    try {
      const series = bare.truth().series.find((s) => s.mc_delivery === "blocked");
      const wall = await bare.app.inject({ url: `/mc${series?.mc_path}` });
      expect(wall.statusCode).toBe(403);
      expect(wall.body).toMatch(/Error 403 Forbidden[\s\S]*Guru Meditation[\s\S]*Varnish cache server/);
      expect(runWall(wall.body)).toBe(`${CLEARANCE_COOKIE}=${clearanceToken(42)}`);
    } finally {
      await bare.close();
    }
  });

  it("unparseable pages are finished pages of no known layout", async () => {
    sandbox.setKnobs({ sites: { unparseableShare: 1, jsOnlyShare: 0, blockedShare: 0 } });
    try {
      const truth = sandbox.truth();
      for (const site of SITES) {
        const series = truth.series.find(
          (s) => (site === "rt" ? s.rt_absence : s.mc_absence) === "unparseable",
        );
        const html = (await browse(sandbox, `/${site}${site === "rt" ? series?.rt_path : series?.mc_path}`))
          .html;
        expect(detectBlock(html, 200)).toBeNull();
        expect(() => parsePage(site, html)).toThrow(UnknownLayoutError);
        expect(html).toContain(series?.title.replaceAll("&", "&amp;").replaceAll("'", "&#39;"));
      }
      // Pages that another series' candidates reach first stay readable.
      const contested = catalog.series.filter((record) => record.rtPage?.contested);
      expect(contested.length).toBeGreaterThan(0);
      for (const record of contested) {
        expect(truth.series.find((s) => s.series_id === record.id)?.rt_absence).toBeNull();
      }
    } finally {
      sandbox.setKnobs({ sites: DEFAULT_SITES });
    }
  });
});

describe("routes", () => {
  it("serve Metacritic with and without the trailing slash, Rotten Tomatoes likewise", async () => {
    const series = sandbox.truth().series.find((s) => s.mc_delivery === "html" && s.rt_delivery === "html");
    const mcPath = series?.mc_path as string;
    const rtPath = series?.rt_path as string;
    expect(mcPath).toMatch(/^\/tv\/[a-z0-9-]+\/$/);
    expect(rtPath).toMatch(/^\/tv\/[a-z0-9_]+$/);
    for (const url of [`/mc${mcPath}`, `/mc${mcPath.slice(0, -1)}`, `/rt${rtPath}`, `/rt${rtPath}/`]) {
      const response = await sandbox.app.inject({ url });
      expect([url, response.statusCode, response.headers["content-type"]]).toEqual([
        url,
        200,
        "text/html; charset=utf-8",
      ]);
    }
  });

  it("answer anything else with the site's 404 page", async () => {
    for (const [url, title] of [
      ["/rt/tv/no_such_show_anywhere", "404 - Not Found | Rotten Tomatoes"],
      ["/rt/tv/the_office/s01", "404 - Not Found | Rotten Tomatoes"],
      ["/rt/m/happy_gilmore", "404 - Not Found | Rotten Tomatoes"],
      ["/mc/tv/no-such-show-anywhere/", "404 Page Not Found - Metacritic"],
      ["/mc/game/pc/factorio", "404 Page Not Found - Metacritic"],
    ] as const) {
      const response = await sandbox.app.inject({ url });
      expect([url, response.statusCode]).toEqual([url, 404]);
      expect(response.body).toContain(`<title>${title}</title>`);
      expect(detectBlock(response.body, 404)).toBeNull();
    }
  });

  it("get faults and latency like the other upstreams", async () => {
    const series = sandbox.truth().series.find((s) => s.rt_delivery === "html");
    sandbox.setKnobs({ faults: { rate: 1, kinds: ["http503"] }, latency: { fixedMs: 40 } });
    try {
      const started = Date.now();
      const response = await sandbox.app.inject({ url: `/rt${series?.rt_path}?attempt=fault` });
      expect(Date.now() - started).toBeGreaterThanOrEqual(35);
      expect(response.statusCode).toBe(503);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    } finally {
      sandbox.setKnobs({ faults: { rate: 0 }, latency: { fixedMs: 0 } });
    }
  });

  it("are listed in the base URLs", () => {
    expect(urlsFor("http://127.0.0.1:4010/")).toMatchObject({
      rt: "http://127.0.0.1:4010/rt",
      mc: "http://127.0.0.1:4010/mc",
    });
  });

  it("can be left out", async () => {
    const without = await buildSandbox({ catalog, sites: false });
    try {
      expect((await without.app.inject({ url: "/rt/tv/dark" })).statusCode).toBe(404);
      expect((await without.app.inject({ url: "/rt/tv/dark" })).headers["content-type"]).toContain("json");
    } finally {
      await without.close();
    }
  });
});

describe("stats", () => {
  it("count page outcomes and routes, and keep each family's request times", async () => {
    sandbox.reset();
    const truth = sandbox.truth();
    const blocked = truth.series.find((s) => s.rt_delivery === "blocked");
    const before = Date.now();
    await browse(sandbox, `/rt${blocked?.rt_path}`);
    await sandbox.app.inject({ url: "/rt/tv/no_such_show_anywhere" });
    await sandbox.app.inject({ url: "/rt/whatever" });
    await sandbox.app.inject({ url: `/mc${truth.series[0]?.mc_path}` });
    const after = Date.now();

    const stats = sandbox.stats.snapshot();
    expect(stats.pageOutcomes.rt).toEqual({ blocked: 1, cleared: 1, not_found: 2 });
    expect(stats.routes["rt.tv_page"]).toEqual({ requests: 3, byStatus: { "200": 1, "403": 1, "404": 1 } });
    expect(stats.routes["rt.other"]).toEqual({ requests: 1, byStatus: { "404": 1 } });
    expect(stats.families.mc?.requests).toBe(1);
    expect(stats.requestTimes.rt).toHaveLength(4);
    expect(stats.requestTimes.mc).toHaveLength(1);
    const times = stats.requestTimes.rt ?? [];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(before);
    expect(Math.max(...times)).toBeLessThanOrEqual(after);
    expect(sandbox.stats.snapshot({ requestTimes: false }).requestTimes).toEqual({});

    sandbox.reset();
    expect(sandbox.stats.snapshot()).toMatchObject({ pageOutcomes: {}, requestTimes: {} });
  });

  it("keep only the latest request times per family", () => {
    const stats = new SandboxStats(3);
    for (const time of [1, 2, 3, 4, 5]) stats.recordRequestTime("rt", time);
    stats.recordRequestTime("mc", 9);
    expect(stats.snapshot().requestTimes).toEqual({ rt: [3, 4, 5], mc: [9] });
  });
});

describe("knobs", () => {
  const put = (body: unknown) =>
    sandbox.app.inject({ method: "PUT", url: "/__sandbox/config", payload: body as object });

  it("change the served truth and are validated", async () => {
    const truthOf = async () =>
      JSON.parse((await sandbox.app.inject({ url: "/__sandbox/truth" })).body) as Truth;
    const before = await truthOf();
    expect((await put({ sites: { unparseableShare: 0.5 } })).statusCode).toBe(200);
    const after = await truthOf();
    expect(after.sites.unparseableShare).toBe(0.5);
    expect(after.series.filter((s) => s.rt_absence === "unparseable").length).toBeGreaterThan(100);
    expect(before.series.filter((s) => s.rt_absence === "unparseable")).toEqual([]);
    expect(after).toEqual(buildTruth(catalog, { ...DEFAULT_SITES, unparseableShare: 0.5 }));

    for (const [bad, field] of [
      [{ sites: { jsOnlyShare: 0.7, blockedShare: 0.5 } }, "sites"],
      [{ sites: { blockedShare: -0.1 } }, "sites.blockedShare"],
      [{ sites: { captchaShare: 0.1 } }, "sites"],
    ] as const) {
      const response = await put(bad);
      expect([response.statusCode, response.json().error]).toEqual([400, expect.stringContaining(field)]);
    }
    expect((await put({ sites: DEFAULT_SITES })).statusCode).toBe(200);
    expect(await truthOf()).toEqual(before);
  });

  it("raising a share only adds pages to that delivery", () => {
    const low = buildTruth(catalog, { unparseableShare: 0, jsOnlyShare: 0.1, blockedShare: 0.1 });
    const high = buildTruth(catalog, { unparseableShare: 0, jsOnlyShare: 0.2, blockedShare: 0.2 });
    low.series.forEach((series, index) => {
      if (series.rt_delivery !== "html") expect(high.series[index]?.rt_delivery).toBe(series.rt_delivery);
    });
  });

  it("come from SANDBOX_SITES_* variables", () => {
    const config = sandboxConfigFromEnv({
      SANDBOX_SITES_UNPARSEABLE_SHARE: "0.05",
      SANDBOX_SITES_JS_ONLY_SHARE: "0",
    });
    expect(config.options.knobs?.sites).toEqual({ unparseableShare: 0.05, jsOnlyShare: 0 });
    expect(() => sandboxConfigFromEnv({ SANDBOX_SITES_BLOCKED_SHARE: "2" })).toThrow(
      /SANDBOX_SITES_BLOCKED_SHARE/,
    );
  });
});

describe("page plan", () => {
  const large = buildCatalog({ seed: 7, size: 3000 });
  const truth = buildTruth(large);
  const share = (predicate: (series: TruthSeries) => boolean, of = truth.series) =>
    of.filter(predicate).length / of.length;
  const near = (value: number, target: number, tolerance = 0.025) => {
    expect(value).toBeGreaterThan(target - tolerance);
    expect(value).toBeLessThan(target + tolerance);
  };

  it("gives the documented shares", () => {
    const dated = truth.series.filter((s) => s.release_year !== null);
    near(
      share((s) => s.rt_path === null, dated),
      SITE_PLAN_SHARES.rt.noPage,
    );
    near(
      share((s) => s.mc_path === null, dated),
      SITE_PLAN_SHARES.mc.noPage,
    );
    const rtPages = truth.series.filter((s) => s.rt_path !== null);
    const mcPages = truth.series.filter((s) => s.mc_path !== null);
    for (const [layout, weight] of SITE_PLAN_SHARES.rt.layouts) {
      near(
        share((s) => s.rt_layout === layout, rtPages),
        weight / 100,
        0.03,
      );
    }
    for (const [layout, weight] of SITE_PLAN_SHARES.mc.layouts) {
      near(
        share((s) => s.mc_layout === layout, mcPages),
        weight / 100,
        0.03,
      );
    }
    near(
      share((s) => s.rt_decoy_path !== null, rtPages),
      SITE_PLAN_SHARES.rt.decoy,
      0.015,
    );
    near(
      share((s) => s.mc_decoy_path !== null, mcPages),
      SITE_PLAN_SHARES.mc.decoy,
      0.015,
    );
    for (const pages of [rtPages, mcPages]) {
      const delivery = (s: TruthSeries) => (pages === rtPages ? s.rt_delivery : s.mc_delivery);
      near(
        share((s) => delivery(s) === "js_only", pages),
        0.08,
        0.02,
      );
      near(
        share((s) => delivery(s) === "blocked", pages),
        0.06,
        0.02,
      );
    }
    expect(truth.series.filter((s) => s.release_year === null).every((s) => !s.rt_path && !s.mc_path)).toBe(
      true,
    );
  });

  it("includes every page variant a parser must handle", () => {
    const records = large.series.filter((record) => record.rtPage?.layout === "rt-legacy-2018");
    const data = records.map((record) => record.rtPage?.data);
    expect(data.filter((d) => d?.audienceMode === "want_to_see").length).toBeGreaterThan(20);
    expect(data.filter((d) => d?.tomatoes_critic === null).length).toBeGreaterThan(20);
    const legacy = truth.series.filter((s) => s.rt_layout === "rt-legacy-2018");
    expect(legacy.every((s) => s.tomatoes_critic_count === null && s.tomatoes_audience_count === null)).toBe(
      true,
    );
    const banded = truth.series.filter((s) => s.tomatoes_audience_count_is_lower_bound);
    expect(banded.length).toBeGreaterThan(100);
    expect(banded.every((s) => s.rt_layout !== "rt-legacy-2018")).toBe(true);
    expect(truth.series.filter((s) => s.mc_path && s.metauser === null).length).toBeGreaterThan(100);
    for (const s of truth.series) {
      if (s.metauser !== null) expect(Math.round(s.metauser * 10) / 10).toBe(s.metauser);
    }
  });

  it("gives a shared slug to the oldest series and suffixes the others", () => {
    const showcase = buildTruth(buildCatalog({ seed: 42, size: 40 }));
    const shameless = showcase.series.filter((s) => s.title === "Shameless");
    expect(shameless.map((s) => [s.release_year, s.rt_path, s.mc_path])).toEqual(
      expect.arrayContaining([
        [2004, "/tv/shameless", "/tv/shameless/"],
        [2011, "/tv/shameless_2011", "/tv/shameless-2011/"],
      ]),
    );
    // Generally: among series with a page sharing a slug, only the oldest may hold the plain one.
    for (const site of SITES) {
      const slugOf = site === "rt" ? rtSlug : mcSlug;
      const groups = new Map<string, typeof large.series>();
      for (const record of large.series) {
        const plan = site === "rt" ? record.rtPage : record.mcPage;
        if (!plan) continue;
        const slug = slugOf(record.name);
        groups.set(slug, [...(groups.get(slug) ?? []), record]);
      }
      for (const [slug, members] of groups) {
        if (members.length < 2) continue;
        const years = members.map((record) => firstAirYear(record) ?? 0);
        for (const [index, record] of members.entries()) {
          const plan = site === "rt" ? record.rtPage : record.mcPage;
          if (plan?.slug === slug) expect(years[index]).toBe(Math.min(...years));
          else expect(plan?.slug).toBe(site === "rt" ? `${slug}_${years[index]}` : `${slug}-${years[index]}`);
        }
      }
    }
  });

  it("puts decoys, other shows of the same title years apart, at the plain slug", () => {
    const owners = large.series.filter((record) => record.rtPage?.decoy);
    expect(owners.length).toBeGreaterThan(50);
    for (const record of owners) {
      const { decoy, slug } = record.rtPage ?? {};
      const year = firstAirYear(record) as number;
      expect(slug).toBe(`${decoy?.slug}_${year}`);
      expect(decoy?.data.title).toBe(record.name);
      expect(Math.abs((decoy?.data.year ?? year) - year)).toBeGreaterThanOrEqual(3);
      expect(large.pages.rt.get(decoy?.slug ?? "")).toMatchObject({ kind: "decoy" });
    }
  });

  it("leaves what TMDB and OMDb serve untouched and stays deterministic", () => {
    const again = buildCatalog({ seed: 7, size: 3000 });
    expect(JSON.stringify(buildTruth(again))).toBe(JSON.stringify(truth));
    const { rtPage: _rt, mcPage: _mc, ...record } = large.series[5] ?? ({} as never);
    expect(Object.keys(record)).not.toContain("rtPage");
  });
});

describe.runIf(requireFixtures())("dataset mode", () => {
  let withData: Catalog;
  let truth: Truth;
  beforeAll(() => {
    withData = buildCatalog({
      seed: 42,
      size: 300,
      datasets: loadDatasets(path.join(fixturesDir, "datasets")),
    });
    truth = buildTruth(withData);
  });

  it("tells same-title series apart, also those a year apart (Battlestar Galactica 2003/2004)", async () => {
    const own = await buildSandbox({ catalog: withData });
    try {
      const shared = own.truth().series.filter((s) => s.edge_cases.includes("shared_title"));
      expect(shared.length).toBeGreaterThan(30);
      const galactica = shared.filter((s) => s.title === "Battlestar Galactica").map((s) => s.rt_path);
      expect(galactica.sort()).toEqual([
        "/tv/battlestar_galactica",
        "/tv/battlestar_galactica_2003",
        "/tv/battlestar_galactica_2004",
      ]);
      for (const series of shared) {
        for (const site of SITES) {
          const { rejected: _, ...result } = await scrapeLikeThePipeline(own, site, series);
          expect(result, `${site} ${series.title} (${series.release_year})`).toEqual(
            expectedOutcome(site, series),
          );
        }
      }
    } finally {
      await own.close();
    }
  });

  it("uses the Metacritic CSV values attached to the catalog", () => {
    // Series without a first-air date have no page anywhere (no page could be confirmed).
    const attached = withData.series.filter((record) => record.metacritic && record.firstAirDate);
    expect(attached.length).toBeGreaterThan(50);
    for (const record of attached) {
      const series = truth.series.find((s) => s.series_id === record.id);
      const entry = record.metacritic;
      expect(series?.mc_path).not.toBeNull();
      expect(series?.metacritic).toBe(entry?.metascore === null ? null : Math.round(entry?.metascore ?? 0));
      if (series?.metauser !== null) expect(series?.metauser).toBe(Math.round(entry?.userscore ?? 0) / 10);
      if (series?.metacritic !== null) expect(series?.metacritic_count).toBe(entry?.metascoreCount);
    }
  });
});
