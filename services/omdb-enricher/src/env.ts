import { parseEnv } from "@tvr/config";
import { CommonEnv } from "@tvr/worker";
import { z } from "zod";

export const EnricherEnv = CommonEnv.extend({
  OMDB_BASE_URL: z.url().default("https://www.omdbapi.com/"),
  OMDB_API_KEY: z.string({ error: "required: the OMDb API key" }).min(1, "required: the OMDb API key"),
  OMDB_DAILY_QUOTA: z.coerce.number().int().positive().default(1_000),
  OMDB_CACHE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(6 * 24 * 3600),
  /**
   * Names the upstream the cached answers came from: answers cached under one scope are never
   * served under another (the sandbox with and without its data anomalies are two upstreams).
   */
  OMDB_CACHE_SCOPE: z
    .string()
    .regex(/^[a-z0-9-]{0,40}$/, "lower-case letters, digits and '-', at most 40")
    .default(""),
  OMDB_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().default(20),
  OMDB_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ENRICHER_CONCURRENCY: z.coerce.number().int().positive().default(8),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9102),
});
export type EnricherEnv = z.infer<typeof EnricherEnv>;

export const loadEnricherEnv = (source = process.env) => parseEnv(EnricherEnv, source);
