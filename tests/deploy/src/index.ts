export * from "./kustomize.ts";
export * from "./paths.ts";
export * from "./tools.ts";
