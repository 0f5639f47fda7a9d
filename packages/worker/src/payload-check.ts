import { queues as contract, type QueueKey } from "@tvr/queues";
import { z } from "zod";

/** A job whose data doesn't match its queue's schema: what can still be read of it. */
export interface BadPayload {
  queue: string;
  jobName: string;
  jobId: string | undefined;
  /** The run it belongs to, when its `runId` is still a uuid. */
  runId: string | undefined;
  /** The series it is about (`seriesId` or `series.seriesId`), when readable. */
  seriesId: number | undefined;
  detail: string;
}

const Readable = z.object({
  runId: z.uuid().optional().catch(undefined),
  seriesId: z.number().int().optional().catch(undefined),
  series: z
    .object({ seriesId: z.number().int().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

/** Checks a job's data against the contract; null when it parses. */
export function checkPayload(
  queue: QueueKey,
  job: { name: string; id?: string | undefined; data: unknown },
): BadPayload | null {
  const schema = (contract[queue].jobs as Record<string, z.ZodType>)[job.name];
  const parsed = schema?.safeParse(job.data);
  if (parsed?.success) return null;
  const detail = parsed
    ? parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ")
    : `no job named "${job.name}" on queue ${contract[queue].name}`;
  const readable = Readable.safeParse(job.data).data;
  return {
    queue: contract[queue].name,
    jobName: job.name,
    jobId: job.id,
    runId: readable?.runId,
    seriesId: readable?.seriesId ?? readable?.series?.seriesId,
    detail,
  };
}
