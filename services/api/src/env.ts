import { booleanFlag, optionalString, parseEnv } from "@tvr/config";
import { CommonEnv } from "@tvr/worker";
import cronParser from "cron-parser";
import { z } from "zod";

const cronExpression = optionalString.refine(
  (value) => {
    if (value === undefined) return true;
    try {
      cronParser.parseExpression(value, { tz: "UTC" });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid cron expression (e.g. "0 3 * * 1" for Mondays 03:00 UTC)' },
);

export const ApiEnv = CommonEnv.extend({
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_HOST: z.string().min(1).default("0.0.0.0"),
  API_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: "must be at least 16 characters (e.g. `openssl rand -hex 32`)",
  }),
  API_BASIC_USER: optionalString,
  API_BASIC_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: "must be at least 8 characters",
  }),
  API_AUTH_DISABLED: booleanFlag(false),
  PIPELINE_MODE: z.enum(["sandbox", "live"]).default("live"),
  /** Cron (UTC) of the built-in weekly run; the schedule is removed when unset. */
  RUN_SCHEDULE_CRON: cronExpression,
})
  .refine((env) => Boolean(env.API_BASIC_USER) === Boolean(env.API_BASIC_PASSWORD), {
    message: "set both API_BASIC_USER and API_BASIC_PASSWORD, or neither",
    path: ["API_BASIC_PASSWORD"],
  })
  .refine((env) => env.API_AUTH_DISABLED || env.API_TOKEN || env.API_BASIC_USER, {
    message:
      "no API credentials configured: set API_TOKEN and/or API_BASIC_USER + API_BASIC_PASSWORD " +
      "(or API_AUTH_DISABLED=true for local development only)",
    path: ["API_TOKEN"],
  });
export type ApiEnv = z.infer<typeof ApiEnv>;

export const loadApiEnv = (source = process.env) => parseEnv(ApiEnv, source);
