import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { authPlugin } from "../src/plugins/auth.ts";
import { LoginThrottle } from "../src/plugins/login-throttle.ts";

const token = "s3cret-token-0123456789";

async function appWith(throttle: LoginThrottle) {
  const app = Fastify();
  await app.register(authPlugin, { token, disabled: false, throttle });
  app.get("/private", async () => ({ ok: true }));
  return app;
}

describe("repeated failed logins", () => {
  it("are slowed down per address with a doubling wait, refused unchecked meanwhile", async () => {
    let now = 1_000_000;
    const app = await appWith(new LoginThrottle({ freeFailures: 3, baseDelayMs: 1_000, now: () => now }));
    const attempt = (authorization: string, remoteAddress = "10.0.0.1") =>
      app.inject({ url: "/private", headers: { authorization }, remoteAddress });

    for (let i = 0; i < 3; i++) expect((await attempt("Bearer wrong-guess")).statusCode).toBe(401);
    const slowed = await attempt(`Bearer ${token}`);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers["retry-after"]).toBe("1");
    expect(slowed.json().message).toMatch(/too many failed logins.*try again in 1 s/);
    // Another address is not affected.
    expect((await attempt(`Bearer ${token}`, "10.0.0.2")).statusCode).toBe(200);

    now += 1_000;
    expect((await attempt("Bearer wrong-again")).statusCode).toBe(401);
    now += 1_000;
    expect((await attempt(`Bearer ${token}`)).statusCode).toBe(429);
    expect((await attempt(`Bearer ${token}`)).headers["retry-after"]).toBe("1");
    now += 1_000;
    expect((await attempt(`Bearer ${token}`)).statusCode).toBe(200);
    // A correct login clears the address.
    expect((await attempt("Bearer wrong-guess")).statusCode).toBe(401);
    expect((await attempt(`Bearer ${token}`)).statusCode).toBe(200);
    await app.close();
  });

  it("doesn't count requests that carry no credentials at all", async () => {
    const app = await appWith(new LoginThrottle({ freeFailures: 1 }));
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: "/private" })).statusCode).toBe(401);
    const ok = await app.inject({ url: "/private", headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    await app.close();
  });
});
