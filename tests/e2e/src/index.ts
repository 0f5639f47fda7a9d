export * from "./harness.ts";
export * from "./quality-worker.ts";
export * from "./snapshot.ts";
export * from "./truth.ts";
