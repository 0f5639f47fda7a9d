import { optionalString, parseEnv } from "@tvr/config";
import { ScrapeSite } from "@tvr/queues";
import { CommonEnv } from "@tvr/worker";
import { z } from "zod";

export const IngestorEnv = CommonEnv.extend({
  TMDB_BASE_URL: z.url().default("https://api.themoviedb.org/3"),
  TMDB_API_KEY: optionalString,
  TMDB_READ_TOKEN: optionalString,
  TMDB_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().default(40),
  TMDB_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Sites the scraper reads for each series; empty to run without the scraper. */
  SCRAPE_SITES: z
    .string()
    .default("rt,mc")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ScrapeSite)),
  INGESTOR_CONCURRENCY: z.coerce.number().int().positive().default(16),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9101),
}).refine((env) => env.TMDB_API_KEY || env.TMDB_READ_TOKEN, {
  message: "set TMDB_READ_TOKEN (v4 read access token) or TMDB_API_KEY (v3 key)",
  path: ["TMDB_API_KEY"],
});
export type IngestorEnv = z.infer<typeof IngestorEnv>;

export const loadIngestorEnv = (source = process.env) => parseEnv(IngestorEnv, source);
