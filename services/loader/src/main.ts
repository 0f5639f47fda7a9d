import { createLogger } from "@tvr/config";
import { runUntilSignal } from "@tvr/pipeline";
import { loadLoaderEnv } from "./env.ts";
import { startLoader } from "./service.ts";

const env = loadLoaderEnv();
const log = createLogger({ name: "loader", level: env.LOG_LEVEL });
await runUntilSignal(log, () => startLoader(env, log), env.SHUTDOWN_TIMEOUT_MS);
