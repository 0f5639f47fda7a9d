export * from "./fixtures.ts";
export * from "./infra.ts";
