import { describe, expect, it } from "vitest";
import {
  followRedirect,
  initialCursor,
  planPaths,
  readCursor,
  rejectCurrent,
  restartCandidate,
  withBrowser,
} from "../src/plan.ts";

const payload = {
  runId: "5b0b3c4e-8f55-4a53-9c57-1a2b3c4d5e6f",
  seriesId: 1,
  title: "The Office",
  originalTitle: null,
  firstAirYear: 2005,
  knownPath: null,
};

describe("planPaths", () => {
  it("lists the slug candidates, most likely first", () => {
    expect(planPaths("rt", payload)).toEqual(["/tv/the_office", "/tv/the_office_2005", "/tv/office"]);
    expect(planPaths("mc", payload)).toEqual(["/tv/the-office/", "/tv/the-office-2005/"]);
  });

  it("puts a known path first and never twice", () => {
    expect(planPaths("rt", { ...payload, knownPath: "/tv/the_office_2005" })).toEqual([
      "/tv/the_office_2005",
      "/tv/the_office",
      "/tv/office",
    ]);
    expect(planPaths("mc", { ...payload, knownPath: "/tv/office-us/" })[0]).toBe("/tv/office-us/");
  });

  it("adds the original title's candidates after the title's", () => {
    const plan = planPaths("mc", { ...payload, title: "Dark", originalTitle: "Dunkel", firstAirYear: 2017 });
    expect(plan).toEqual(["/tv/dark/", "/tv/dark-2017/", "/tv/dunkel/", "/tv/dunkel-2017/"]);
  });
});

describe("cursor", () => {
  it("starts at the first candidate with a plain fetch", () => {
    expect(readCursor(payload)).toEqual(initialCursor());
    expect(readCursor({ ...payload, cursor: { index: "x" } })).toEqual(initialCursor());
  });

  it("round-trips through job data", () => {
    const cursor = withBrowser(rejectCurrent(initialCursor(), "/tv/a", "not_found"));
    expect(readCursor(JSON.parse(JSON.stringify({ ...payload, cursor })))).toEqual(cursor);
  });

  it("rejecting records the path and why, and resets the per-candidate state", () => {
    const cursor = followRedirect(withBrowser(initialCursor()), "/tv/b");
    const next = rejectCurrent(cursor, "/tv/b", "year mismatch: page 1990 vs series 2005");
    expect(next).toMatchObject({ index: 1, via: "http", target: null, redirects: 0, cookies: null });
    expect(next.tried).toEqual([{ path: "/tv/b", outcome: "year mismatch: page 1990 vs series 2005" }]);
  });

  it("a redirect is followed as its own step, and a restart goes back to plain HTTP", () => {
    const redirected = followRedirect(initialCursor(), "/tv/new_slug");
    expect(redirected).toMatchObject({ index: 0, target: "/tv/new_slug", redirects: 1, via: "http" });
    const cookie = {
      name: "c",
      value: "v",
      domain: "x",
      path: "/",
      expires: -1,
      httpOnly: false,
      secure: false,
      sameSite: "Lax" as const,
    };
    expect(restartCandidate(withBrowser(redirected, [cookie]))).toMatchObject({
      via: "http",
      cookies: null,
      target: "/tv/new_slug",
    });
  });
});
