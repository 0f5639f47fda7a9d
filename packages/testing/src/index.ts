export * from "./binaries.ts";
export * from "./fixtures.ts";
export * from "./infra.ts";
export * from "./ports.ts";
