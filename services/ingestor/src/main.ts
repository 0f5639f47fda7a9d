import { runService } from "@tvr/worker";
import { loadIngestorEnv } from "./env.ts";
import { startIngestor } from "./service.ts";

await runService({
  name: "ingestor",
  loadEnv: loadIngestorEnv,
  start: (env, log) => startIngestor(env, log),
});
