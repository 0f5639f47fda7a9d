import { createLogger } from "@tvr/config";
import { runUntilSignal } from "@tvr/pipeline";
import { loadIngestorEnv } from "./env.ts";
import { startIngestor } from "./service.ts";

const env = loadIngestorEnv();
const log = createLogger({ name: "ingestor", level: env.LOG_LEVEL });
await runUntilSignal(log, () => startIngestor(env, log), env.SHUTDOWN_TIMEOUT_MS);
