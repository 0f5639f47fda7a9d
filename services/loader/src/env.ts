import { parseEnv } from "@tvr/config";
import { CommonEnv } from "@tvr/worker";
import { z } from "zod";

export const LoaderEnv = CommonEnv.extend({
  LOAD_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  LOAD_BATCH_WAIT_MS: z.coerce.number().int().min(0).default(50),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9103),
  /** The run lifecycle's quality stages (hosted here, on the `runs` queue): `off` records them as skipped. */
  QUALITY_STAGE: z.enum(["on", "off"]).default("on"),
  /** How long a quality stage waits for the quality worker before the run ends partial. */
  QUALITY_STAGE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(3_600),
});
export type LoaderEnv = z.infer<typeof LoaderEnv>;

export const loadLoaderEnv = (source = process.env) => parseEnv(LoaderEnv, source);
