import { ConfigError } from "@tvr/config";
import { describe, expect, it } from "vitest";
import { loadApiEnv } from "../src/env.ts";
import { type AuthConfig, authChallenge, isAuthorized } from "../src/plugins/auth.ts";

const config: AuthConfig = {
  token: "s3cret-token-0123456789",
  basic: { user: "ops", password: "pa:ss word" },
  disabled: false,
};
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;

describe("isAuthorized", () => {
  it("accepts the token and the basic credentials (password may contain ':')", () => {
    expect(isAuthorized("Bearer s3cret-token-0123456789", config)).toBe(true);
    expect(isAuthorized("bearer s3cret-token-0123456789", config)).toBe(true);
    expect(isAuthorized(basic("ops:pa:ss word"), config)).toBe(true);
  });

  it("refuses anything else", () => {
    for (const header of [
      undefined,
      "",
      "Bearer",
      "Bearer s3cret-token-012345678",
      "Bearer s3cret-token-0123456789x",
      basic("ops:pa:ss wor"),
      basic("Ops:pa:ss word"),
      basic("ops"),
      "Basic !!!",
      "Digest s3cret-token-0123456789",
      "s3cret-token-0123456789",
    ]) {
      expect(isAuthorized(header, config), String(header)).toBe(false);
    }
  });

  it("refuses a scheme that is not configured", () => {
    expect(isAuthorized(basic("ops:pa:ss word"), { ...config, basic: undefined })).toBe(false);
    expect(isAuthorized("Bearer s3cret-token-0123456789", { ...config, token: undefined })).toBe(false);
  });

  it("lets everything through when disabled", () => {
    expect(isAuthorized(undefined, { disabled: true })).toBe(true);
  });

  it("challenges browsers with Basic when basic credentials exist", () => {
    expect(authChallenge(config)).toMatch(/^Basic realm="tv-ratings"/);
    expect(authChallenge({ ...config, basic: undefined })).toMatch(/^Bearer realm=/);
  });
});

describe("loadApiEnv", () => {
  const base = { DATABASE_URL: "postgres://localhost/x", REDIS_URL: "redis://localhost:6379" };
  const errorOf = (env: Record<string, string>) => {
    try {
      loadApiEnv({ ...base, ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    return undefined;
  };

  it("refuses to start without credentials, naming the variables", () => {
    const message = errorOf({});
    expect(message).toContain("API_TOKEN");
    expect(message).toContain("API_BASIC_USER");
    expect(message).toContain("API_AUTH_DISABLED");
  });

  it("accepts a token, basic credentials, or an explicit opt-out", () => {
    expect(errorOf({ API_TOKEN: "0123456789abcdef" })).toBeUndefined();
    expect(errorOf({ API_BASIC_USER: "ops", API_BASIC_PASSWORD: "12345678" })).toBeUndefined();
    expect(errorOf({ API_AUTH_DISABLED: "true" })).toBeUndefined();
  });

  it("rejects weak or half-configured credentials and bad cron expressions", () => {
    expect(errorOf({ API_TOKEN: "short" })).toContain("API_TOKEN: must be at least 16");
    expect(errorOf({ API_BASIC_USER: "ops" })).toContain("API_BASIC_PASSWORD");
    expect(errorOf({ API_TOKEN: "0123456789abcdef", RUN_SCHEDULE_CRON: "every monday" })).toContain(
      "RUN_SCHEDULE_CRON",
    );
  });

  it("has the documented defaults", () => {
    const env = loadApiEnv({ ...base, API_TOKEN: "0123456789abcdef", RUN_SCHEDULE_CRON: "" });
    expect(env).toMatchObject({
      API_PORT: 3000,
      API_HOST: "0.0.0.0",
      API_AUTH_DISABLED: false,
      PIPELINE_MODE: "live",
      RUN_SCHEDULE_CRON: undefined,
    });
  });

  it("never echoes a secret in its error", () => {
    expect(errorOf({ API_TOKEN: "tiny-secret" })).not.toContain("tiny-secret");
  });
});
