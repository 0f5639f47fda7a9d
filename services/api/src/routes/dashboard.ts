import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { FastifyPluginAsync } from "fastify";

export const DASHBOARD_PATH = "/dashboard";
/**
 * The dashboard's sources, at the package's top level: two folders up from src/routes/ when
 * run from source, one up from dist/ in the built folder (package.json ships `dashboard`).
 */
const sourceDir =
  ["../../dashboard/", "../dashboard/"]
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((dir) => existsSync(`${dir}index.html`)) ??
  fileURLToPath(new URL("../../dashboard/", import.meta.url));

interface Bundle {
  js: string;
  css: string;
  html: string;
}

let bundle: Promise<Bundle> | undefined;

/** The dashboard's front end (TypeScript + ECharts), bundled once per process on first use. */
function dashboardBundle(): Promise<Bundle> {
  bundle ??= (async () => {
    const result = await build({
      entryPoints: [`${sourceDir}src/main.ts`],
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2022",
      write: false,
      outdir: "out",
      logLevel: "silent",
    });
    const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? "";
    return { js: text(".js"), css: text(".css"), html: await readFile(`${sourceDir}index.html`, "utf8") };
  })();
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}

/**
 * The built-in dashboard at /dashboard, behind the API's auth like Bull Board;
 * the page reads everything through the read API.
 */
export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  // Bundled in the background at start-up, so the first visitor doesn't wait for it.
  dashboardBundle().catch((error: Error) => app.log.error({ err: error }, "dashboard bundle failed"));
  const hidden = { schema: { hide: true } };
  app.get(DASHBOARD_PATH, hidden, async (_request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send((await dashboardBundle()).html),
  );
  app.get(`${DASHBOARD_PATH}/app.js`, hidden, async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "no-cache")
      .send((await dashboardBundle()).js),
  );
  app.get(`${DASHBOARD_PATH}/app.css`, hidden, async (_request, reply) =>
    reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "no-cache")
      .send((await dashboardBundle()).css),
  );
};
