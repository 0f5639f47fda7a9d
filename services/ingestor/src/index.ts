export * from "./env.ts";
export * from "./service.ts";
