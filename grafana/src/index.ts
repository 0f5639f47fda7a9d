export * from "./dashboards.ts";
export * from "./panels.ts";
export * from "./render.ts";
