import type { Logger } from "@tvr/config";
import { pipelineRuns } from "@tvr/db";
import {
  queues as contract,
  parsePayload,
  type RunStagesPayload,
  TransformResult,
  ValidateResult,
} from "@tvr/queues";
import { type Job, WaitingChildrenError } from "bullmq";
import { eq } from "drizzle-orm";
import {
  beginStage,
  endStage,
  enterTransforming,
  finishLoadedRun,
  isTerminal,
  type RunDeps,
  type RunStatus,
} from "./lifecycle.ts";

type Stage = "validate" | "transform";

export interface RunStagesOptions extends RunDeps {
  log: Logger;
  /** `off` until the quality worker is deployed: the stages are recorded as skipped. */
  qualityStage: "on" | "off";
  /** How long a stage waits for the quality worker before the run ends `partial`. */
  stageTimeoutMs: number;
}

export const qualityJobId = (runId: string, stage: Stage) => `${runId}-${stage}`;
const timeoutJobId = (runId: string, stage: Stage) => `${runId}-${stage}-timeout`;

/**
 * The step job of a loaded run (BullMQ's step-job + dynamic-children pattern):
 * adds the `validate` child on the quality queue and waits for it, moves the run
 * to `transforming`, adds the `transform` child and waits, then ends the run by
 * the policy with what the children returned. Every step is safe to run twice:
 * children have fixed ids and stage outcomes are recorded once.
 */
export function createRunStagesProcessor(deps: RunStagesOptions) {
  return async (job: Job, token?: string) => {
    if (job.name === "stage-timeout") return timeOutStage(deps, job);
    const data = parsePayload("runs", "stages", job.data);
    const status = await runStatus(deps, data.runId);
    if (!status || isTerminal(status)) return { runId: data.runId, skipped: `run is ${status ?? "gone"}` };
    if (deps.qualityStage === "off") {
      for (const stage of ["validate", "transform"] as const) {
        await endStage(deps.db, data.runId, stage, { outcome: "skipped", error: "QUALITY_STAGE=off" });
      }
      return { runId: data.runId, status: await finishLoadedRun(deps.db, data.runId) };
    }
    if (data.step === "validate") {
      await startStage(deps, job, token, data, "validate", "validated");
    }
    if (data.step === "validated") {
      await recordChildOutcome(deps, job, data.runId, "validate");
      if (!(await enterTransforming(deps.db, data.runId))) {
        return { runId: data.runId, status: await runStatus(deps, data.runId) };
      }
      await startStage(deps, job, token, data, "transform", "transformed");
    }
    await recordChildOutcome(deps, job, data.runId, "transform");
    const final = await finishLoadedRun(deps.db, data.runId);
    if (final) deps.log.info({ runId: data.runId, status: final }, "run finished");
    return { runId: data.runId, status: final ?? (await runStatus(deps, data.runId)) };
  };
}

async function runStatus(deps: RunDeps, runId: string): Promise<RunStatus | undefined> {
  const run = await deps.db.query.pipelineRuns.findFirst({
    columns: { status: true },
    where: eq(pipelineRuns.id, runId),
  });
  return run?.status;
}

/** Adds the stage's quality child and its timeout, then parks the step job until the child is done. */
async function startStage(
  deps: RunStagesOptions,
  job: Job,
  token: string | undefined,
  data: RunStagesPayload,
  stage: Stage,
  next: RunStagesPayload["step"],
): Promise<void> {
  await beginStage(deps.db, data.runId, stage);
  const payload = parsePayload("quality", stage, { runId: data.runId, period: data.period });
  await deps.queues.quality.add(stage, payload, {
    ...contract.quality.options,
    jobId: qualityJobId(data.runId, stage),
    parent: { id: job.id ?? "", queue: job.queueQualifiedName },
  });
  await deps.queues.runs.add(
    "stage-timeout",
    parsePayload("runs", "stage-timeout", { runId: data.runId, stage }),
    { ...contract.runs.options, jobId: timeoutJobId(data.runId, stage), delay: deps.stageTimeoutMs },
  );
  await job.updateData({ ...data, step: next });
  if (!token) throw new Error("the runs queue's step job needs its lock token to wait for its children");
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  data.step = next;
}

/** Reads what the stage's child returned (or why it failed for good) and records the outcome once. */
async function recordChildOutcome(deps: RunStagesOptions, job: Job, runId: string, stage: Stage) {
  await deps.queues.runs.remove(timeoutJobId(runId, stage));
  const childId = qualityJobId(runId, stage);
  const key = (k: string) => k.endsWith(`:${childId}`);
  const values = await job.getChildrenValues();
  const valueKey = Object.keys(values).find(key);
  if (valueKey !== undefined) {
    const parsed = (stage === "validate" ? ValidateResult : TransformResult).safeParse(values[valueKey]);
    if (!parsed.success) {
      await endStage(deps.db, runId, stage, {
        outcome: "error",
        result: values[valueKey] ?? null,
        error: `the quality worker returned a value that breaks the contract: ${parsed.error.message}`,
      });
      return;
    }
    await endStage(deps.db, runId, stage, { outcome: stageVerdict(parsed.data), result: parsed.data });
    return;
  }
  const failures = await job.getIgnoredChildrenFailures();
  const failureKey = Object.keys(failures).find(key);
  if (failureKey !== undefined) {
    await endStage(deps.db, runId, stage, {
      outcome: "error",
      error: `quality job ${childId} failed for good: ${failures[failureKey]}`,
    });
  }
  // Neither: the timeout ended the stage and removed the waiting child; its outcome is recorded.
}

/** Critical failures (validate) or a failed build (transform) fail the stage; warnings don't. */
export function stageVerdict(result: ValidateResult | TransformResult): "passed" | "failed" {
  if ("criticalFailures" in result) return result.criticalFailures.length ? "failed" : "passed";
  return result.success && result.failures.length === 0 ? "passed" : "failed";
}

/**
 * A stage that waited its whole timeout ends `timed_out` and the run ends
 * `partial` saying so. The child is removed when nobody has taken it yet, which
 * also wakes the step job (it then finds the run ended).
 */
async function timeOutStage(deps: RunStagesOptions, job: Job) {
  const { runId, stage } = parsePayload("runs", "stage-timeout", job.data);
  const childId = qualityJobId(runId, stage);
  const child = await deps.queues.quality.getJob(childId);
  const state = child ? await child.getState() : "missing";
  const seconds = Math.round(deps.stageTimeoutMs / 1000);
  const recorded = await endStage(deps.db, runId, stage, {
    outcome: "timed_out",
    error: `no result from the quality worker after ${seconds}s (job ${childId} was ${state}; is services/quality running?)`,
  });
  if (!recorded) return { runId, stage, timedOut: false };
  const status = await finishLoadedRun(deps.db, runId);
  deps.log.warn({ runId, stage, childState: state, status }, "quality stage timed out");
  if (child && (state === "waiting" || state === "delayed" || state === "prioritized")) {
    await child.remove().catch((error: Error) => deps.log.warn({ err: error.message }, "could not remove"));
  }
  return { runId, stage, timedOut: true, status };
}
