import { parseEnv } from "@tvr/config";
import { CommonEnv } from "@tvr/pipeline";
import { z } from "zod";

export const LoaderEnv = CommonEnv.extend({
  LOAD_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  LOAD_BATCH_WAIT_MS: z.coerce.number().int().min(0).default(50),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9103),
});
export type LoaderEnv = z.infer<typeof LoaderEnv>;

export const loadLoaderEnv = (source = process.env) => parseEnv(LoaderEnv, source);
