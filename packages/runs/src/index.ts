export * from "./bad-payload.ts";
export * from "./eta.ts";
export * from "./gate.ts";
export {
  type CancelOutcome,
  cancelRun,
  completeLoadingIfDone,
  enqueueRunStages,
  failRun,
  getRun,
  isTerminal,
  listRuns,
  periodHolder,
  type Run,
  type RunDeps,
  type RunMode,
  type RunStatus,
  type StartRunInput,
  startRun,
  TERMINAL_STATUSES,
} from "./lifecycle.ts";
export * from "./records.ts";
export { createRunStagesProcessor, qualityJobId, type RunStagesOptions, stageVerdict } from "./stages.ts";
export * from "./summary.ts";
export * from "./waiting.ts";
