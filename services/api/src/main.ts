import { runService } from "@tvr/worker";
import { loadApiEnv } from "./env.ts";
import { startApi } from "./service.ts";

await runService({ name: "api", loadEnv: loadApiEnv, start: (env, log) => startApi(env, log) });
