import { describe, expect, it } from "vitest";
import { createSiteUrls } from "../src/site.ts";

describe("site allow-list", () => {
  const real = createSiteUrls("rt", "https://www.rottentomatoes.com");
  const sandbox = createSiteUrls("mc", "http://127.0.0.1:4010/mc");

  it("builds URLs from site-relative paths", () => {
    expect(real.urlFor("/tv/the_office")).toBe("https://www.rottentomatoes.com/tv/the_office");
    expect(sandbox.urlFor("/tv/the-office/")).toBe("http://127.0.0.1:4010/mc/tv/the-office/");
    expect(() => real.urlFor("//evil.example/tv/x")).toThrow();
    expect(() => real.urlFor("tv/x")).toThrow();
  });

  it("allows only the site's origin under its base path", () => {
    expect(real.allows("https://www.rottentomatoes.com/tv/x")).toBe(true);
    expect(real.allows("https://rottentomatoes.com/tv/x")).toBe(false);
    expect(real.allows("http://www.rottentomatoes.com/tv/x")).toBe(false);
    expect(real.allows("https://www.rottentomatoes.com.evil.example/tv/x")).toBe(false);
    expect(real.allows("https://user:pw@www.rottentomatoes.com/tv/x")).toBe(false);
    expect(real.allows("https://www.google-analytics.com/collect")).toBe(false);
    expect(real.allows("data:text/html,hi")).toBe(false);
    expect(real.allows("not a url")).toBe(false);
    expect(sandbox.allows("http://127.0.0.1:4010/mc/tv/x/")).toBe(true);
    expect(sandbox.allows("http://127.0.0.1:4010/rt/tv/x")).toBe(false);
    expect(sandbox.allows("http://127.0.0.1:4010/mcx/tv/x")).toBe(false);
    expect(sandbox.allows("http://127.0.0.1:4011/mc/tv/x/")).toBe(false);
  });

  it("maps redirect targets back to site paths", () => {
    expect(real.sitePathOf("https://www.rottentomatoes.com/tv/new?x=1")).toBe("/tv/new?x=1");
    expect(sandbox.sitePathOf("http://127.0.0.1:4010/mc/tv/x-2005/")).toBe("/tv/x-2005/");
    expect(sandbox.sitePathOf("https://www.metacritic.com/tv/x/")).toBeNull();
  });
});
