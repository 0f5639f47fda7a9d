export * from "./infra.ts";
export * from "./schedule.ts";
export * from "./services.ts";
