import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { LoginThrottle } from "./login-throttle.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Served without credentials (health, readiness, metrics). */
    public?: boolean;
  }
}

export interface AuthConfig {
  token?: string | undefined;
  basic?: { user: string; password: string } | undefined;
  /** Local development only: every request is let through. */
  disabled: boolean;
  /** Slows down repeated wrong credentials from one address; one per app by default. */
  throttle?: LoginThrottle;
}

export const AUTH_REALM = "tv-ratings";

// Hashing first gives equal-length buffers, so the comparison time says nothing about the secret.
const digest = (value: string) => createHash("sha256").update(value).digest();
const safeEqual = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** True when the Authorization header carries the configured bearer token or basic credentials. */
export function isAuthorized(header: string | undefined, config: AuthConfig): boolean {
  if (config.disabled) return true;
  const match = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header ?? "");
  const scheme = match?.[1]?.toLowerCase();
  const value = match?.[2];
  if (!value) return false;
  if (scheme === "bearer") return config.token !== undefined && safeEqual(value, config.token);
  if (!config.basic) return false;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const userOk = safeEqual(decoded.slice(0, colon), config.basic.user);
  const passwordOk = safeEqual(decoded.slice(colon + 1), config.basic.password);
  return userOk && passwordOk;
}

/** Basic when a browser can log in with it (Bull Board, /docs), Bearer otherwise. */
export function authChallenge(config: AuthConfig): string {
  return config.basic ? `Basic realm="${AUTH_REALM}", charset="UTF-8"` : `Bearer realm="${AUTH_REALM}"`;
}

/**
 * One check for every route, Bull Board and the docs included; only routes
 * that set `config.public` are served without credentials. Wrong credentials
 * (not missing ones) count towards the client's login throttle.
 */
const auth: FastifyPluginAsync<AuthConfig> = async (app, config) => {
  const throttle = config.throttle ?? new LoginThrottle();
  app.addHook("onRequest", async (request, reply) => {
    if (request.routeOptions.config?.public === true || config.disabled) return;
    const header = request.headers.authorization;
    const waitMs = header ? throttle.waitMs(request.ip) : 0;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      reply.header("retry-after", String(seconds));
      return reply.code(429).send({
        error: "Too Many Requests",
        message: `too many failed logins from this address; try again in ${seconds} s`,
      });
    }
    if (isAuthorized(header, config)) {
      if (header) throttle.succeeded(request.ip);
      return;
    }
    if (header) throttle.failed(request.ip);
    reply.header("www-authenticate", authChallenge(config));
    return reply.code(401).send({
      error: "Unauthorized",
      message: "send Authorization: Bearer <API_TOKEN> or basic credentials",
    });
  });
};

export const authPlugin = fp(auth, { name: "auth", fastify: "5.x" });
