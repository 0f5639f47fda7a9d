export * from "./app.ts";
export * from "./env.ts";
export * from "./scheduler.ts";
export * from "./service.ts";
