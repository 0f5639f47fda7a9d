import { booleanFlag, logLevel, parseEnv } from "@tvr/config";
import { z } from "zod";
import { DEFAULT_CATALOG_SIZE, DEFAULT_SEED, MAX_CATALOG_SIZE } from "./catalog.ts";
import { defaultDatasetsDir } from "./fixtures.ts";
import { FAULT_KINDS, type KnobsPatch } from "./runtime/knobs.ts";
import { DEFAULT_CREDENTIALS, type SandboxOptions } from "./server.ts";

/** Unset and "" both mean "use the default". */
const unset = (value: unknown) => (value === "" ? undefined : value);
const integer = (min: number, max: number) =>
  z.preprocess(unset, z.coerce.number().int().min(min).max(max).optional());
const fraction = z.preprocess(unset, z.coerce.number().min(0).max(1).optional());
const list = (fallback: string[]) =>
  z.preprocess(
    unset,
    z
      .string()
      .optional()
      .transform((value) =>
        value === undefined
          ? fallback
          : value
              .split(",")
              .map((item) => item.trim())
              .filter(Boolean),
      ),
  );

const sandboxEnvSchema = z.object({
  SANDBOX_SEED: integer(0, 2 ** 32 - 1).default(DEFAULT_SEED),
  SANDBOX_CATALOG_SIZE: integer(1, MAX_CATALOG_SIZE).default(DEFAULT_CATALOG_SIZE),
  SANDBOX_USE_DATASETS: booleanFlag(true),
  SANDBOX_HOST: z.preprocess(unset, z.string().default("127.0.0.1")),
  SANDBOX_PORT: integer(0, 65_535).default(4010),
  SANDBOX_TMDB_API_KEY: list(DEFAULT_CREDENTIALS.tmdbApiKeys),
  SANDBOX_TMDB_READ_TOKEN: list(DEFAULT_CREDENTIALS.tmdbReadTokens),
  SANDBOX_OMDB_API_KEY: list(DEFAULT_CREDENTIALS.omdbApiKeys),
  SANDBOX_OMDB_DAILY_QUOTA: integer(0, Number.MAX_SAFE_INTEGER),
  SANDBOX_TMDB_RATE_LIMIT: integer(0, 1_000_000),
  SANDBOX_LATENCY_MS: integer(0, 600_000),
  SANDBOX_LATENCY_JITTER_MS: integer(0, 600_000),
  SANDBOX_FAULT_RATE: fraction,
  SANDBOX_FAULT_KINDS: z.preprocess(
    unset,
    z
      .string()
      .optional()
      .transform((value) => value?.split(",").map((item) => item.trim()))
      .pipe(z.array(z.enum(FAULT_KINDS)).min(1).optional()),
  ),
  SANDBOX_FAULT_TIMEOUT_HOLD_MS: integer(0, 600_000),
  SANDBOX_FAULT_MAX_PER_REQUEST: integer(0, 1_000),
  SANDBOX_SITES_UNPARSEABLE_SHARE: fraction,
  SANDBOX_SITES_JS_ONLY_SHARE: fraction,
  SANDBOX_SITES_BLOCKED_SHARE: fraction,
  LOG_LEVEL: logLevel,
});

export interface SandboxEnvConfig {
  options: SandboxOptions;
  host: string;
  port: number;
  logLevel: string;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Reads the SANDBOX_* variables; a bad value throws a ConfigError naming the variable. */
export function sandboxConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): SandboxEnvConfig {
  const parsed = parseEnv(sandboxEnvSchema, env);
  const knobs: KnobsPatch = {
    latency: definedOnly({ fixedMs: parsed.SANDBOX_LATENCY_MS, jitterMs: parsed.SANDBOX_LATENCY_JITTER_MS }),
    tmdb: definedOnly({ rateLimitPerSecond: parsed.SANDBOX_TMDB_RATE_LIMIT }),
    omdb: definedOnly({ dailyQuota: parsed.SANDBOX_OMDB_DAILY_QUOTA }),
    faults: definedOnly({
      rate: parsed.SANDBOX_FAULT_RATE,
      kinds: parsed.SANDBOX_FAULT_KINDS,
      timeoutHoldMs: parsed.SANDBOX_FAULT_TIMEOUT_HOLD_MS,
      maxFaultsPerRequest: parsed.SANDBOX_FAULT_MAX_PER_REQUEST,
    }),
    sites: definedOnly({
      unparseableShare: parsed.SANDBOX_SITES_UNPARSEABLE_SHARE,
      jsOnlyShare: parsed.SANDBOX_SITES_JS_ONLY_SHARE,
      blockedShare: parsed.SANDBOX_SITES_BLOCKED_SHARE,
    }),
  };
  return {
    options: {
      seed: parsed.SANDBOX_SEED,
      catalogSize: parsed.SANDBOX_CATALOG_SIZE,
      datasetsDir: parsed.SANDBOX_USE_DATASETS ? defaultDatasetsDir(env) : null,
      credentials: {
        tmdbApiKeys: parsed.SANDBOX_TMDB_API_KEY,
        tmdbReadTokens: parsed.SANDBOX_TMDB_READ_TOKEN,
        omdbApiKeys: parsed.SANDBOX_OMDB_API_KEY,
      },
      knobs,
    },
    host: parsed.SANDBOX_HOST,
    port: parsed.SANDBOX_PORT,
    logLevel: parsed.LOG_LEVEL,
  };
}
