export { type ChildOutcomes, failureRecords } from "./children.ts";
export * from "./env.ts";
export * from "./model.ts";
export { createLoadProcessor } from "./processor.ts";
export * from "./service.ts";
export * from "./writer.ts";
