import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserFetcher } from "../src/browser.ts";
import { createSiteUrls } from "../src/site.ts";

/** The browser fetcher against two local servers: the site, and "another host" that must never be reached. */
const seen: string[] = [];
const elsewhere: string[] = [];
let site: Server;
let other: Server;
let otherBase: string;
const aborted: string[] = [];

const listen = async (handler: (request: IncomingMessage, response: ServerResponse) => void) => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const html = (response: ServerResponse, status: number, body: string) =>
  response.writeHead(status, { "content-type": "text/html" }).end(body);

/** The start of a page whose scores made it and whose end did not; rendered, it would read as whole. */
const CUT_PAGE =
  '<!DOCTYPE html><html><head><title>Dark</title></head><body><div class="c-productScoreInfo">82</div><p>Sum';

let siteBase: string;
beforeAll(async () => {
  ({ server: other, base: otherBase } = await listen((request, response) => {
    elsewhere.push(request.url ?? "");
    html(response, 200, "<html><body>elsewhere</body></html>");
  }));
  ({ server: site, base: siteBase } = await listen((request, response) => {
    const path = request.url ?? "";
    seen.push(`${path} ${request.headers.cookie ?? ""}`.trim());
    if (path === "/mc/tv/walled/") {
      if ((request.headers.cookie ?? "").includes("tvr_clearance=ok")) {
        html(response, 200, '<html><body><div class="c-productScoreInfo">82</div></body></html>');
      } else {
        html(
          response,
          403,
          '<html><head><title>403 Forbidden</title></head><body>Guru Meditation<script>document.cookie = "tvr_clearance=ok; path=/"; location.reload();</script></body></html>',
        );
      }
      return;
    }
    if (path === "/mc/tv/away/") {
      response.writeHead(302, { location: `${otherBase}/tv/away/` }).end();
      return;
    }
    if (path === "/mc/tv/shell/") {
      html(
        response,
        200,
        `<html><body><div id="app"></div><img src="${otherBase}/pixel.gif"><img src="/mc/logo.png"><script>
        fetch("${otherBase}/track").catch(() => {});
        setTimeout(() => { document.getElementById("app").innerHTML = '<div class="c-productScoreInfo">82</div>'; }, 150);
        </script></body></html>`,
      );
      return;
    }
    if (path === "/mc/tv/cut/") {
      html(response, 200, CUT_PAGE);
      return;
    }
    if (path === "/mc/tv/empty/") {
      html(response, 200, "");
      return;
    }
    html(response, 404, "<html><body>Page not found</body></html>");
  }));
});

afterAll(async () => {
  await browser.close();
  await Promise.all([site, other].map((server) => new Promise((resolve) => server?.close(resolve))));
});

const browser = createBrowserFetcher({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  maxPages: 2,
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0 Safari/537.36",
  timeoutMs: 10_000,
  waitMs: 5_000,
  onAborted: (_site, reason) => aborted.push(reason),
});

describe("browser fetcher", () => {
  it("renders a script-built page with one request to the site and none elsewhere", async () => {
    const mc = createSiteUrls("mc", `${siteBase}/mc`);
    seen.length = 0;
    aborted.length = 0;
    const page = await browser.fetch(mc, mc.urlFor("/tv/shell/"), null);
    expect(page.status).toBe(200);
    expect(page.html).toContain('class="c-productScoreInfo"');
    expect(page.challenge).toBeNull();
    expect(seen).toEqual(["/mc/tv/shell/"]);
    expect(elsewhere).toEqual([]);
    expect(aborted).toContain("other_host");
    expect(aborted).toContain("extra_request");
  });

  it("hands a redirect back instead of following it to another host", async () => {
    const mc = createSiteUrls("mc", `${siteBase}/mc`);
    const page = await browser.fetch(mc, mc.urlFor("/tv/away/"), null);
    expect(page).toMatchObject({ status: 302, location: `${otherBase}/tv/away/` });
    expect(mc.allows(page.location ?? "")).toBe(false);
    expect(elsewhere).toEqual([]);
  });

  it("passes a cookie challenge in two fetches, one request each", async () => {
    const mc = createSiteUrls("mc", `${siteBase}/mc`);
    seen.length = 0;
    const first = await browser.fetch(mc, mc.urlFor("/tv/walled/"), null);
    expect(first.status).toBe(403);
    expect(first.challenge?.cookies.map((cookie) => `${cookie.name}=${cookie.value}`)).toEqual([
      "tvr_clearance=ok",
    ]);
    const second = await browser.fetch(mc, mc.urlFor("/tv/walled/"), first.challenge?.cookies ?? null);
    expect(second).toMatchObject({ status: 200, challenge: null });
    expect(second.html).toContain("c-productScoreInfo");
    expect(seen).toEqual(["/mc/tv/walled/", "/mc/tv/walled/ tvr_clearance=ok"]);
  });

  it("reports a 404 without waiting for the page", async () => {
    const mc = createSiteUrls("mc", `${siteBase}/mc`);
    const started = Date.now();
    expect((await browser.fetch(mc, mc.urlFor("/tv/nothing/"), null)).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("hands back an empty or cut-off document as served, not as rendered", async () => {
    const mc = createSiteUrls("mc", `${siteBase}/mc`);
    const cut = await browser.fetch(mc, mc.urlFor("/tv/cut/"), null);
    expect(cut).toMatchObject({ status: 200, html: CUT_PAGE, challenge: null });
    const empty = await browser.fetch(mc, mc.urlFor("/tv/empty/"), null);
    expect(empty).toMatchObject({ status: 200, html: "", challenge: null });
    // The page is fit for the next fetch.
    expect((await browser.fetch(mc, mc.urlFor("/tv/shell/"), null)).html).toContain("c-productScoreInfo");
  });
});
