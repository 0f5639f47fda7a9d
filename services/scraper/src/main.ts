import { runService } from "@tvr/pipeline";
import { loadScraperEnv } from "./env.ts";
import { startScraper } from "./service.ts";

await runService({
  name: "scraper",
  loadEnv: loadScraperEnv,
  start: (env, log) => startScraper(env, log),
});
