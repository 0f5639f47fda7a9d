import { ConfigError, createLogger } from "@tvr/config";
import { runUntilSignal } from "@tvr/pipeline";
import { loadApiEnv } from "./env.ts";
import { startApi } from "./service.ts";

let env: ReturnType<typeof loadApiEnv>;
try {
  env = loadApiEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`api: ${error.message}`);
  process.exit(1);
}
const log = createLogger({ name: "api", level: env.LOG_LEVEL });
await runUntilSignal(log, () => startApi(env, log), env.SHUTDOWN_TIMEOUT_MS);
