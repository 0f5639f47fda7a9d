import { runService } from "@tvr/worker";
import { loadEnricherEnv } from "./env.ts";
import { startEnricher } from "./service.ts";

await runService({
  name: "omdb-enricher",
  loadEnv: loadEnricherEnv,
  start: (env, log) => startEnricher(env, log),
});
