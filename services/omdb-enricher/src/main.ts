import { createLogger } from "@tvr/config";
import { runUntilSignal } from "@tvr/pipeline";
import { loadEnricherEnv } from "./env.ts";
import { startEnricher } from "./service.ts";

const env = loadEnricherEnv();
const log = createLogger({ name: "omdb-enricher", level: env.LOG_LEVEL });
await runUntilSignal(log, () => startEnricher(env, log), env.SHUTDOWN_TIMEOUT_MS);
