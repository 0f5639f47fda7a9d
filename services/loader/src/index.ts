export * from "./env.ts";
export * from "./model.ts";
export * from "./service.ts";
export * from "./writer.ts";
