export { createOmdbCache } from "./cache.ts";
export * from "./env.ts";
export * from "./processor.ts";
export * from "./quota.ts";
export * from "./service.ts";
