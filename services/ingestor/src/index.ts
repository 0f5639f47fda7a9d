export * from "./env.ts";
export { createTmdbProcessor } from "./processors/tmdb.ts";
export * from "./service.ts";
