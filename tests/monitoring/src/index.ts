export * from "./processes.ts";
export * from "./receivers.ts";
export * from "./stack.ts";
