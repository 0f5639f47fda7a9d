export * from "./connection.ts";
export * from "./contract.ts";
export * from "./payloads.ts";
export * from "./period.ts";
