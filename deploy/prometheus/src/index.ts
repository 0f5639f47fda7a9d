export * from "./render.ts";
export * from "./rules.ts";
export * from "./settings.ts";
