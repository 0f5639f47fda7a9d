import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_QUEUE_NAMES, type ApiFixture, BASIC, startTestApi } from "./helpers.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let f: ApiFixture;
let browser: Browser;

beforeAll(async () => {
  f = await startTestApi("api_board");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe("Bull Board in a browser", () => {
  it("refuses an anonymous visitor with a Basic challenge", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const challenged = page.waitForResponse(`${f.api.url}/queues`);
      // Headless Chromium has no one to type credentials into the login prompt: navigation fails.
      await expect(page.goto(`${f.api.url}/queues`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
      const response = await challenged;
      expect(response.status()).toBe(401);
      expect(await response.headerValue("www-authenticate")).toMatch(/^Basic realm=/);
      expect(await response.text()).not.toContain("tmdb");
    } finally {
      await context.close();
    }
  });

  it("refuses wrong credentials", async () => {
    const context = await browser.newContext({
      httpCredentials: { username: BASIC.user, password: "not the password" },
    });
    try {
      const response = await (await context.newPage()).goto(`${f.api.url}/queues`);
      expect(response?.status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it("lists every pipeline queue after a basic-auth login", async () => {
    const context = await browser.newContext({
      httpCredentials: { username: BASIC.user, password: BASIC.password },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${f.api.url}/queues`);
      expect(response?.status()).toBe(200);
      expect(ALL_QUEUE_NAMES).toEqual(expect.arrayContaining(["control", "load", "omdb", "tmdb"]));
      for (const name of ALL_QUEUE_NAMES) {
        await page.getByRole("link", { name, exact: true }).first().waitFor({ timeout: 15_000 });
      }
      expect(await page.title()).toBe("TV ratings queues");
    } finally {
      await context.close();
    }
  });
});
