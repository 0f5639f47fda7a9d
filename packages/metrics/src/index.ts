export * from "./registry.ts";
export * from "./server.ts";
