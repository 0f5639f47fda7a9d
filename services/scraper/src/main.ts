import { runService } from "@tvr/worker";
import { loadScraperEnv } from "./env.ts";
import { startScraper } from "./service.ts";

await runService({
  name: "scraper",
  loadEnv: loadScraperEnv,
  start: (env, log) => startScraper(env, log),
});
