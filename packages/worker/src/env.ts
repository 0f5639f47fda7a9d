import { logLevel, postgresUrl, redisUrl } from "@tvr/config";
import { z } from "zod";

/** Variables every pipeline process reads; each service extends this schema. */
export const CommonEnv = z.object({
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '-' and '_' only")
    .default("tvr"),
  LOG_LEVEL: logLevel,
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});
export type CommonEnv = z.infer<typeof CommonEnv>;
