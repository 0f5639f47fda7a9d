import { describe, expect, it } from "vitest";
import { renderRtPage } from "../../../tools/sandbox/src/pages/index.ts";
import {
  detectBlock,
  parseMetacritic,
  parsePage,
  parseRottenTomatoes,
  UnknownLayoutError,
} from "../src/index.ts";

const page = renderRtPage("rt-score-board-2022", {
  title: "Dark",
  year: 2017,
  slug: "dark",
  tomatoes_critic: 95,
  tomatoes_critic_count: 60,
  tomatoes_audience: 93,
  tomatoes_audience_count: 5000,
});

const spaShell = `<!DOCTYPE html><html><head><title>Dark | Rotten Tomatoes</title>
<script src="/assets/app.js" defer></script></head>
<body><div id="root"></div><script>window.__INITIAL_STATE__ = {"route":"/tv/dark"};</script></body></html>`;

const articleWithoutScores = `<!DOCTYPE html><html><head><title>Best TV of 2024 - Rotten Tomatoes</title></head>
<body><main><h1>Best TV of 2024</h1><p>${"A long editorial paragraph about television. ".repeat(20)}</p></main>
<script>track()</script></body></html>`;

describe("detectBlock", () => {
  it.each([403, 429, 202])("status %i is blocked whatever the body", (status) => {
    expect(detectBlock(page, status)).toBe("blocked");
  });

  it("an empty body is blocked", () => {
    expect(detectBlock("", 200)).toBe("blocked");
    expect(detectBlock(" \n ", 200)).toBe("blocked");
  });

  it("a challenge page served with 200 is blocked", () => {
    const challenge =
      "<html><head><title>Just a moment...</title></head><body><div id=cf-chl-widget></div></body></html>";
    expect(detectBlock(challenge, 200)).toBe("blocked");
  });

  it("a script-only app shell is js_shell", () => {
    expect(detectBlock(spaShell, 200)).toBe("js_shell");
  });

  it("a normal page with scores, or a text page without them, is not a block", () => {
    expect(detectBlock(page, 200)).toBeNull();
    expect(detectBlock(articleWithoutScores, 200)).toBeNull();
  });
});

describe("UnknownLayoutError", () => {
  it("is thrown for a page of no known layout, with a fingerprint for diagnosis", () => {
    let error: unknown;
    try {
      parseRottenTomatoes(articleWithoutScores);
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof UnknownLayoutError))
      throw new Error(`expected UnknownLayoutError, got ${String(error)}`);
    const { fingerprint, site } = error;
    expect(site).toBe("rt");
    expect(fingerprint).toContain('title="Best TV of 2024 - Rotten Tomatoes"');
    expect(fingerprint).toContain("#all-critics-numbers");
    expect(fingerprint).toContain("score-board");
    expect(fingerprint).toMatch(/size=\d+B/);
  });

  it("is thrown for an app shell and for a page of the other site", () => {
    expect(() => parsePage("rt", spaShell)).toThrow(UnknownLayoutError);
    expect(() => parseMetacritic(page)).toThrow(UnknownLayoutError);
  });
});
