import { runService } from "@tvr/worker";
import { loadLoaderEnv } from "./env.ts";
import { startLoader } from "./service.ts";

await runService({ name: "loader", loadEnv: loadLoaderEnv, start: (env, log) => startLoader(env, log) });
