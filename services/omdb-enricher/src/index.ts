export * from "./env.ts";
export * from "./processor.ts";
export * from "./service.ts";
