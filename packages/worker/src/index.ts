export * from "./env.ts";
export * from "./errors.ts";
export * from "./payload-check.ts";
export * from "./queues.ts";
export * from "./service.ts";
export * from "./stage-counts.ts";
export * from "./worker.ts";
